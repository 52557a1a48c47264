import type { Human } from '../org/people.ts';
import { DAY } from '../time.ts';
import type { Day } from './day.ts';

/**
 * The first Monday to Thursday (UTC calendar) at `fraction` of the range, never day 0: a
 * starter's accounts are made that day and they sign in the next, a working day too.
 */
export function lifecycleDay(fraction: number, start: number, days: number): number {
  let d = Math.max(1, Math.floor(fraction * days));
  for (;;) {
    const weekday = new Date(start + d * DAY).getUTCDay();
    if (weekday >= 1 && weekday <= 4) return d;
    d++;
  }
}

export function joinDay(human: Human, day: Day): number | undefined {
  return human.joinsAt === undefined ? undefined : lifecycleDay(human.joinsAt, day.start, day.days);
}

export function leaveDay(human: Human, day: Day): number | undefined {
  return human.leavesAt === undefined ? undefined : lifecycleDay(human.leavesAt, day.start, day.days);
}

/**
 * Whether the person works for the organisation on `day`: from the day after their accounts
 * are created, until the day before they are removed.
 */
export function employed(human: Human, day: Day): boolean {
  const joins = joinDay(human, day);
  const leaves = leaveDay(human, day);
  if (joins !== undefined && day.index <= joins) return false;
  return leaves === undefined || day.index < leaves;
}
