import { StratusReplayError } from '../errors.ts';
import { runSteps, type Step } from '../run-steps.ts';
import type { StratusTechnique } from '../technique.ts';
import type { AwsContext } from './context.ts';
import { type AwsCall, cloudTrailRecord } from './record.ts';

/**
 * One call of a detonation. `key` is `service:EventName` as CloudTrail names it (Lambda keeps
 * its API version suffix, `UpdateFunctionCode20150331v2`), the same key as the technique's
 * observed counts.
 */
export interface AwsStep {
  key: string;
  /** Used when the technique has no observed count for `key` (default 1). */
  count?: number;
  gapMs?: readonly [number, number];
  call: (index: number, count: number) => AwsCall;
}

export type AwsPlan = (ctx: AwsContext) => AwsStep[];

/** Long waiter loops are cut short: enough calls to show the burst, not a thousand copies. */
export const MAX_CALLS_PER_KEY = 50;

/** Steps sharing a key split its total in order, as a waiter's polls before and after a change. */
function counts(steps: AwsStep[], technique: StratusTechnique): number[] {
  const observed = technique.observed_cloudtrail_events ?? {};
  for (const key of Object.keys(observed)) {
    if (!steps.some((s) => s.key === key))
      throw new StratusReplayError(`${technique.id}: observed call ${key} has no step in the replay plan`);
  }
  const byKey = new Map<string, number[]>();
  steps.forEach((step, i) => {
    byKey.set(step.key, [...(byKey.get(step.key) ?? []), i]);
  });
  const out = new Array<number>(steps.length).fill(0);
  for (const [key, indexes] of byKey) {
    const planned = indexes.reduce((sum, i) => sum + (steps[i]!.count ?? 1), 0);
    const total = Math.min(MAX_CALLS_PER_KEY, observed[key] ?? planned);
    indexes.forEach((stepIndex, j) => {
      out[stepIndex] = Math.floor(total / indexes.length) + (j < total % indexes.length ? 1 : 0);
    });
  }
  return out;
}

export function replayAws(
  plan: AwsPlan,
  technique: StratusTechnique,
  ctx: AwsContext,
): Record<string, unknown>[] {
  const steps = plan(ctx);
  const n = counts(steps, technique);
  const runnable: Step<Record<string, unknown>>[] = steps.map((step, i) => ({
    count: n[i]!,
    ...(step.gapMs ? { gapMs: step.gapMs } : {}),
    make: (index, count) => cloudTrailRecord(ctx, step.key, step.call(index, count)),
  }));
  return runSteps(ctx, runnable);
}
