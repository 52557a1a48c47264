import type { Policy, ResourceDetails, User } from '@vigil/schema';
import { entraUser } from './azure-actor.ts';
import type { AccountChangeKind } from './azure-audit-change.ts';
import { asRecord, asString } from './common.ts';

/** The objects of an Entra audit's `targetResources`, skipping anything that is not an object. */
export function targetRecords(targets: unknown[] | undefined): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  if (targets === undefined) return out;
  for (const t of targets) {
    const r = asRecord(t);
    if (r !== undefined) out.push(r);
  }
  return out;
}

/**
 * Targets as resources; each target itself is kept as `data`, so `modifiedProperties` stay
 * readable by rules. A target with neither id nor name cannot be a resource and is left out.
 */
export function resourcesOf(targets: Record<string, unknown>[]): ResourceDetails[] {
  const out: ResourceDetails[] = [];
  for (const t of targets) {
    const uid = asString(t.id);
    const name = asString(t.displayName) ?? asString(t.userPrincipalName);
    if (uid !== undefined || name !== undefined) out.push({ uid, name, type: asString(t.type), data: t });
  }
  return out;
}

/** Role membership can be granted to users and to service principals; other changes target users. */
export function targetUser(
  targets: Record<string, unknown>[],
  change: AccountChangeKind,
  tenantId: string | undefined,
): User | undefined {
  for (const t of targets) {
    const type = asString(t.type)?.toLowerCase();
    const user =
      type === 'user'
        ? entraUser({
            uid: asString(t.id),
            name: asString(t.userPrincipalName),
            displayName: asString(t.displayName),
            type: 'User',
            tenantId,
          })
        : change.role && type === 'serviceprincipal'
          ? entraUser({
              uid: asString(t.id),
              name: asString(t.displayName),
              type: 'ServicePrincipal',
              tenantId,
            })
          : undefined;
    if (user !== undefined) return user;
  }
  return undefined;
}

/**
 * The role of a membership change: a `Role` target when Entra lists one, else the user target's
 * `Role.DisplayName` / `Role.ObjectID` modified properties (JSON-quoted strings).
 */
export function rolePolicy(targets: Record<string, unknown>[]): Policy | undefined {
  let uid: string | undefined;
  let name: string | undefined;
  for (const t of targets) {
    if (asString(t.type)?.toLowerCase() === 'role') {
      uid = asString(t.id);
      name = asString(t.displayName);
      break;
    }
    if (!Array.isArray(t.modifiedProperties)) continue;
    for (const m of t.modifiedProperties) {
      const prop = asRecord(m);
      const key = asString(prop?.displayName);
      if (key === 'Role.DisplayName') name ??= unquote(prop?.newValue ?? prop?.oldValue);
      else if (key === 'Role.ObjectID') uid ??= unquote(prop?.newValue ?? prop?.oldValue);
    }
  }
  return uid === undefined && name === undefined ? undefined : { uid, name, type: 'Entra ID directory role' };
}

function unquote(value: unknown): string | undefined {
  const s = asString(value);
  if (s === undefined) return undefined;
  return s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? asString(s.slice(1, -1)) : s;
}
