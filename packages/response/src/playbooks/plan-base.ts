import type { PlaybookName } from '../guardrails.ts';
import type { Target } from '../targets.ts';
import type { Plan, PlanContext } from './types.ts';

export function emptyPlan(playbook: PlaybookName, target: Target, ctx: PlanContext): Plan {
  return {
    playbook,
    findingUid: ctx.findingUid,
    account: ctx.account,
    region: ctx.region,
    target,
    calls: [],
    before: {},
  };
}

/** The time as IAM condition values want it: ISO 8601 to the second. */
export function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}
