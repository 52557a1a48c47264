import type { OcsfEvent } from '@vigil/schema';
import type { Derived } from './derived.ts';
import { accountOf, at, items, requestData } from './fields.ts';

/**
 * Derived fields for the aws rules (see FORMAT.md); each one has a unit test. They read
 * CloudTrail `requestParameters` (the event's `api.request.data`) and answer one question each:
 * who outside the account gains access, which key or layer is foreign, how many targets.
 */

type Json = Record<string, unknown>;

const ACCOUNT_ID = /^\d{12}$/;

/** The account of an ARN (`arn:partition:service:region:account:…`), or a bare 12-digit id. */
export function accountOfArnOrId(value: string): string | undefined {
  if (ACCOUNT_ID.test(value)) return value;
  if (!value.startsWith('arn:')) return undefined;
  const account = value.split(':')[4];
  return account !== undefined && ACCOUNT_ID.test(account) ? account : undefined;
}

/** A value that may be one item or a list of them (policy statements, XML-derived S3 rules). */
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const nonEmpty = <T>(values: T[]): T[] | undefined => (values.length > 0 ? [...new Set(values)] : undefined);

/** A policy document as CloudTrail logs it: an object, JSON text, or URL-encoded JSON text. */
export function parsePolicy(value: unknown): Json | undefined {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Json;
  if (typeof value !== 'string' || value.length === 0) return undefined;
  try {
    const text = value.startsWith('%7B') ? decodeURIComponent(value) : value;
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Json) : undefined;
  } catch {
    return undefined;
  }
}

/** Condition keys that pin a `*` principal to known callers (an organization, a VPC, a source). */
const PINNING_KEYS = new Set(
  [
    'aws:PrincipalOrgID',
    'aws:PrincipalOrgPaths',
    'aws:PrincipalAccount',
    'aws:PrincipalArn',
    'aws:SourceAccount',
    'aws:SourceArn',
    'aws:SourceOwner',
    'aws:SourceOrgID',
    'aws:SourceOrgPaths',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:userid',
    'kms:CallerAccount',
  ].map((k) => k.toLowerCase()),
);

function pinned(condition: unknown): boolean {
  if (typeof condition !== 'object' || condition === null) return false;
  for (const operator of Object.values(condition)) {
    if (typeof operator !== 'object' || operator === null) continue;
    for (const key of Object.keys(operator)) if (PINNING_KEYS.has(key.toLowerCase())) return true;
  }
  return false;
}

/**
 * Accounts AWS itself uses to deliver Elastic Load Balancing access logs, which older bucket
 * policies must name (Elastic Load Balancing user guide, "Enable access logs": one per region).
 */
const ELB_LOG_DELIVERY_ACCOUNTS = new Set([
  '127311923021',
  '033677994240',
  '027434742980',
  '797873946194',
  '098369216593',
  '754344448648',
  '589379963580',
  '718504428378',
  '383597477331',
  '600734575887',
  '114774131450',
  '783225319266',
  '582318560864',
  '985666609251',
  '054676820928',
  '156460612806',
  '652711504416',
  '635631232127',
  '009996457667',
  '897822967062',
  '076674570225',
  '507241528517',
  '048591011584',
  '190560391635',
  '638102146993',
]);

/**
 * Who an `Allow` statement of a resource or trust policy lets in from outside `own`: `*` (anyone,
 * unless a condition pins the caller) or the other accounts its AWS principals belong to.
 * Service and federated principals are AWS services and identity providers, not accounts, and
 * the accounts AWS delivers load balancer logs from are AWS's own.
 */
export function externalPrincipals(policy: Json | undefined, own: string): string[] {
  const found: string[] = [];
  for (const statement of list(policy?.Statement)) {
    if (at(statement, 'Effect') !== 'Allow') continue;
    const open = !pinned(at(statement, 'Condition'));
    // Allow with NotPrincipal lets in everyone but the principals it names.
    const principal = at(statement, 'NotPrincipal') !== undefined ? '*' : at(statement, 'Principal');
    const aws = principal === '*' ? '*' : at(principal, 'AWS');
    for (const p of list(aws)) {
      if (typeof p !== 'string') continue;
      if (p === '*') {
        if (open) found.push('*');
        continue;
      }
      const account = accountOfArnOrId(p);
      if (account !== undefined && account !== own && !ELB_LOG_DELIVERY_ACCOUNTS.has(account))
        found.push(account);
    }
  }
  return found;
}

/** Request keys under which CloudTrail logs a resource or trust policy document. */
const POLICY_KEYS = [
  'bucketPolicy',
  'assumeRolePolicyDocument',
  'policyDocument',
  'policy',
  'resourcePolicy',
];

function policyExternalPrincipals(event: OcsfEvent): string[] {
  const request = requestData(event);
  if (request === undefined) return [];
  for (const key of POLICY_KEYS) {
    if (request[key] !== undefined) return externalPrincipals(parsePolicy(request[key]), accountOf(event));
  }
  return [];
}

/**
 * Accounts (or `all`) an EC2 image or snapshot, or an RDS snapshot, is newly shared with, outside
 * the event's account. EC2 logs `<attribute>.add.items[].userId|group`; RDS `valuesToAdd`.
 */
export function sharedWith(event: OcsfEvent): string[] {
  const request = requestData(event);
  if (request === undefined) return [];
  const own = accountOf(event);
  const out: string[] = [];
  for (const attribute of ['createVolumePermission', 'launchPermission']) {
    for (const grant of items(at(request, attribute, 'add'))) {
      const user = at(grant, 'userId');
      if (typeof user === 'string' && user !== own) out.push(user);
      if (at(grant, 'group') === 'all') out.push('all');
    }
  }
  if (String(request.attributeName).toLowerCase() === 'restore') {
    for (const value of list(request.valuesToAdd)) {
      if (typeof value === 'string' && value !== own) out.push(value);
    }
  }
  return out;
}

const SHARED_IDS = ['snapshotId', 'imageId', 'dBSnapshotIdentifier', 'dBClusterSnapshotIdentifier'];

/** The image or snapshot a sharing call changes, whichever service's parameter names it. */
export function sharedResource(event: OcsfEvent): string | undefined {
  const request = requestData(event);
  if (request === undefined) return undefined;
  for (const key of SHARED_IDS) if (typeof request[key] === 'string') return request[key] as string;
  return undefined;
}

/** `*` (unscoped) or the other account an `AddPermission` call lets invoke a Lambda function. */
export function lambdaExternalPrincipal(event: OcsfEvent): string | undefined {
  const request = requestData(event);
  const principal = request?.principal;
  if (request === undefined || typeof principal !== 'string') return undefined;
  if (principal === '*') {
    const scoped = request.sourceArn ?? request.sourceAccount ?? request.principalOrgID;
    return scoped === undefined ? '*' : undefined;
  }
  const account = accountOfArnOrId(principal);
  return account !== undefined && account !== accountOf(event) ? account : undefined;
}

/** Layer ARNs a Lambda function is given that belong to another account. */
export function foreignLambdaLayers(event: OcsfEvent): string[] {
  const own = accountOf(event);
  return list(requestData(event)?.layers).filter(
    (arn): arn is string => typeof arn === 'string' && (accountOfArnOrId(arn) ?? own) !== own,
  );
}

/** AWS managed policies that give full control of the account, or of IAM (which is the same). */
const ADMIN_POLICIES = new Set(['AdministratorAccess', 'IAMFullAccess']);

function allowsEverything(policy: Json | undefined): boolean {
  for (const statement of list(policy?.Statement)) {
    if (at(statement, 'Effect') !== 'Allow' || at(statement, 'Condition') !== undefined) continue;
    const actions = list(at(statement, 'Action'));
    const resources = list(at(statement, 'Resource'));
    if (actions.some((a) => a === '*' || a === 'iam:*') && resources.includes('*')) return true;
  }
  return false;
}

/**
 * The administrator grant an IAM or STS call makes: an AWS managed admin policy attached, or an
 * inline or session policy allowing `*` (or `iam:*`) on every resource.
 */
export function adminGrant(event: OcsfEvent): string | undefined {
  const request = requestData(event);
  if (request === undefined) return undefined;
  const arn = request.policyArn;
  if (typeof arn === 'string' && arn.startsWith('arn:aws') && arn.includes(':iam::aws:policy/')) {
    const name = arn.slice(arn.lastIndexOf('/') + 1);
    if (ADMIN_POLICIES.has(name)) return name;
  }
  const document = request.policyDocument ?? request.policy;
  if (document !== undefined && allowsEverything(parsePolicy(document))) {
    return typeof request.policyName === 'string' ? `inline ${request.policyName}` : 'allow-all policy';
  }
  return undefined;
}

/** The IAM user, role or group an IAM call changes, as `user <name>`, `role <name>`, `group <name>`. */
export function iamTarget(event: OcsfEvent): string | undefined {
  const request = requestData(event);
  if (request === undefined) return undefined;
  for (const kind of ['user', 'role', 'group']) {
    const name = request[`${kind}Name`];
    if (typeof name === 'string') return `${kind} ${name}`;
  }
  return undefined;
}

/** The IAM user an access key or console password is made for, when it is not the caller. */
export function otherUserTarget(event: OcsfEvent): string | undefined {
  const target = requestData(event)?.userName;
  if (typeof target !== 'string' || target.length === 0) return undefined;
  const caller = 'actor' in event ? event.actor?.user : undefined;
  return caller?.type === 'IAMUser' && caller.name === target ? undefined : target;
}

const INSTANCE_ID = /^i-[0-9a-f]{8,17}$/;

/**
 * The instance id of an EC2 instance-credential session: an assumed-role session named after
 * the instance (`…:assumed-role/<role>/i-0abc…`), which is how instance profile credentials
 * from the metadata service appear in CloudTrail.
 */
export function instanceSession(event: OcsfEvent): string | undefined {
  const user = 'actor' in event ? event.actor?.user : undefined;
  if (user?.type !== 'AssumedRole' || user.uid === undefined) return undefined;
  const name = user.uid.slice(user.uid.lastIndexOf('/') + 1);
  return INSTANCE_ID.test(name) ? name : undefined;
}

/**
 * The EC2 instance a call is about: the instance whose credentials make it, or the instance a
 * remote-access call (SendCommand, StartSession, SendSSHPublicKey…) reaches. For a command sent
 * to several instances, the first one.
 */
export function instanceOfCall(event: OcsfEvent): string | undefined {
  const own = instanceSession(event);
  if (own !== undefined) return own;
  const request = requestData(event);
  if (request === undefined) return undefined;
  const id = request.instanceId ?? request.target ?? list(request.instanceIds)[0];
  return typeof id === 'string' && INSTANCE_ID.test(id) ? id : undefined;
}

/**
 * The caller's address when it is a public one. Private, shared (CGNAT), loopback and
 * link-local sources mean the call came through a VPC endpoint or from inside AWS.
 */
export function publicSourceIp(event: OcsfEvent): string | undefined {
  const ip = 'src_endpoint' in event ? event.src_endpoint?.ip : undefined;
  if (ip === undefined) return undefined;
  if (ip.includes(':')) return /^(f[cd]|fe[89ab])|^::1?$/i.test(ip) ? undefined : ip;
  const [a, b] = ip.split('.').map(Number) as [number, number];
  const internal =
    a === 10 ||
    a === 127 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) ||
    (a === 100 && b >= 64 && b <= 127);
  return internal ? undefined : ip;
}

/** A key as CloudTrail logs it (camelCase) or as the API spells it (PascalCase). */
function either(value: unknown, camel: string): unknown {
  return at(value, camel) ?? at(value, camel[0]!.toUpperCase() + camel.slice(1));
}

function fieldSelector(selector: unknown, field: string): unknown {
  return items(either(selector, 'fieldSelectors')).find((f) => either(f, 'field') === field);
}

function equalsAny(selector: unknown, value: string): boolean {
  return list(either(selector, 'equals')).some((v) => String(v).toLowerCase() === value);
}

/**
 * How a `PutEventSelectors` call narrows a trail's management events: all of them dropped, or
 * only reads or only writes kept. Basic selectors include management events unless they say
 * otherwise; advanced selectors only when one selects `eventCategory = Management`.
 */
export function trailSelectorGaps(event: OcsfEvent): string[] {
  const request = requestData(event);
  if (request === undefined) return [];
  const basic = items(either(request, 'eventSelectors'));
  const advanced = items(either(request, 'advancedEventSelectors'));
  const readWrite: string[] = [];
  let management = 0;
  if (basic.length > 0) {
    for (const s of basic) {
      if (either(s, 'includeManagementEvents') === false) continue;
      management++;
      readWrite.push(String(either(s, 'readWriteType') ?? 'All'));
    }
  } else if (advanced.length > 0) {
    for (const s of advanced) {
      const category = fieldSelector(s, 'eventCategory');
      if (!category || !equalsAny(category, 'management')) continue;
      management++;
      const readOnly = fieldSelector(s, 'readOnly');
      readWrite.push(!readOnly ? 'All' : equalsAny(readOnly, 'true') ? 'ReadOnly' : 'WriteOnly');
    }
  } else {
    return [];
  }
  if (management === 0) return ['all management events excluded'];
  if (readWrite.includes('All')) return [];
  const kept = new Set(readWrite);
  if (kept.has('ReadOnly') && kept.has('WriteOnly')) return [];
  return kept.has('ReadOnly') ? ['write management events excluded'] : ['read management events excluded'];
}

/** GPU, accelerator, FPGA and high-memory families, and the largest sizes of any family. */
const HIJACK_FAMILY = /^(p\d|g\d|gr\d|inf\d|trn\d|dl\d|f\d|vt\d|x\d|u\d*-|hpc\d)/;
const HIJACK_SIZE = /\.(metal(-\d+xl)?|(1[6-9]|[2-9]\d|\d{3})xlarge)$/;

function collectInstanceTypes(value: unknown, out: string[], depth: number): void {
  if (depth < 0 || typeof value !== 'object' || value === null) return;
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string' && k.toLowerCase() === 'instancetype') out.push(v);
    else collectInstanceTypes(v, out, depth - 1);
  }
}

/**
 * Instance types of a launch or spot/fleet request that cryptominers and model thieves favour:
 * accelerated families and very large sizes. Wherever the request nests them (launch
 * specifications, fleet overrides).
 */
export function hijackInstanceTypes(event: OcsfEvent): string[] {
  const types: string[] = [];
  collectInstanceTypes(requestData(event), types, 6);
  return types.filter((t) => HIJACK_FAMILY.test(t.toLowerCase()) || HIJACK_SIZE.test(t.toLowerCase()));
}

/** Instances a `SendCommand` names one by one (`instanceIds`, or an `InstanceIds` target). */
export function ssmCommandInstanceCount(event: OcsfEvent): number | undefined {
  const request = requestData(event);
  if (request === undefined) return undefined;
  const ids = new Set(list(request.instanceIds).filter((v) => v !== '*'));
  for (const target of list(request.targets)) {
    if (at(target, 'key') !== 'InstanceIds') continue;
    for (const v of list(at(target, 'values'))) if (v !== '*') ids.add(v);
  }
  return ids.size;
}

/** `SendCommand` targets that select instances in bulk: by tag, resource group, or `*`. */
export function ssmCommandFleetTargets(event: OcsfEvent): string[] {
  const request = requestData(event);
  if (request === undefined) return [];
  const out: string[] = [];
  if (list(request.instanceIds).includes('*')) out.push('instanceIds=*');
  for (const target of list(request.targets)) {
    const key = at(target, 'key');
    if (typeof key !== 'string') continue;
    const values = list(at(target, 'values')).map(String);
    if (key !== 'InstanceIds' || values.includes('*')) out.push(`${key}=${values.join(',')}`);
  }
  return out;
}

/** Which parameters one SSM read asks for: the name, the sorted names, or the path. */
export function ssmParameterRequest(event: OcsfEvent): string | undefined {
  const request = requestData(event);
  if (request === undefined) return undefined;
  if (Array.isArray(request.names)) return request.names.map(String).sort().join(',');
  const one = request.name ?? request.path;
  return typeof one === 'string' ? one : undefined;
}

/**
 * The key an S3 write encrypts with when the account cannot use it to decrypt: a customer-
 * provided key (SSE-C), or a KMS key of another account. Reads object writes (`x-amz-server-
 * side-encryption-*` headers) and bucket default encryption (`PutBucketEncryption`).
 */
export function foreignEncryptionKey(event: OcsfEvent): string | undefined {
  const request = requestData(event);
  if (request === undefined) return undefined;
  if (request['x-amz-server-side-encryption-customer-algorithm'] !== undefined) return 'SSE-C';
  const own = accountOf(event);
  const keys = [request['x-amz-server-side-encryption-aws-kms-key-id']];
  for (const rule of list(at(request, 'ServerSideEncryptionConfiguration', 'Rule'))) {
    keys.push(at(rule, 'ApplyServerSideEncryptionByDefault', 'KMSMasterKeyID'));
  }
  for (const key of keys) {
    if (typeof key !== 'string') continue;
    const account = accountOfArnOrId(key);
    if (account !== undefined && account !== own) return key;
  }
  return undefined;
}

/** Accounts other than the bucket owner's that a `PutBucketReplication` rule replicates to. */
export function replicationAccounts(event: OcsfEvent): string[] {
  const own = accountOf(event);
  const out: string[] = [];
  for (const rule of list(at(requestData(event), 'ReplicationConfiguration', 'Rule'))) {
    const account = at(rule, 'Destination', 'Account');
    if (typeof account === 'string' && account !== own) out.push(account);
  }
  return out;
}

export const AWS_DERIVED: Readonly<Record<string, Derived>> = {
  awsPolicyExternalPrincipals: (e) => nonEmpty(policyExternalPrincipals(e)),
  awsSharedWith: (e) => nonEmpty(sharedWith(e)),
  awsSharedResource: sharedResource,
  awsLambdaExternalPrincipal: lambdaExternalPrincipal,
  awsForeignLambdaLayers: (e) => nonEmpty(foreignLambdaLayers(e)),
  awsAdminGrant: adminGrant,
  awsIamTarget: iamTarget,
  awsOtherUserTarget: otherUserTarget,
  awsInstanceSession: instanceSession,
  awsInstanceOfCall: instanceOfCall,
  awsPublicSourceIp: publicSourceIp,
  awsTrailSelectorGaps: (e) => nonEmpty(trailSelectorGaps(e)),
  awsHijackInstanceTypes: (e) => nonEmpty(hijackInstanceTypes(e)),
  awsSsmCommandInstanceCount: ssmCommandInstanceCount,
  awsSsmCommandFleetTargets: (e) => nonEmpty(ssmCommandFleetTargets(e)),
  awsSsmParameterRequest: ssmParameterRequest,
  awsForeignEncryptionKey: foreignEncryptionKey,
  awsReplicationAccounts: (e) => nonEmpty(replicationAccounts(e)),
};
