import { createHash } from 'node:crypto';
import {
  ANALYTIC_TYPE_NAME,
  CLASS,
  CLASS_PROFILES,
  type DetectionFinding,
  type Evidence,
  FINDING_ACTIVITY,
  FINDING_STATUS,
  OCSF_VERSION,
  type OcsfEvent,
  PRODUCT,
  type ResourceDetails,
  SEVERITY_NAME,
} from '@vigil/schema';
import type { Signal } from './types.ts';

/** Related events and evidences kept per finding; `count` still says how many contributed. */
export const MAX_RELATED_EVENTS = 500;
const MAX_EVIDENCES = 10;
const MAX_RESOURCES = 20;

/** A finding being assembled from the signals of one analytic and dedup key. */
export interface FindingGroup {
  first: Signal;
  events: OcsfEvent[];
  seen: Set<string>;
  count: number;
  firstSeen: number;
  lastSeen: number;
  /** Time of the earliest event of the opening signal: fixes the finding uid's dedup window. */
  openedAt: number;
}

export function openGroup(signal: Signal): FindingGroup {
  const group: FindingGroup = {
    first: signal,
    events: [],
    seen: new Set(),
    count: 0,
    firstSeen: Number.POSITIVE_INFINITY,
    lastSeen: 0,
    openedAt: Math.min(...signal.events.map((e) => e.time)),
  };
  addToGroup(group, signal);
  return group;
}

export function addToGroup(group: FindingGroup, signal: Signal): void {
  for (const event of signal.events) {
    const uid = event.metadata.uid;
    if (group.seen.has(uid)) continue;
    group.seen.add(uid);
    group.count++;
    if (group.events.length < MAX_RELATED_EVENTS) group.events.push(event);
    if (event.time < group.firstSeen) group.firstSeen = event.time;
    if (event.time > group.lastSeen) group.lastSeen = event.time;
  }
}

/**
 * The finding uid is derived from the analytic, the dedup key and the dedup window the first
 * event falls in, so replaying the same input yields the same uid (idempotent writes downstream).
 */
export function findingUid(signal: Signal, firstSeen: number): string {
  const bucket = Math.floor(firstSeen / Math.max(signal.dedupPeriodMs, 1));
  return createHash('sha256')
    .update(`${signal.analytic.uid}\u0000${signal.dedupKey}\u0000${bucket}`)
    .digest('hex')
    .slice(0, 32);
}

function evidenceOf(event: OcsfEvent): Evidence {
  const e: Evidence = { uid: event.metadata.uid, name: event.type_name ?? String(event.type_uid) };
  if ('actor' in event && event.actor) e.actor = event.actor;
  if ('api' in event && event.api) e.api = stripApiData(event.api);
  if ('src_endpoint' in event && event.src_endpoint) e.src_endpoint = event.src_endpoint;
  if ('dst_endpoint' in event && event.dst_endpoint) e.dst_endpoint = event.dst_endpoint;
  if ('connection_info' in event && event.connection_info) e.connection_info = event.connection_info;
  if ('http_request' in event && event.http_request) e.http_request = event.http_request;
  if ('user' in event && event.user) e.user = event.user;
  if ('resources' in event && event.resources) e.resources = event.resources;
  return e;
}

/** Request and response bodies can be large; evidence keeps the call, `raw_data` stays with the event. */
function stripApiData(api: NonNullable<Evidence['api']>): NonNullable<Evidence['api']> {
  const out: NonNullable<Evidence['api']> = { operation: api.operation };
  if (api.service) out.service = api.service;
  if (api.version) out.version = api.version;
  if (api.request) out.request = { uid: api.request.uid };
  if (api.response) {
    const { data: _data, ...rest } = api.response;
    out.response = rest;
  }
  return out;
}

function resourcesOf(events: readonly OcsfEvent[]): ResourceDetails[] | undefined {
  const byKey = new Map<string, ResourceDetails>();
  for (const event of events) {
    if (!('resources' in event) || !event.resources) continue;
    for (const r of event.resources) {
      const key = r.uid ?? r.name ?? JSON.stringify(r);
      if (!byKey.has(key)) byKey.set(key, r);
      if (byKey.size >= MAX_RESOURCES) return [...byKey.values()];
    }
  }
  return byKey.size > 0 ? [...byKey.values()] : undefined;
}

/** OCSF risk score: severity scaled by confidence, 0-100. */
export function riskScore(severityId: number, confidence: number): number {
  return Math.round((severityId / 5) * confidence);
}

export function buildFinding(group: FindingGroup, createdTime: number): DetectionFinding {
  const s = group.first;
  const events = group.events;
  const head = events[0]!;
  const uid = findingUid(s, group.openedAt);
  const evidences = [...(s.evidences ?? []), ...events.slice(0, MAX_EVIDENCES).map(evidenceOf)];
  const finding: DetectionFinding = {
    class_uid: CLASS.DETECTION_FINDING.class_uid,
    class_name: CLASS.DETECTION_FINDING.class_name,
    category_uid: CLASS.DETECTION_FINDING.category_uid,
    category_name: CLASS.DETECTION_FINDING.category_name,
    activity_id: FINDING_ACTIVITY.CREATE,
    activity_name: 'Create',
    type_uid: CLASS.DETECTION_FINDING.class_uid * 100 + FINDING_ACTIVITY.CREATE,
    type_name: 'Detection Finding: Create',
    time: group.lastSeen,
    start_time: group.firstSeen,
    end_time: group.lastSeen,
    severity_id: s.severity_id,
    severity: SEVERITY_NAME[s.severity_id],
    status_id: FINDING_STATUS.NEW,
    status: 'New',
    confidence_score: Math.round(s.confidence),
    confidence_id: s.confidence >= 80 ? 3 : s.confidence >= 50 ? 2 : 1,
    risk_score: riskScore(s.severity_id, s.confidence),
    is_alert: true,
    count: group.count,
    message: s.summary ?? s.title,
    metadata: { version: OCSF_VERSION, product: { ...PRODUCT }, uid, profiles: [...CLASS_PROFILES[2004]] },
    finding_info: {
      uid,
      title: s.title,
      desc: s.desc,
      analytic: {
        uid: s.analytic.uid,
        name: s.analytic.name,
        type_id: s.analytic.type_id,
        type: ANALYTIC_TYPE_NAME[s.analytic.type_id],
        ...(s.analytic.version ? { version: s.analytic.version } : {}),
        ...(s.analytic.category ? { category: s.analytic.category } : {}),
      },
      attacks: [...s.attacks],
      related_events: events.map((e) => ({
        uid: e.metadata.uid,
        type_uid: e.type_uid,
        type_name: e.type_name,
      })),
      related_events_count: group.count,
      data_sources: [...new Set(events.map((e) => e.metadata.product.name ?? 'unknown'))],
      created_time: createdTime,
      first_seen_time: group.firstSeen,
      last_seen_time: group.lastSeen,
      ...(s.types ? { types: [...s.types] } : {}),
    },
    cloud: head.cloud,
    evidences,
  };
  const actor = 'actor' in head ? head.actor : undefined;
  if (actor) finding.actor = actor;
  const resources = resourcesOf(events);
  if (resources) finding.resources = resources;
  if (s.remediation) finding.remediation = s.remediation;
  return finding;
}
