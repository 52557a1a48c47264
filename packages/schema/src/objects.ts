import { z } from 'zod';

/**
 * OCSF 1.8.0 objects, limited to the attributes Vigil emits. Objects are strict so that a
 * normalizer writing an attribute the schema does not define fails validation; the schema
 * tests check every key here against the official object definitions.
 */

const str = z.string();
const int = z.number().int();
/** OCSF timestamp_t: milliseconds since the epoch. */
export const timestamp = z.number().int().nonnegative();
const json = z.unknown();

export const product = z.strictObject({
  name: str.optional(),
  vendor_name: str.optional(),
  version: str.optional(),
  uid: str.optional(),
});

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

export const account = z.strictObject({
  uid: str.optional(),
  name: str.optional(),
  type: str.optional(),
  type_id: int.optional(),
});

export const organization = z.strictObject({
  uid: str.optional(),
  name: str.optional(),
  ou_uid: str.optional(),
  ou_name: str.optional(),
});

export const cloud = z.strictObject({
  provider: str.min(1),
  region: str.optional(),
  zone: str.optional(),
  account: account.optional(),
  org: organization.optional(),
  project_uid: str.optional(),
  cloud_partition: str.optional(),
});

export const group = z.strictObject({ uid: str.optional(), name: str.optional(), type: str.optional() });

export const user = z
  .strictObject({
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
  })
  .refine((u) => u.uid !== undefined || u.name !== undefined || u.account !== undefined, {
    message: 'user needs at least one of account, name, uid',
  });

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

export const idp = z.strictObject({ uid: str.optional(), name: str.optional() });

export const actor = z
  .strictObject({
    user: user.optional(),
    session: session.optional(),
    invoked_by: str.optional(),
    idp: idp.optional(),
    app_name: str.optional(),
    app_uid: str.optional(),
  })
  .refine(
    (a) =>
      a.user !== undefined ||
      a.session !== undefined ||
      a.invoked_by !== undefined ||
      a.app_name !== undefined ||
      a.app_uid !== undefined,
    { message: 'actor needs at least one of user, session, invoked_by, app_name, app_uid' },
  );

export const service = z.strictObject({ name: str.optional(), uid: str.optional(), version: str.optional() });

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

export const location = z.strictObject({
  city: str.optional(),
  country: str.optional(),
  region: str.optional(),
  continent: str.optional(),
  lat: z.number().optional(),
  long: z.number().optional(),
});

export const autonomousSystem = z.strictObject({ number: int.optional(), name: str.optional() });

export const networkEndpoint = z.strictObject({
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
});

export const httpRequest = z.strictObject({
  user_agent: str.optional(),
  http_method: str.optional(),
  uid: str.optional(),
});

export const resourceDetails = z.strictObject({
  uid: str.optional(),
  name: str.optional(),
  type: str.optional(),
  region: str.optional(),
  zone: str.optional(),
  cloud_partition: str.optional(),
  owner: user.optional(),
  data: json.optional(),
  labels: z.array(str).optional(),
});

export const policy = z.strictObject({
  uid: str.optional(),
  name: str.optional(),
  type: str.optional(),
  desc: str.optional(),
  data: json.optional(),
});

export const connectionInfo = z.strictObject({
  protocol_num: int.optional(),
  protocol_name: str.optional(),
  direction: str.optional(),
  direction_id: int.optional(),
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
