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
  networkTraffic,
  observable,
  policy,
  resourceDetails,
  service,
  session,
  timestamp,
  user,
} from './objects.ts';
import { typeUidChecked } from './type-uid.ts';

const str = z.string();
const int = z.number().int();

/** Attributes of OCSF base_event, with the `cloud` profile applied (Vigil always applies it). */
const baseShape = {
  activity_name: str.optional(),
  category_name: str.optional(),
  class_name: str.optional(),
  type_name: str.optional(),
  severity_id: z.union([
    z.literal(0),
    z.literal(1),
    z.literal(2),
    z.literal(3),
    z.literal(4),
    z.literal(5),
    z.literal(6),
    z.literal(99),
  ]),
  severity: str.optional(),
  time: timestamp,
  start_time: timestamp.optional(),
  end_time: timestamp.optional(),
  count: int.optional(),
  message: str.optional(),
  metadata,
  status: str.optional(),
  status_id: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(99)]).optional(),
  status_code: str.optional(),
  status_detail: str.optional(),
  raw_data: str.optional(),
  unmapped: z.record(str, z.unknown()).optional(),
  observables: z.array(observable).optional(),
  cloud,
};

function classShape<C extends { class_uid: number; category_uid: number }>(cls: C) {
  return {
    class_uid: z.literal(cls.class_uid),
    category_uid: z.literal(cls.category_uid),
    type_uid: int,
  };
}

const activity = (...ids: number[]) =>
  z.union(ids.map((id) => z.literal(id)) as [z.ZodLiteral<number>, ...z.ZodLiteral<number>[]]);

export const apiActivity = typeUidChecked(
  z.strictObject({
    ...baseShape,
    ...classShape(CLASS.API_ACTIVITY),
    activity_id: activity(0, 1, 2, 3, 4, 99),
    actor,
    api,
    src_endpoint: networkEndpoint,
    dst_endpoint: networkEndpoint.optional(),
    http_request: httpRequest.optional(),
    resources: z.array(resourceDetails).optional(),
  }),
);

export const authentication = typeUidChecked(
  atLeastOne(
    z.strictObject({
      ...baseShape,
      ...classShape(CLASS.AUTHENTICATION),
      activity_id: activity(0, 1, 2, 3, 4, 5, 6, 7, 99),
      user,
      actor: actor.optional(),
      api: api.optional(),
      session: session.optional(),
      src_endpoint: networkEndpoint.optional(),
      dst_endpoint: networkEndpoint.optional(),
      http_request: httpRequest.optional(),
      service: service.optional(),
      is_mfa: z.boolean().optional(),
      is_remote: z.boolean().optional(),
      logon_type: str.optional(),
      logon_type_id: int.optional(),
      auth_protocol: str.optional(),
      auth_protocol_id: int.optional(),
      account_switch_type: str.optional(),
      account_switch_type_id: int.optional(),
    }),
    CLASS.AUTHENTICATION.class_name,
    ['service', 'dst_endpoint'],
  ),
);

export const accountChange = typeUidChecked(
  z.strictObject({
    ...baseShape,
    ...classShape(CLASS.ACCOUNT_CHANGE),
    activity_id: activity(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 99),
    user,
    user_result: user.optional(),
    actor: actor.optional(),
    api: api.optional(),
    policy: policy.optional(),
    src_endpoint: networkEndpoint.optional(),
    http_request: httpRequest.optional(),
  }),
);

export const networkActivity = typeUidChecked(
  atLeastOne(
    z.strictObject({
      ...baseShape,
      ...classShape(CLASS.NETWORK_ACTIVITY),
      activity_id: activity(0, 1, 2, 3, 4, 5, 6, 7, 99),
      src_endpoint: networkEndpoint.optional(),
      dst_endpoint: networkEndpoint.optional(),
      connection_info: connectionInfo.optional(),
      traffic: networkTraffic.optional(),
      is_src_dst_assignment_known: z.boolean().optional(),
      // security_control profile: what the control (security group / NACL) did with the flow.
      action: str.optional(),
      action_id: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(99)]).optional(),
      disposition: str.optional(),
      disposition_id: int.optional(),
    }),
    CLASS.NETWORK_ACTIVITY.class_name,
    ['dst_endpoint', 'src_endpoint'],
  ),
);

export type ApiActivity = z.infer<typeof apiActivity>;
export type Authentication = z.infer<typeof authentication>;
export type AccountChange = z.infer<typeof accountChange>;
export type NetworkActivity = z.infer<typeof networkActivity>;

/** Every class a normalizer may emit. Discriminate on `class_uid`. */
export type OcsfEvent = ApiActivity | Authentication | AccountChange | NetworkActivity;

export const eventSchemas = {
  6003: apiActivity,
  3002: authentication,
  3001: accountChange,
  4001: networkActivity,
} as const;
