import { everyEventAnalytic, findingFrom } from '@vigil/detect/test-events';
import type { DetectionFinding } from '@vigil/schema';

const analytic = everyEventAnalytic({ uid: 'store-test', name: 'store test', type_id: 1 }, () => 3, 70);

/** A real finding from the detector over events `e<i>` one second apart. */
export function findingOf(ids: readonly number[], start?: number): DetectionFinding {
  return findingFrom(analytic, ids, start);
}

/** A union-of-events merge, enough to exercise the store's write paths. */
export function unionMerge(
  stored: DetectionFinding,
  incoming: DetectionFinding,
): DetectionFinding | undefined {
  const have = new Set(stored.finding_info.related_events.map((e) => e.uid));
  const fresh = incoming.finding_info.related_events.filter((e) => !have.has(e.uid));
  if (fresh.length === 0) return undefined;
  const related = [...stored.finding_info.related_events, ...fresh];
  return {
    ...stored,
    count: related.length,
    finding_info: { ...stored.finding_info, related_events: related },
  };
}
