import { MAX_RELATED_EVENTS } from '@vigil/detect';
import { type DetectionFinding, FINDING_ACTIVITY, FINDING_ACTIVITY_NAME } from '@vigil/schema';

const MAX_EVIDENCES = 10;
const MAX_RESOURCES = 20;

/**
 * Merges a finding into the stored finding with the same uid (same analytic, dedup key and
 * dedup window, seen again in a later batch or a retry). Returns undefined when the incoming
 * finding adds nothing, which is what a replay produces: the caller then writes nothing and
 * publishes nothing.
 *
 * `count` grows by the incoming events not already listed. Past `MAX_RELATED_EVENTS` listed
 * events the stored list is full and events beyond it cannot be told apart from replays, so
 * the count is then an upper bound.
 */
export function mergeFinding(
  stored: DetectionFinding,
  incoming: DetectionFinding,
): DetectionFinding | undefined {
  if (stored.finding_info.uid !== incoming.finding_info.uid) {
    throw new RangeError(
      `mergeFinding: uids differ (${stored.finding_info.uid} and ${incoming.finding_info.uid})`,
    );
  }
  const listed = new Set(stored.finding_info.related_events.map((e) => e.uid));
  const fresh = incoming.finding_info.related_events.filter((e) => !listed.has(e.uid));
  const incomingCount = incoming.count ?? incoming.finding_info.related_events.length;
  const storedCount = stored.count ?? stored.finding_info.related_events.length;
  const unlisted = incomingCount - incoming.finding_info.related_events.length;
  if (fresh.length === 0 && (unlisted <= 0 || listed.size < MAX_RELATED_EVENTS)) return undefined;
  const count = storedCount + fresh.length + Math.max(unlisted, 0);
  const stronger = incoming.severity_id > stored.severity_id ? incoming : stored;
  const evidenceUids = new Set((stored.evidences ?? []).map((e) => e.uid));
  const merged: DetectionFinding = {
    ...stored,
    activity_id: FINDING_ACTIVITY.UPDATE,
    activity_name: FINDING_ACTIVITY_NAME[FINDING_ACTIVITY.UPDATE],
    type_uid: stored.class_uid * 100 + FINDING_ACTIVITY.UPDATE,
    type_name: `Detection Finding: ${FINDING_ACTIVITY_NAME[FINDING_ACTIVITY.UPDATE]}`,
    time: Math.max(stored.time, incoming.time),
    severity_id: stronger.severity_id,
    severity: stronger.severity,
    confidence_score: stronger.confidence_score,
    confidence_id: stronger.confidence_id,
    risk_score: stronger.risk_score,
    count,
    finding_info: {
      ...stored.finding_info,
      related_events: [...stored.finding_info.related_events, ...fresh].slice(0, MAX_RELATED_EVENTS),
      related_events_count: count,
      data_sources: union(stored.finding_info.data_sources, incoming.finding_info.data_sources),
      first_seen_time: min(stored.finding_info.first_seen_time, incoming.finding_info.first_seen_time),
      last_seen_time: max(stored.finding_info.last_seen_time, incoming.finding_info.last_seen_time),
    },
    evidences: [
      ...(stored.evidences ?? []),
      ...(incoming.evidences ?? []).filter((e) => !evidenceUids.has(e.uid)),
    ].slice(0, Math.max(MAX_EVIDENCES, stored.evidences?.length ?? 0)),
  };
  const start = min(stored.start_time, incoming.start_time);
  if (start !== undefined) merged.start_time = start;
  const end = max(stored.end_time, incoming.end_time);
  if (end !== undefined) merged.end_time = end;
  const resources = [...(stored.resources ?? []), ...(incoming.resources ?? [])];
  if (resources.length > 0) {
    const byKey = new Map(resources.map((r) => [r.uid ?? r.name ?? JSON.stringify(r), r]));
    merged.resources = [...byKey.values()].slice(0, MAX_RESOURCES);
  }
  return merged;
}

function union(a: readonly string[] | undefined, b: readonly string[] | undefined): string[] {
  return [...new Set([...(a ?? []), ...(b ?? [])])];
}

function min(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}

function max(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}
