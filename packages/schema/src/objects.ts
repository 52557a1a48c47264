import { z } from 'zod';
import { atLeastOne } from './at-least-one.ts';

/**
 * OCSF 1.8.0 objects, limited to the attributes Vigil emits. Objects are strict so that a
 * normalizer writing an attribute the schema does not define fails validation, and they enforce
 * the official `at_least_one` constraints (objects extending `_entity` inherit `name`/`uid`); the
 * schema tests check every key, type, requirement and constraint here against the official
 * definitions.
 */

const str = z.string();
const int = z.number().int();
/** OCSF timestamp_t: milliseconds since the epoch. */
export const timestamp = z.number().int().nonnegative();
const json = z.unknown();

export const product = atLeastOne(
  z.strictObject({
    name: str.optional(),
    vendor_name: str.optional(),
    version: str.optional(),
    uid: str.optional(),
  }),
  'product',
  ['name', 'uid'],
);

export const metadata = z.strictObject({
  version: str,
  product,
  uid: str.min(1),
  original_time: str.optional(),
  logged_time: timestamp.optional(),
  processed_time: timestamp.optional(),
  log_name: str.optional(),
  log_provider: str.optional(),
  log_format: str.optional(),
  log_version: str.optional(),
  event_code: str.optional(),
  correlation_uid: str.optional(),
  tenant_uid: str.optional(),
  profiles: z.array(str).optional(),
  labels: z.array(str).optional(),
});

export const account = atLeastOne(
  z.strictObject({
    uid: str.optional(),
    name: str.optional(),
    type: str.optional(),
    type_id: int.optional(),
  }),
  'account',
  ['name', 'uid'],
);

export const organization = atLeastOne(
  z.strictObject({
    uid: str.optional(),
    name: str.optional(),
    ou_uid: str.optional(),
    ou_name: str.optional(),
  }),
  'organization',
  ['name', 'uid'],
);

export const cloud = z.strictObject({
  provider: str.min(1),
  region: str.optional(),
  zone: str.optional(),
  account: account.optional(),
  org: organization.optional(),
  project_uid: str.optional(),
  cloud_partition: str.optional(),
});

export const group = atLeastOne(
  z.strictObject({ uid: str.optional(), name: str.optional(), type: str.optional() }),
  'group',
  ['name', 'uid'],
);

export const user = atLeastOne(
  z.strictObject({
    uid: str.optional(),
    name: str.optional(),
    display_name: str.optional(),
    full_name: str.optional(),
    email_addr: str.optional(),
    type: str.optional(),
    type_id: int.optional(),
    credential_uid: str.optional(),
    domain: str.optional(),
    account: account.optional(),
    org: organization.optional(),
    groups: z.array(group).optional(),
    has_mfa: z.boolean().optional(),
    uid_alt: str.optional(),
  }),
  'user',
  ['account', 'name', 'uid'],
);

export const session = z.strictObject({
  uid: str.optional(),
  issuer: str.optional(),
  is_mfa: z.boolean().optional(),
  is_remote: z.boolean().optional(),
  created_time: timestamp.optional(),
  expiration_time: timestamp.optional(),
  credential_uid: str.optional(),
  uid_alt: str.optional(),
});

export const idp = atLeastOne(z.strictObject({ uid: str.optional(), name: str.optional() }), 'idp', [
  'name',
  'uid',
]);

export const actor = atLeastOne(
  z.strictObject({
    user: user.optional(),
    session: session.optional(),
    invoked_by: str.optional(),
    idp: idp.optional(),
    app_name: str.optional(),
    app_uid: str.optional(),
  }),
  'actor',
  ['user', 'invoked_by', 'session', 'app_name', 'app_uid'],
);

export const service = atLeastOne(
  z.strictObject({ name: str.optional(), uid: str.optional(), version: str.optional() }),
  'service',
  ['name', 'uid'],
);

export const api = z.strictObject({
  operation: str.min(1),
  service: service.optional(),
  version: str.optional(),
  request: z.strictObject({ uid: str, data: json.optional() }).optional(),
  response: z
    .strictObject({
      code: int.optional(),
      error: str.optional(),
      error_message: str.optional(),
      message: str.optional(),
      data: json.optional(),
    })
    .optional(),
});

export const location = atLeastOne(
  z.strictObject({
    city: str.optional(),
    country: str.optional(),
    region: str.optional(),
    continent: str.optional(),
    lat: z.number().optional(),
    long: z.number().optional(),
  }),
  'location',
  ['city', 'country', 'region'],
);

export const autonomousSystem = atLeastOne(
  z.strictObject({ number: int.optional(), name: str.optional() }),
  'autonomous_system',
  ['number', 'name'],
);

export const networkEndpoint = atLeastOne(
  z.strictObject({
    ip: str.optional(),
    port: int.optional(),
    uid: str.optional(),
    name: str.optional(),
    hostname: str.optional(),
    domain: str.optional(),
    svc_name: str.optional(),
    instance_uid: str.optional(),
    interface_uid: str.optional(),
    interface_name: str.optional(),
    vpc_uid: str.optional(),
    subnet_uid: str.optional(),
    zone: str.optional(),
    type: str.optional(),
    type_id: int.optional(),
    location: location.optional(),
    autonomous_system: autonomousSystem.optional(),
    intermediate_ips: z.array(str).optional(),
  }),
  'network_endpoint',
  ['ip', 'uid', 'name', 'hostname', 'svc_name', 'instance_uid', 'interface_uid', 'interface_name', 'domain'],
);

export const httpRequest = z.strictObject({
  user_agent: str.optional(),
  http_method: str.optional(),
  uid: str.optional(),
});

export const resourceDetails = atLeastOne(
  z.strictObject({
    uid: str.optional(),
    name: str.optional(),
    type: str.optional(),
    region: str.optional(),
    zone: str.optional(),
    cloud_partition: str.optional(),
    owner: user.optional(),
    data: json.optional(),
    labels: z.array(str).optional(),
  }),
  'resource_details',
  ['name', 'uid'],
);

export const policy = atLeastOne(
  z.strictObject({
    uid: str.optional(),
    name: str.optional(),
    type: str.optional(),
    desc: str.optional(),
    data: json.optional(),
  }),
  'policy',
  ['name', 'type', 'uid'],
);

export const connectionInfo = z.strictObject({
  protocol_num: int.optional(),
  protocol_name: str.optional(),
  direction: str.optional(),
  direction_id: int,
  boundary: str.optional(),
  boundary_id: int.optional(),
  tcp_flags: int.optional(),
});

export const networkTraffic = z.strictObject({
  bytes: int.optional(),
  packets: int.optional(),
  bytes_in: int.optional(),
  bytes_out: int.optional(),
  packets_in: int.optional(),
  packets_out: int.optional(),
});

export const observable = z.strictObject({
  name: str.optional(),
  type: str.optional(),
  type_id: int,
  value: str.optional(),
});

export type Account = z.infer<typeof account>;
export type Actor = z.infer<typeof actor>;
export type Api = z.infer<typeof api>;
export type Cloud = z.infer<typeof cloud>;
export type Metadata = z.infer<typeof metadata>;
export type NetworkEndpoint = z.infer<typeof networkEndpoint>;
export type ResourceDetails = z.infer<typeof resourceDetails>;
export type Session = z.infer<typeof session>;
export type User = z.infer<typeof user>;
export type Policy = z.infer<typeof policy>;
export type Observable = z.infer<typeof observable>;
