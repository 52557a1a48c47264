import type { OcsfEvent } from '@vigil/schema';

/** Field accessors rules share, so each rule reads the data model, not a source's layout. */

export function accountOf(event: OcsfEvent): string {
  return event.cloud.account?.uid ?? event.cloud.project_uid ?? 'unknown-account';
}

export function actorOf(event: OcsfEvent): string {
  const actor = 'actor' in event ? event.actor : undefined;
  const user = actor?.user ?? ('user' in event ? event.user : undefined);
  return user?.uid ?? user?.name ?? actor?.app_name ?? actor?.invoked_by ?? 'unknown-actor';
}

/** How summaries name the actor: the ARN on AWS, the sign-in name (UPN, e-mail) elsewhere. */
export function actorLabel(event: OcsfEvent): string {
  const actor = 'actor' in event ? event.actor : undefined;
  const user = actor?.user ?? ('user' in event ? event.user : undefined);
  const label = event.cloud.provider === 'AWS' ? (user?.uid ?? user?.name) : (user?.name ?? user?.uid);
  return label ?? actorOf(event);
}

export function requestData(event: OcsfEvent): Record<string, unknown> | undefined {
  const data = 'api' in event ? event.api?.request?.data : undefined;
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : undefined;
}

export function unmapped(event: OcsfEvent): Record<string, unknown> | undefined {
  return event.unmapped;
}

/** Walks an object along `path`, returning undefined at the first missing step. */
export function at(value: unknown, ...path: (string | number)[]): unknown {
  let v = value;
  for (const step of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string | number, unknown>)[step];
  }
  return v;
}

/** Items of a CloudTrail `{items: [...]}` list, or of a plain array. */
export function items(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  const inner = at(value, 'items');
  return Array.isArray(inner) ? inner : [];
}

/** Depth-limited search for the first string under any of `keys` (case-insensitive). */
export function findString(value: unknown, keys: readonly string[], depth = 4): string | undefined {
  if (depth < 0 || typeof value !== 'object' || value === null) return undefined;
  const wanted = new Set(keys.map((k) => k.toLowerCase()));
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string' && wanted.has(k.toLowerCase())) return v;
  }
  for (const v of Object.values(value)) {
    const found = findString(v, keys, depth - 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

export function apiOf(event: OcsfEvent) {
  return 'api' in event ? event.api : undefined;
}

export function operationOf(event: OcsfEvent): string | undefined {
  return apiOf(event)?.operation;
}
