import { CLASS, type OcsfEvent } from '@vigil/schema';
import { accountOf, actorLabel, at, isSuccess, items, requestData } from '../fields.ts';
import { defineRule } from '../rule.ts';
import { cloudTrail } from './samples.ts';

/** SSH, Telnet, RDP, VNC and WinRM: ports whose exposure to the internet is an incident on its own. */
const ADMIN_PORTS = [22, 23, 3389, 5900, 5985, 5986];
const WORLD = new Set(['0.0.0.0/0', '::/0']);

/** Admin ports a CloudTrail `ipPermissions` list opens to the whole internet. */
export function worldOpenAdminPorts(event: OcsfEvent): number[] {
  const opened = new Set<number>();
  for (const perm of items(at(requestData(event), 'ipPermissions'))) {
    const protocol = String(at(perm, 'ipProtocol') ?? '');
    if (protocol !== '-1' && protocol !== 'tcp' && protocol !== '6') continue;
    const world =
      items(at(perm, 'ipRanges')).some((r) => WORLD.has(String(at(r, 'cidrIp')))) ||
      items(at(perm, 'ipv6Ranges')).some((r) => WORLD.has(String(at(r, 'cidrIpv6'))));
    if (!world) continue;
    const from = Number(at(perm, 'fromPort') ?? -1);
    const to = Number(at(perm, 'toPort') ?? -1);
    for (const port of ADMIN_PORTS) {
      if (protocol === '-1' || from === -1 || (from <= port && port <= to)) opened.add(port);
    }
  }
  return [...opened];
}

const groupOf = (e: OcsfEvent) =>
  String(at(requestData(e), 'groupId') ?? at(requestData(e), 'groupName') ?? 'unknown-group');

function ingress(cidr: string, fromPort: number, toPort: number, v6 = false): string {
  return cloudTrail({
    eventName: 'AuthorizeSecurityGroupIngress',
    eventSource: 'ec2.amazonaws.com',
    requestParameters: {
      groupId: 'sg-0123456789abcdef0',
      ipPermissions: {
        items: [
          {
            ipProtocol: 'tcp',
            fromPort,
            toPort,
            groups: {},
            ipRanges: v6 ? {} : { items: [{ cidrIp: cidr }] },
            ipv6Ranges: v6 ? { items: [{ cidrIpv6: cidr }] } : {},
            prefixListIds: {},
          },
        ],
      },
    },
    responseElements: { _return: true },
  });
}

export const awsSecurityGroupAdminPortOpen = defineRule({
  id: 'aws-security-group-admin-port-open',
  title: 'Security group opened an administrative port to the internet',
  description:
    'An ingress rule now allows 0.0.0.0/0 or ::/0 to reach SSH, RDP, Telnet, VNC or WinRM. Attackers open these to regain access; exposed admin ports are brute-forced within minutes.',
  severity: 'high',
  confidence: 70,
  status: 'stable',
  attack: { tactics: ['TA0005'], techniques: ['T1562.007'] },
  references: [
    'https://attack.mitre.org/techniques/T1562/007/',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-13',
  ],
  runbook: [
    'Identify the instances using the security group and whether they should be reachable from the internet.',
    'If not intended, revoke the ingress rule (RevokeSecurityGroupIngress) and review access logs of those instances since the change.',
    'Ask the principal who made the change; prefer Session Manager or a bastion over open admin ports.',
  ],
  falsePositives: [
    'Short-lived test environments deliberately exposed; bastion hosts (which should still be limited by source).',
  ],
  classes: [CLASS.API_ACTIVITY.class_uid],
  operations: ['AuthorizeSecurityGroupIngress'],
  match: (e) => isSuccess(e) && worldOpenAdminPorts(e).length > 0,
  summary: (e) =>
    `${groupOf(e)} opened port(s) ${worldOpenAdminPorts(e).join(', ')} to the internet by ${actorLabel(e)} in account ${accountOf(e)}`,
  dedup: { key: (e) => `${accountOf(e)}|${groupOf(e)}`, periodMinutes: 60 },
  tests: {
    positive: [
      { name: 'SSH open to 0.0.0.0/0', records: [ingress('0.0.0.0/0', 22, 22)] },
      { name: 'RDP inside a port range open to ::/0', records: [ingress('::/0', 3000, 4000, true)] },
    ],
    negative: [
      { name: 'HTTPS open to the world', records: [ingress('0.0.0.0/0', 443, 443)] },
      { name: 'SSH open to a private range', records: [ingress('10.0.0.0/8', 22, 22)] },
    ],
  },
});
