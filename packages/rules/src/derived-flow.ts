import type { OcsfEvent } from '@vigil/schema';
import type { Derived } from './derived.ts';
import { actorOf, operationOf, requestData } from './fields.ts';

/*
 * Derived fields of the GuardDuty-family CloudTrail rules (`@gd…`) and of the VPC flow rules
 * (`@flow…`); each one is unit-tested in derived-flow.test.ts.
 */

// ---------------------------------------------------------------- addresses

/** First two octets of a dotted IPv4 address, scanned by hand because flow rules run per line. */
function ipv4Head(ip: string): [number, number] | undefined {
  const head: number[] = [];
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= ip.length; i++) {
    const c = i < ip.length ? ip.charCodeAt(i) : 46;
    if (c === 46) {
      if (digits === 0 || value > 255 || head.length === 4) return undefined;
      head.push(value);
      value = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      value = value * 10 + (c - 48);
      digits++;
    } else {
      return undefined;
    }
  }
  return head.length === 4 ? [head[0]!, head[1]!] : undefined;
}

/** The eight hextets of an IPv6 address (embedded IPv4 tail as two), or undefined. */
function ipv6Hextets(ip: string): number[] | undefined {
  const halves = ip.toLowerCase().split('::');
  if (halves.length > 2) return undefined;
  const parse = (text: string): number[] | undefined => {
    if (text === '') return [];
    const out: number[] = [];
    const parts = text.split(':');
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      if (i === parts.length - 1 && p.includes('.')) {
        const octets = p.split('.').map(Number);
        if (octets.length !== 4 || octets.some((o) => !Number.isInteger(o) || o < 0 || o > 255))
          return undefined;
        out.push(octets[0]! * 256 + octets[1]!, octets[2]! * 256 + octets[3]!);
      } else if (/^[0-9a-f]{1,4}$/.test(p)) {
        out.push(Number.parseInt(p, 16));
      } else {
        return undefined;
      }
    }
    return out;
  };
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  return [...head, ...new Array<number>(missing).fill(0), ...tail];
}

/**
 * `private` for addresses that never cross the internet (RFC 1918, carrier-grade NAT, loopback,
 * link-local, IPv6 unique-local and link-local), `public` for any other address, undefined for
 * text that is not an address.
 */
export function ipScope(ip: string | undefined): 'private' | 'public' | undefined {
  if (ip === undefined) return undefined;
  const v4 = ipv4Head(ip);
  if (v4 !== undefined) {
    const [a, b] = v4;
    const internal =
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254) ||
      (a === 100 && b >= 64 && b <= 127);
    return internal ? 'private' : 'public';
  }
  if (!ip.includes(':')) return undefined;
  const h = ipv6Hextets(ip);
  if (h === undefined) return undefined;
  const mapped = h[0] === 0 && h[1] === 0 && h[2] === 0 && h[3] === 0 && h[4] === 0 && h[5] === 0xffff;
  if (mapped) return ipScope(`${h[6]! >> 8}.${h[6]! & 255}.${h[7]! >> 8}.${h[7]! & 255}`);
  const loopbackOrUnspecified = h.slice(0, 7).every((x) => x === 0) && h[7]! <= 1;
  const uniqueLocal = (h[0]! & 0xfe00) === 0xfc00;
  const linkLocal = (h[0]! & 0xffc0) === 0xfe80;
  return loopbackOrUnspecified || uniqueLocal || linkLocal ? 'private' : 'public';
}

/**
 * The network an address belongs to, as a stand-in for its ASN or country (CloudTrail carries
 * neither): the IPv4 /16 or the IPv6 /48, the usual size of one provider's or one site's block.
 * A caller moving inside its ISP's pool stays in the same prefix; a caller coming from another
 * provider, hosting company or country almost never does.
 */
export function ipPrefix(ip: string | undefined): string | undefined {
  if (ip === undefined) return undefined;
  const v4 = ipv4Head(ip);
  if (v4 !== undefined) return `${v4[0]}.${v4[1]}.0.0/16`;
  if (!ip.includes(':')) return undefined;
  const h = ipv6Hextets(ip);
  if (h === undefined) return undefined;
  if (h.slice(0, 5).every((x) => x === 0) && h[5] === 0xffff) return `${h[6]! >> 8}.${h[6]! & 255}.0.0/16`;
  return `${h[0]!.toString(16)}:${h[1]!.toString(16)}:${h[2]!.toString(16)}::/48`;
}

// ---------------------------------------------------------------- callers

const BROWSERS: readonly (readonly [string, string])[] = [
  ['edg/', 'Edge'],
  ['edga/', 'Edge'],
  ['edgios/', 'Edge'],
  ['opr/', 'Opera'],
  ['firefox/', 'Firefox'],
  ['fxios/', 'Firefox'],
  ['chrome/', 'Chrome'],
  ['crios/', 'Chrome'],
  ['safari/', 'Safari'],
];

/** Order matters: Android and iOS user agents also name Linux and Mac OS X. */
const SYSTEMS: readonly (readonly [string, string])[] = [
  ['windows', 'Windows'],
  ['android', 'Android'],
  ['iphone', 'iOS'],
  ['ipad', 'iOS'],
  ['cros ', 'ChromeOS'],
  ['mac os x', 'macOS'],
  ['macintosh', 'macOS'],
  ['linux', 'Linux'],
];

/**
 * A user agent reduced to what stays stable for one person or one tool: browser and operating
 * system for browsers (`Chrome on Windows`), the product token for SDKs and tools (`aws-cli`,
 * `boto3`, `terraform`, `curl`), the whole text when it has no version at all (`aws internal`).
 * Versions are dropped, since they change with every update.
 */
export function userAgentFamily(userAgent: string | undefined): string | undefined {
  if (userAgent === undefined) return undefined;
  const ua = userAgent.trim().toLowerCase().replace(/^\[/, '');
  if (ua === '') return undefined;
  if (ua.startsWith('mozilla/') || ua.startsWith('opera/')) {
    const browser = BROWSERS.find(([token]) => ua.includes(token))?.[1] ?? 'Browser';
    const system = SYSTEMS.find(([token]) => ua.includes(token))?.[1] ?? 'unknown OS';
    return `${browser} on ${system}`;
  }
  if (!ua.includes('/')) return ua.slice(0, 40);
  const end = ua.search(/[/ ,;(]/);
  return end > 0 ? ua.slice(0, end) : ua.slice(0, 40);
}

/**
 * Who to baseline: the role for a role session (session names are often random per session, so
 * a session is a poor entity and an attacker can pick a fresh one), else the principal itself.
 */
export function principalOf(event: OcsfEvent): string {
  const actor = 'actor' in event ? event.actor : undefined;
  const issuer = actor?.session?.issuer;
  if (actor?.user?.type === 'AssumedRole' && issuer !== undefined) return issuer;
  return actorOf(event);
}

/** Index of the next capital letter after `from` in a PascalCase name, or its length. */
function wordEnd(name: string, from: number): number {
  for (let i = from + 1; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 65 && c <= 90) return i;
  }
  return name.length;
}

/** The verb an AWS operation starts with (`CreateAccessKey` → `Create`; `BatchGetSecretValue` → `Get`). */
export function apiVerb(operation: string | undefined): string | undefined {
  if (operation === undefined || operation === '') return undefined;
  const end = wordEnd(operation, 0);
  const verb = operation.slice(0, end);
  if (verb === 'Batch' && end < operation.length) return operation.slice(end, wordEnd(operation, end));
  return verb;
}

// ---------------------------------------------------------------- IAM and CloudTrail settings

/** CIS AWS Foundations Benchmark 1.8 and 1.9: minimum length 14, the last 24 passwords remembered. */
const CIS_MIN_LENGTH = 14;
const CIS_REUSE_PREVENTION = 24;
/** IAM's default when UpdateAccountPasswordPolicy omits MinimumPasswordLength. */
const IAM_DEFAULT_MIN_LENGTH = 8;
const COMPLEXITY: readonly (readonly [string, string])[] = [
  ['requireSymbols', 'symbols'],
  ['requireNumbers', 'numbers'],
  ['requireUppercaseCharacters', 'upper-case letters'],
  ['requireLowercaseCharacters', 'lower-case letters'],
];

const isTrue = (v: unknown) => v === true || v === 'true';
const isFalse = (v: unknown) => v === false || v === 'false';

/**
 * How an account password policy change leaves the policy weaker than the CIS baseline. The
 * update call replaces the whole policy (omitted settings fall back to IAM's lax defaults), so
 * the request alone says what the policy now is.
 */
export function weakPasswordPolicy(event: OcsfEvent): string[] {
  const operation = operationOf(event);
  if (operation === 'DeleteAccountPasswordPolicy') return ['password policy deleted'];
  if (operation !== 'UpdateAccountPasswordPolicy') return [];
  const p = requestData(event) ?? {};
  const weak: string[] = [];
  const length = Number(p.minimumPasswordLength ?? IAM_DEFAULT_MIN_LENGTH);
  if (length < CIS_MIN_LENGTH) weak.push(`minimum length ${length}`);
  for (const [key, what] of COMPLEXITY) if (!isTrue(p[key])) weak.push(`${what} not required`);
  const reuse = Number(p.passwordReusePrevention ?? 0);
  if (reuse < CIS_REUSE_PREVENTION) weak.push(reuse > 0 ? `reuse prevention ${reuse}` : 'reuse allowed');
  return weak;
}

/**
 * Trail settings an UpdateTrail request turns off or redirects. Only requested changes count:
 * the response restates every setting of the trail, changed or not.
 */
export function trailChanges(event: OcsfEvent): string[] {
  if (operationOf(event) !== 'UpdateTrail') return [];
  const p = requestData(event);
  if (p === undefined) return [];
  const changes: string[] = [];
  if (isFalse(p.isMultiRegionTrail)) changes.push('multi-region logging off');
  if (isFalse(p.includeGlobalServiceEvents)) changes.push('global service events off');
  if (isFalse(p.enableLogFileValidation)) changes.push('log file validation off');
  if (isFalse(p.isOrganizationTrail)) changes.push('organization trail off');
  if (p.cloudWatchLogsLogGroupArn === '') changes.push('CloudWatch Logs delivery removed');
  if (typeof p.s3BucketName === 'string' && p.s3BucketName !== '')
    changes.push(`logs delivered to bucket ${p.s3BucketName}`);
  return changes;
}

const POLICY_GRANTS = new Set([
  'AttachUserPolicy',
  'AttachGroupPolicy',
  'AttachRolePolicy',
  'PutUserPolicy',
  'PutGroupPolicy',
  'PutRolePolicy',
]);

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** True when a policy document has an Allow statement for every action on every resource. */
function allowsEverything(documentText: string): boolean {
  let text = documentText;
  if (text.startsWith('%')) {
    try {
      text = decodeURIComponent(text);
    } catch {
      return false;
    }
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return false;
  }
  if (typeof document !== 'object' || document === null) return false;
  return asList((document as Record<string, unknown>).Statement).some((s) => {
    if (typeof s !== 'object' || s === null) return false;
    const st = s as Record<string, unknown>;
    return (
      st.Effect === 'Allow' &&
      asList(st.Action).some((a) => a === '*' || a === '*:*') &&
      asList(st.Resource).includes('*')
    );
  });
}

/**
 * The administrator access a policy call grants: the AWS managed AdministratorAccess policy
 * attached, or an inline policy allowing `*` on `*`. Undefined for any other grant.
 */
export function adminGrant(event: OcsfEvent): string | undefined {
  const operation = operationOf(event);
  if (operation === undefined || !POLICY_GRANTS.has(operation)) return undefined;
  const p = requestData(event);
  const arn = p?.policyArn;
  if (typeof arn === 'string' && arn.endsWith(':policy/AdministratorAccess')) return 'AdministratorAccess';
  const document = p?.policyDocument;
  if (typeof document === 'string' && allowsEverything(document)) return 'inline policy allowing * on *';
  return undefined;
}

/**
 * The part an IAM user call plays in standing up a backdoor administrator: the user created,
 * credentials issued to it (access key or console password), administrator access granted.
 */
export function adminUserStep(event: OcsfEvent): string | undefined {
  switch (operationOf(event)) {
    case 'CreateUser':
      return 'user created';
    case 'CreateAccessKey':
    case 'CreateLoginProfile':
      return 'credentials issued';
    case 'AttachUserPolicy':
    case 'PutUserPolicy':
      return adminGrant(event) !== undefined ? 'administrator access granted' : undefined;
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------- flows

const TCP = 6;
const UDP = 17;
const ICMP = 1;
const ICMPV6 = 58;
/** A probe is at most a few packets: one for NULL/FIN/XMAS, a SYN and its retries, or SYN+RST. */
const MAX_PROBE_PACKETS = 3;
/**
 * IPv6 header (40) + TCP header with options (up to 40): a packet no larger carries no payload.
 * Mid-connection segments of real traffic carry data and are larger on average.
 */
const MAX_HEADER_ONLY_BYTES = 80;

function flowOf(event: OcsfEvent) {
  return event.class_uid === 4001 && 'connection_info' in event ? event : undefined;
}

/**
 * The TCP scan a flow record looks like, from its OR-ed `tcp-flags` (v3+): `NULL` (no flag),
 * `FIN` (FIN only), `XMAS` (FIN|PSH|URG, 41), or `SYN` for a refused SYN-only probe. VPC flow
 * logs record only FIN, SYN, RST and SYN-ACK, so an XMAS probe is logged as FIN; 41 is accepted
 * in case the flags are recorded in full. Only header-only flows of a few packets count, sent
 * from a higher port to a lower one: replies from a service port and idle keep-alives of
 * established connections are not probes.
 */
export function tcpScanType(event: OcsfEvent): string | undefined {
  const flow = flowOf(event);
  const connection = flow?.connection_info;
  if (connection?.protocol_num !== TCP || connection.tcp_flags === undefined) return undefined;
  const packets = flow?.traffic?.packets;
  const bytes = flow?.traffic?.bytes;
  if (packets === undefined || packets === 0 || packets > MAX_PROBE_PACKETS) return undefined;
  if (bytes !== undefined && bytes > packets * MAX_HEADER_ONLY_BYTES) return undefined;
  const srcPort = flow?.src_endpoint?.port;
  const dstPort = flow?.dst_endpoint?.port;
  if (srcPort === undefined || dstPort === undefined || srcPort <= dstPort) return undefined;
  switch (connection.tcp_flags) {
    case 0:
      return 'NULL';
    case 1:
      return 'FIN';
    case 41:
      return 'XMAS';
    case 2:
      return flow?.action_id === 2 ? 'SYN' : undefined;
    default:
      return undefined;
  }
}

/**
 * Packets per second of a flow that can only be a flood at high rates: UDP, ICMP, or TCP whose
 * flags never went past SYN. Other TCP is left out, since the ACK stream of any bulk download
 * runs at tens of thousands of small packets per second. Same-second flows count as one second.
 */
export function floodPacketRate(event: OcsfEvent): number | undefined {
  const flow = flowOf(event);
  const connection = flow?.connection_info;
  const protocol = connection?.protocol_num;
  if (protocol === TCP) {
    if (connection?.tcp_flags !== 2) return undefined;
  } else if (protocol !== UDP && protocol !== ICMP && protocol !== ICMPV6) {
    return undefined;
  }
  const packets = flow?.traffic?.packets;
  if (packets === undefined || flow === undefined) return undefined;
  const seconds = Math.max(1, ((flow.end_time ?? flow.time) - flow.time) / 1000);
  return Math.round(packets / seconds);
}

/** Where Linux, Windows and macOS start handing out ephemeral client ports (Windows and macOS at 49152). */
const EPHEMERAL_FLOOR = 32768;

/**
 * True when a flow goes from a client's port to a server's: the source port is ephemeral, or
 * higher than the destination port. A reply from a service (443 → 45700) is the other way round,
 * whatever number the client's port happens to be.
 */
export function clientToServer(event: OcsfEvent): true | undefined {
  const flow = flowOf(event);
  const srcPort = flow?.src_endpoint?.port;
  const dstPort = flow?.dst_endpoint?.port;
  if (srcPort === undefined || dstPort === undefined) return undefined;
  return srcPort >= EPHEMERAL_FLOOR || srcPort > dstPort ? true : undefined;
}

const MIB = 1024 * 1024;
/** Below this a flow is ordinary; above, volumes are bucketed by factors of four. */
const LARGE_FLOW_BYTES = 64 * MIB;

function sizeLabel(bytes: number): string {
  return bytes >= 1024 * MIB ? `${bytes / (1024 * MIB)} GiB` : `${bytes / MIB} MiB`;
}

/**
 * A flow's byte count as a coarse order of magnitude: `under 64 MiB`, then buckets four times
 * apart (`64 MiB-256 MiB`, `256 MiB-1 GiB`, `1 GiB-4 GiB`…), so that a first-seen rule learns the
 * magnitudes an interface normally sends and notices the first flow of a larger one.
 */
export function bytesMagnitude(event: OcsfEvent): string | undefined {
  const bytes = flowOf(event)?.traffic?.bytes;
  if (bytes === undefined) return undefined;
  if (bytes < LARGE_FLOW_BYTES) return `under ${sizeLabel(LARGE_FLOW_BYTES)}`;
  let low = LARGE_FLOW_BYTES;
  while (bytes >= low * 4) low *= 4;
  return `${sizeLabel(low)}-${sizeLabel(low * 4)}`;
}

function srcIp(event: OcsfEvent): string | undefined {
  return 'src_endpoint' in event ? event.src_endpoint?.ip : undefined;
}

function dstIp(event: OcsfEvent): string | undefined {
  return 'dst_endpoint' in event ? event.dst_endpoint?.ip : undefined;
}

export const FLOW_DERIVED: Readonly<Record<string, Derived>> = {
  gdIpPrefix: (e) => ipPrefix(srcIp(e)),
  gdUserAgentFamily: (e) => userAgentFamily('http_request' in e ? e.http_request?.user_agent : undefined),
  gdPrincipal: principalOf,
  gdApiVerb: (e) => apiVerb(operationOf(e)),
  gdWeakPasswordPolicy: (e) => nonEmpty(weakPasswordPolicy(e)),
  gdTrailChanges: (e) => nonEmpty(trailChanges(e)),
  gdAdminUserStep: adminUserStep,
  flowSrcScope: (e) => ipScope(srcIp(e)),
  flowDstScope: (e) => ipScope(dstIp(e)),
  flowClientToServer: clientToServer,
  flowTcpScanType: tcpScanType,
  flowFloodPacketRate: floodPacketRate,
  flowBytesMagnitude: bytesMagnitude,
};

function nonEmpty<T>(list: T[]): T[] | undefined {
  return list.length > 0 ? list : undefined;
}
