import type { Analytic } from '@vigil/detect';
import { findingFrom } from '@vigil/detect/test-events';
import type { DetectionFinding } from '@vigil/schema';

/** An analytic that signals every event under one dedup key, for a one-hour period. */
export const everyEvent: Analytic = {
  info: { uid: 'test-every-event', name: 'every event', type_id: 1 },
  evaluate: (event) => ({
    analytic: everyEvent.info,
    title: 'every event',
    desc: 'test',
    events: [event],
    severity_id: 'api' in event && event.api?.operation === 'DeleteTrail' ? 4 : 2,
    confidence: 80,
    attacks: [],
    dedupKey: 'k',
    dedupPeriodMs: 3_600_000,
  }),
};

/** The finding the detector builds from these events (uids `e<i>`, one second apart from `start`). */
export function findingOf(ids: readonly number[], start?: number, operation?: string): DetectionFinding {
  return findingFrom(everyEvent, ids, start, operation);
}
