import type { SetLookup } from '../ip-set.ts';
import type { Indicator, Verdict } from '../types.ts';
import { setDefinition } from './definitions.ts';

/** One verdict per offline set listing the indicator (IPs and domains only), as the set's definition rates it. */
export function setVerdicts(
  indicator: Indicator,
  sets: ReadonlyMap<string, SetLookup> | undefined,
  now: number,
): Verdict[] {
  if (!sets || indicator.type === 'url' || indicator.type === 'hash') return [];
  const out: Verdict[] = [];
  for (const [name, set] of sets) {
    if (!set.contains(indicator.value)) continue;
    const def = setDefinition(name);
    out.push({
      provider: `set:${name}`,
      indicator,
      verdict: def?.verdict ?? 'suspicious',
      score: def?.score ?? 50,
      time: now,
      reason: `listed in ${def?.title ?? name}`,
      ...(def ? { details: { source: def.attribution } } : {}),
    });
  }
  return out;
}
