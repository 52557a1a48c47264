import { toAttacks } from '@vigil/rules';
import type { Attack } from '@vigil/schema';
import type { FeatureRow } from '../types.ts';

/** [tactic, technique, what in the row suggests it] — first matches win, at most two. */
const PATTERNS: readonly (readonly [string, string, (row: FeatureRow, actions: string) => boolean])[] = [
  ['TA0010', 'T1048', (row) => row.model === 'flow-iforest'],
  [
    'TA0005',
    'T1562.008',
    (_, a) => /stoplogging|deletetrail|puteventselectors|deleteflowlogs|sinks|auditconfig/.test(a),
  ],
  [
    'TA0010',
    'T1537',
    (_, a) =>
      /snapshotattribute|dbsnapshotattribute|imageattribute|beginGetAccess|getaccess|listaccountsas/i.test(a),
  ],
  ['TA0003', 'T1098.001', (_, a) => /createaccesskey|createserviceaccountkey|createloginprofile/.test(a)],
  ['TA0003', 'T1136.003', (_, a) => /iam:createuser/.test(a)],
  [
    'TA0004',
    'T1098.003',
    (_, a) =>
      /attachuserpolicy|attachrolepolicy|putuserpolicy|assumerolepolicy|roleassignments\/write|setiampolicy/.test(
        a,
      ),
  ],
  ['TA0006', 'T1555.006', (_, a) => /getsecretvalue|accesssecretversion|getparameters|listkeys/.test(a)],
  ['TA0004', 'T1548.005', (_, a) => /generateaccesstoken|signblob/.test(a)],
  ['TA0002', 'T1651', (_, a) => /runcommand|sendcommand/.test(a)],
  ['TA0040', 'T1485', (_, a) => /deleteobject/.test(a)],
  ['TA0040', 'T1496.001', (_, a) => /runinstances|instances\.insert/.test(a)],
  [
    'TA0007',
    'T1580',
    (row) =>
      row.model === 'principal-iforest' || /describe|list/.test(row.explanations.join(' ').toLowerCase()),
  ],
];

const NEW_NETWORK = /never seen for this principal/;

/** ATT&CK mappings a model finding can honestly claim from what its rows show. */
export function attacksOf(rows: readonly FeatureRow[]): Attack[] {
  const actions = rows
    .flatMap((r) => r.events.map((e) => ('api' in e && e.api?.operation ? e.api.operation : '')))
    .join(' ')
    .toLowerCase();
  const pairs: [string, string][] = [];
  for (const row of rows)
    for (const [tactic, technique, test] of PATTERNS)
      if (test(row, actions) && !pairs.some(([, t]) => t === technique)) pairs.push([tactic, technique]);
  // A principal acting from a network it never used: valid accounts, whatever it then did.
  if (
    rows.some(
      (r) =>
        r.model !== 'flow-iforest' &&
        r.explanations.some((e) => NEW_NETWORK.test(e) && /ASN|country/.test(e)),
    )
  )
    pairs.unshift(['TA0001', 'T1078.004']);
  return pairs.slice(0, 3).flatMap(([tactic, technique]) => toAttacks([tactic], [technique]));
}
