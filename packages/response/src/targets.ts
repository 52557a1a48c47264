import type { DetectionFinding } from '@vigil/schema';

/** An AWS identity a playbook can act on, read from an ARN a finding names. */
export interface Principal {
  arn: string;
  account: string;
  kind: 'user' | 'role' | 'root' | 'federated';
  /** User name, role name, or the federated user's name. */
  name: string;
  /** The long-term access key (AKIA…) the finding saw in use, if any. */
  accessKeyId?: string;
}

export type Target =
  | { kind: 'principal'; principal: Principal }
  | { kind: 'security-group'; groupId: string; ports: number[] }
  | { kind: 'ip'; ip: string; networkInterfaceId?: string }
  | { kind: 'instance'; instanceId: string };

const ARN = /^arn:aws[\w-]*:(iam|sts)::(\d{12}):(.+)$/;

/** Reads an IAM or STS principal ARN; `undefined` for anything else (service principals, Azure ids…). */
export function principalFromArn(arn: string, accessKeyId?: string): Principal | undefined {
  const m = ARN.exec(arn);
  if (!m) return undefined;
  const [, service, account, resource] = m as unknown as [string, string, string, string];
  const key = accessKeyId?.startsWith('AKIA') ? { accessKeyId } : {};
  if (resource === 'root') return { arn, account, kind: 'root', name: 'root' };
  if (service === 'iam' && resource.startsWith('user/')) {
    return { arn, account, kind: 'user', name: resource.split('/').at(-1)!, ...key };
  }
  if (service === 'iam' && resource.startsWith('role/')) {
    return { arn, account, kind: 'role', name: resource.split('/').at(-1)! };
  }
  if (service === 'sts' && resource.startsWith('assumed-role/')) {
    const role = resource.split('/')[1];
    return role ? { arn, account, kind: 'role', name: role } : undefined;
  }
  if (service === 'sts' && resource.startsWith('federated-user/')) {
    return { arn, account, kind: 'federated', name: resource.slice('federated-user/'.length) };
  }
  return undefined;
}

/** The principal that acted (`actor`) or the IAM user the action was done to (`user`). */
export function principalOf(finding: DetectionFinding, whose: 'actor' | 'user'): Principal | undefined {
  if (whose === 'actor') {
    const user = finding.actor?.user ?? finding.evidences.find((e) => e.actor?.user)?.actor?.user;
    return user?.uid ? principalFromArn(user.uid, user.credential_uid) : undefined;
  }
  const user = finding.evidences.find((e) => e.user?.name && e.user.type === 'IAMUser')?.user;
  const account = user?.account?.uid ?? finding.cloud.account?.uid;
  if (!user?.name || !account) return undefined;
  const arn = user.uid?.startsWith('arn:') ? user.uid : `arn:aws:iam::${account}:user/${user.name}`;
  return principalFromArn(arn, user.credential_uid);
}

function resourceUids(finding: DetectionFinding): string[] {
  const fromEvidence = finding.evidences.flatMap((e) => e.resources ?? []);
  return [...(finding.resources ?? []), ...fromEvidence].flatMap((r) => (r.uid ? [r.uid] : []));
}

function lastSegment(uid: string, pattern: RegExp): string | undefined {
  const id = uid.split(/[/:]/).at(-1) ?? '';
  return pattern.test(id) ? id : undefined;
}

const SG_ID = /^sg-[0-9a-f]{8,17}$/;
const INSTANCE_ID = /^i-[0-9a-f]{8,17}$/;

/**
 * The security group a finding names. Evidence keeps no request parameters, so when no
 * resource names the group the rule's summary (the finding message) is the only place left.
 */
export function securityGroupOf(finding: DetectionFinding): string | undefined {
  for (const uid of resourceUids(finding)) {
    const id = lastSegment(uid, SG_ID);
    if (id) return id;
  }
  return /\b(sg-[0-9a-f]{8,17})\b/.exec(finding.message ?? '')?.[1];
}

/** The instance a finding names: a resource, or the session name of an instance role (`…/i-0abc`). */
export function instanceOf(finding: DetectionFinding): string | undefined {
  for (const uid of resourceUids(finding)) {
    const id = lastSegment(uid, INSTANCE_ID);
    if (id) return id;
  }
  const actor = finding.actor?.user?.uid ?? '';
  return actor.includes(':assumed-role/') ? lastSegment(actor, INSTANCE_ID) : undefined;
}

const PRIVATE_V4 = [
  /^10\./,
  /^192\.168\./,
  /^172\.(1[6-9]|2\d|3[01])\./,
  /^127\./,
  /^169\.254\./,
  /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./,
  /^0\./,
];

/** True for addresses that cannot be an internet attacker's (RFC 1918, loopback, link-local, CGNAT, ULA). */
export function isPrivateAddress(ip: string): boolean {
  if (ip.includes(':')) return /^(::1$|f[cd]|fe[89ab])/i.test(ip);
  return PRIVATE_V4.some((re) => re.test(ip));
}

/** The public remote address of a network finding and the interface that saw it. */
export function remoteAddressOf(
  finding: DetectionFinding,
): { ip: string; networkInterfaceId?: string } | undefined {
  for (const e of finding.evidences) {
    const eni = e.src_endpoint?.interface_uid ?? e.dst_endpoint?.interface_uid;
    const ip = [e.src_endpoint?.ip, e.dst_endpoint?.ip].find((a) => a && !isPrivateAddress(a));
    if (ip) return eni ? { ip, networkInterfaceId: eni } : { ip };
  }
  return undefined;
}
