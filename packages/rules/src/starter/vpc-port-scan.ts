import { CLASS, type OcsfEvent } from '@vigil/schema';
import { accountOf } from '../fields.ts';
import { defineRule } from '../rule.ts';
import { flowLine } from './samples.ts';

const THRESHOLD = 25;
const srcOf = (e: OcsfEvent) => ('src_endpoint' in e ? e.src_endpoint?.ip : undefined);
const dstOf = (e: OcsfEvent) => ('dst_endpoint' in e ? e.dst_endpoint?.ip : undefined);

function scan(ports: number): string[] {
  const start = 1_793_613_600;
  return Array.from({ length: ports }, (_, i) =>
    flowLine('198.51.100.23', '10.0.1.17', 40_000 + i, 1 + i * 7, start + i),
  );
}

export const vpcPortScan = defineRule({
  id: 'vpc-port-scan',
  title: 'Port scan seen in VPC flow logs',
  description: `One source reached ${THRESHOLD} or more distinct destination ports of one address within a minute: reconnaissance of the services the host exposes, often the prelude to exploitation.`,
  severity: 'medium',
  confidence: 70,
  status: 'stable',
  attack: { tactics: ['TA0007'], techniques: ['T1046'] },
  references: [
    'https://attack.mitre.org/techniques/T1046/',
    'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_finding-types-ec2.html#recon-ec2-portprobeunprotectedport',
  ],
  runbook: [
    'Check whether the source is an approved scanner (vulnerability management, pentest window).',
    'Review accepted flows from the source: did any port answer, and did traffic follow?',
    'Block the source at the network ACL if external and unexpected; check the target for compromise if internal.',
  ],
  falsePositives: ['Vulnerability scanners and load balancer health checks across many ports.'],
  classes: [CLASS.NETWORK_ACTIVITY.class_uid],
  match: (e) => srcOf(e) !== undefined && dstOf(e) !== undefined,
  summary: (e) =>
    `${srcOf(e)} scanned ${dstOf(e)} (${THRESHOLD}+ ports within 60 s) in account ${accountOf(e)}`,
  dedup: { key: (e) => `${srcOf(e)}|${dstOf(e)}`, periodMinutes: 60 },
  threshold: {
    count: THRESHOLD,
    windowSeconds: 60,
    groupBy: (e) => `${srcOf(e)}|${dstOf(e)}`,
    distinct: (e) =>
      'dst_endpoint' in e && e.dst_endpoint?.port !== undefined ? String(e.dst_endpoint.port) : undefined,
  },
  tests: {
    positive: [{ name: '30 ports in 30 s', format: 'vpcflow', records: scan(30) }],
    negative: [
      { name: '10 ports only', format: 'vpcflow', records: scan(10) },
      {
        name: 'many connections to one port',
        format: 'vpcflow',
        records: Array.from({ length: 40 }, (_, i) =>
          flowLine('198.51.100.23', '10.0.1.17', 40_000 + i, 443, 1_793_613_600 + i, 'ACCEPT'),
        ),
      },
    ],
  },
});
