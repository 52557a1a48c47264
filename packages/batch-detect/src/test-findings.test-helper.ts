import { everyEventAnalytic, findingFrom } from '@vigil/detect/test-events';
import type { DetectionFinding } from '@vigil/schema';

/** Signals every event under one dedup key for an hour; a DeleteTrail raises it to High. */
export const everyEvent = everyEventAnalytic(
  { uid: 'test-every-event', name: 'every event', type_id: 1 },
  (event) => ('api' in event && event.api?.operation === 'DeleteTrail' ? 4 : 2),
  80,
);

/** The finding the detector builds from these events (uids `e<i>`, one second apart from `start`). */
export function findingOf(ids: readonly number[], start?: number, operation?: string): DetectionFinding {
  return findingFrom(everyEvent, ids, start, operation);
}
