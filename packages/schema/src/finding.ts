import { z } from 'zod';
import { atLeastOne } from './at-least-one.ts';
import { CLASS } from './constants.ts';
import {
  actor,
  api,
  cloud,
  connectionInfo,
  httpRequest,
  metadata,
  networkEndpoint,
  observable,
  product,
  resourceDetails,
  timestamp,
  user,
} from './objects.ts';
import { typeUidChecked } from './type-uid.ts';

const str = z.string();
const int = z.number().int();

/** ATT&CK tactic, technique and sub-technique share the `_entity` shape and constraint. */
const attackEntity = (what: string) =>
  atLeastOne(z.strictObject({ uid: str.optional(), name: str.optional(), src_url: str.optional() }), what, [
    'name',
    'uid',
  ]);

export const attack = atLeastOne(
  z.strictObject({
    tactic: attackEntity('tactic').optional(),
    technique: attackEntity('technique').optional(),
    sub_technique: attackEntity('sub_technique').optional(),
    version: str.optional(),
  }),
  'attack',
  ['tactic', 'technique', 'sub_technique'],
);

export const analytic = atLeastOne(
  z.strictObject({
    uid: str.optional(),
    name: str.optional(),
    type: str.optional(),
    type_id: int,
    category: str.optional(),
    desc: str.optional(),
    version: str.optional(),
  }),
  'analytic',
  ['name', 'uid'],
);

export const relatedEvent = z.strictObject({
  uid: str.min(1),
  type_uid: int.optional(),
  type_name: str.optional(),
  severity_id: int.optional(),
  product: product.optional(),
  created_time: timestamp.optional(),
});

export const findingInfo = z.strictObject({
  uid: str.min(1),
  title: str.min(1),
  desc: str.optional(),
  analytic,
  attacks: z.array(attack).optional(),
  related_events: z.array(relatedEvent).min(1),
  related_events_count: int.optional(),
  types: z.array(str).optional(),
  data_sources: z.array(str).optional(),
  created_time: timestamp.optional(),
  first_seen_time: timestamp.optional(),
  last_seen_time: timestamp.optional(),
  src_url: str.optional(),
  tags: z.array(z.strictObject({ name: str, value: str })).optional(),
});

export const evidence = atLeastOne(
  z.strictObject({
    uid: str.optional(),
    name: str.optional(),
    actor: actor.optional(),
    api: api.optional(),
    src_endpoint: networkEndpoint.optional(),
    dst_endpoint: networkEndpoint.optional(),
    connection_info: connectionInfo.optional(),
    http_request: httpRequest.optional(),
    resources: z.array(resourceDetails).optional(),
    user: user.optional(),
    data: z.unknown().optional(),
  }),
  'evidences',
  ['actor', 'api', 'connection_info', 'data', 'dst_endpoint', 'resources', 'src_endpoint', 'user'],
);

/** OCSF `enrichment`: what a threat-intelligence source said about one attribute's value. */
export const enrichment = z.strictObject({
  name: str.min(1),
  value: str,
  data: z.unknown(),
  type: str.optional(),
  provider: str.optional(),
  created_time: timestamp.optional(),
  short_desc: str.optional(),
  desc: str.optional(),
  src_url: str.optional(),
});

export const remediation = z.strictObject({ desc: str, references: z.array(str).optional() });

export const detectionFinding = typeUidChecked(
  z.strictObject({
    class_uid: z.literal(CLASS.DETECTION_FINDING.class_uid),
    class_name: str.optional(),
    category_uid: z.literal(CLASS.DETECTION_FINDING.category_uid),
    category_name: str.optional(),
    activity_id: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    activity_name: str.optional(),
    type_uid: int,
    type_name: str.optional(),
    time: timestamp,
    severity_id: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
    severity: str.optional(),
    status_id: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(6)]),
    status: str.optional(),
    confidence_id: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]).optional(),
    confidence_score: int.min(0).max(100),
    risk_score: int.min(0).max(100),
    risk_level_id: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
    is_alert: z.boolean().optional(),
    count: int.optional(),
    start_time: timestamp.optional(),
    end_time: timestamp.optional(),
    message: str.optional(),
    metadata,
    finding_info: findingInfo,
    cloud,
    actor: actor.optional(),
    resources: z.array(resourceDetails).optional(),
    evidences: z.array(evidence).min(1),
    observables: z.array(observable).optional(),
    enrichments: z.array(enrichment).optional(),
    remediation: remediation.optional(),
    unmapped: z.record(str, z.unknown()).optional(),
  }),
);

export type Attack = z.infer<typeof attack>;
export type DetectionFinding = z.infer<typeof detectionFinding>;
export type Evidence = z.infer<typeof evidence>;
export type Enrichment = z.infer<typeof enrichment>;
