import type { OcsfEvent } from '@vigil/schema';
import { z } from 'zod';
import { parseCidr } from './cidr.ts';
import type { Signal } from './types.ts';

/**
 * Suppressions: analyst-approved exceptions, as data. Every given scope must match the signal's
 * triggering event; `expires` is compared with event time, so replaying old logs gives the
 * answer the suppression gave back then.
 */
const entry = z
  .strictObject({
    id: z.string().min(1),
    reason: z.string().min(3),
    rule: z.string().min(1).optional(),
    principal: z.string().min(1).optional(),
    account: z.string().min(1).optional(),
    cidr: z.string().min(1).optional(),
    resource: z.string().min(1).optional(),
    tag: z.string().min(1).optional(),
    expires: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((e) => e.rule || e.principal || e.account || e.cidr || e.resource || e.tag, {
    message: 'a suppression needs at least one scope: rule, principal, account, cidr, resource or tag',
  });

export const suppressionFile = z.strictObject({ suppressions: z.array(entry) });
export type Suppression = z.infer<typeof entry>;

export class SuppressionError extends Error {
  override name = 'SuppressionError';
}

type Matcher = (signal: Signal, event: OcsfEvent) => boolean;

function principalOf(e: OcsfEvent): string[] {
  const user = ('actor' in e ? e.actor?.user : undefined) ?? ('user' in e ? e.user : undefined);
  return [user?.uid, user?.name].filter((v): v is string => typeof v === 'string');
}

function compile(s: Suppression, where: string): Matcher {
  const checks: Matcher[] = [];
  if (s.rule) checks.push((signal) => signal.analytic.uid === s.rule);
  if (s.principal) checks.push((_s, e) => principalOf(e).includes(s.principal!));
  if (s.account) checks.push((_s, e) => e.cloud.account?.uid === s.account);
  if (s.cidr) {
    let cidr: ReturnType<typeof parseCidr>;
    try {
      cidr = parseCidr(s.cidr);
    } catch (error) {
      throw new SuppressionError(`${where}: ${(error as Error).message}`);
    }
    checks.push((_s, e) => {
      const ip = 'src_endpoint' in e ? e.src_endpoint?.ip : undefined;
      return ip !== undefined && cidr.contains(ip);
    });
  }
  if (s.resource) {
    checks.push((_s, e) =>
      'resources' in e
        ? (e.resources ?? []).some((r) => r.uid === s.resource || r.name === s.resource)
        : false,
    );
  }
  if (s.tag) {
    checks.push((_s, e) =>
      'resources' in e ? (e.resources ?? []).some((r) => r.labels?.includes(s.tag!)) : false,
    );
  }
  const expires = s.expires ? Date.parse(s.expires) : Number.POSITIVE_INFINITY;
  return (signal, event) => event.time < expires && checks.every((c) => c(signal, event));
}

/** A signal filter returning the id of the first suppression that covers the signal, if any. */
export function compileSuppressions(
  input: unknown,
  source = 'suppressions',
): (signal: Signal) => string | undefined {
  const parsed = suppressionFile.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new SuppressionError(`${source}: ${problems}`);
  }
  const ids = new Set<string>();
  const matchers = parsed.data.suppressions.map((s, i) => {
    if (ids.has(s.id)) throw new SuppressionError(`${source}: suppressions[${i}]: duplicate id ${s.id}`);
    ids.add(s.id);
    return { id: s.id, match: compile(s, `${source}: suppressions[${i}]`) };
  });
  return (signal) => {
    const trigger = signal.events[signal.events.length - 1];
    if (!trigger) return undefined;
    return matchers.find((m) => m.match(signal, trigger))?.id;
  };
}
