import { asRecord, asString, describeType, toEpochMs } from './common.ts';

/**
 * Small readers for the ways Azure spells one value: plain strings in diagnostic exports,
 * `{value, localizedValue}` objects in the Activity Log REST shape, JSON text in Log Analytics
 * dynamic columns (as the query API returns them).
 */

/** `"x"` or `{value: "x", localizedValue: "…"}` → `"x"`. */
export function localized(value: unknown): string | undefined {
  return typeof value === 'string' ? asString(value) : asString(asRecord(value)?.value);
}

/**
 * JSON text that holds an object or an array (a Log Analytics dynamic column, an Activity
 * `requestbody`) parsed; an object passes through; other text is returned unchanged so that no
 * source data is lost.
 */
export function parseEmbeddedJson(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? undefined;
  const first = value.charCodeAt(0);
  // Only `{` or `[` can start the JSON we expect; skipping the rest avoids try/catch on every value.
  if (first !== 0x7b && first !== 0x5b) return asString(value);
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** A Log Analytics dynamic column as an object, whichever form it arrived in. */
export function dynamicRecord(value: unknown): Record<string, unknown> | undefined {
  return asRecord(parseEmbeddedJson(value));
}

/** A Log Analytics dynamic column as an array, whichever form it arrived in. */
export function dynamicArray(value: unknown): unknown[] | undefined {
  const parsed = parseEmbeddedJson(value);
  return Array.isArray(parsed) ? parsed : undefined;
}

const INTEGER = /^-?\d+$/;

/** True for the 8-4-4-4-12 hex form Entra uses for object, app and tenant ids. */
export function isGuid(value: string): boolean {
  return value.length === 36 && GUID.test(value);
}
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Entra numbers (`errorCode`, `ResultType`) come as numbers or numeric text. */
export function asInteger(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  return typeof value === 'string' && value.length <= 15 && INTEGER.test(value) ? Number(value) : undefined;
}

/**
 * The id and time every Azure record needs, or the failure reason naming the record kind and
 * the id fields it looked for (`expected id or correlationId, found none`).
 */
export function recordHead(
  kind: string,
  uid: string | undefined,
  idFields: string,
  time: unknown,
): { ok: true; uid: string; time: number } | { ok: false; reason: string } {
  if (uid === undefined) return { ok: false, reason: `${kind}: expected ${idFields}, found none` };
  const ms = toEpochMs(time);
  if (ms === undefined) {
    return { ok: false, reason: `${kind}: time must be an ISO-8601 timestamp, got ${describeType(time)}` };
  }
  return { ok: true, uid, time: ms };
}
