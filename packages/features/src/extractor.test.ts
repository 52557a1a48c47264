import { normalize } from '@vigil/normalize';
import type { OcsfEvent } from '@vigil/schema';
import { describe, expect, it } from 'vitest';
import { createFeatureExtractor } from './extractor.ts';
import { FEATURE_SETS } from './feature-sets.ts';
import { createIpLookup } from './ip-info.ts';
import { ProfileCache } from './profile-cache.ts';
import type { FeatureRow } from './types.ts';

const DAY = 86_400_000;
const T0 = Date.parse('2026-10-05T09:00:00Z');
const NETWORKS = [
  { cidr: '198.18.8.0/21', asn: 64601, asnName: 'Hudson Fiber', country: 'US' },
  { cidr: '198.18.192.0/20', asn: 4_200_000_101, asnName: 'Nimbus VPS', country: 'NL' },
];

let seq = 0;
/** A CloudTrail call by an IAM user, normalized as the pipeline would. */
function call(
  time: number,
  eventName: string,
  ip: string,
  ua: string,
  source = 'iam.amazonaws.com',
): OcsfEvent {
  const record = {
    eventVersion: '1.09',
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDAEXAMPLEEXAMPLE1',
      arn: 'arn:aws:iam::111122223333:user/maya',
      accountId: '111122223333',
      accessKeyId: 'AKIAEXAMPLEEXAMPLE1',
      userName: 'maya',
    },
    eventTime: new Date(time).toISOString().replace(/\.\d+Z$/, 'Z'),
    eventSource: source,
    eventName,
    awsRegion: 'us-east-1',
    sourceIPAddress: ip,
    userAgent: ua,
    requestParameters: null,
    responseElements: null,
    requestID: `req-${seq}`,
    eventID: `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`,
    readOnly: eventName.startsWith('List') || eventName.startsWith('Get'),
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: '111122223333',
    eventCategory: 'Management',
  };
  const result = normalize({
    source: 'cloudtrail',
    record,
    raw: JSON.stringify(record),
    location: { file: 't' },
  } as never);
  if (!result.ok) throw new Error(result.reason);
  return result.event;
}

function run(events: readonly OcsfEvent[], profiles = new ProfileCache(), learningRows = true) {
  const x = createFeatureExtractor({ profiles, ipInfo: createIpLookup(undefined, NETWORKS), learningRows });
  const triage: FeatureRow[] = [];
  const windows: FeatureRow[] = [];
  for (const e of events) {
    const row = x.observe(e);
    if (row) triage.push(row);
    windows.push(...x.closed());
  }
  windows.push(...x.flush());
  return { triage, windows, profiles };
}

const HOME = '198.18.9.20';
const VPS = '198.18.200.7';
const CLI = 'aws-cli/2.18.2 Python/3.12.6 Darwin/24.0.0';

/** Ten working days of the same user listing users from home with the AWS CLI. */
function routine(): OcsfEvent[] {
  const out: OcsfEvent[] = [];
  for (let d = 0; d < 10; d++)
    for (let h = 0; h < 3; h++) out.push(call(T0 + d * DAY + h * 3_600_000, 'ListUsers', HOME, CLI));
  return out;
}

describe('feature extractor', () => {
  it('says nothing is new while a principal is still being learnt', () => {
    const { triage } = run(routine().slice(0, 6));
    expect(triage.length).toBeGreaterThan(0);
    expect(triage.filter((r) => r.explanations.length > 0)).toEqual([]);
    expect(triage.every((r) => r.learning)).toBe(true);
    // Detection asks for no rows it could not act on.
    expect(run(routine().slice(0, 6), new ProfileCache(), false).triage).toEqual([]);
  });

  it('flags a stolen key used from a new network with a new tool, for every call of that session, and says why', () => {
    const attack = [
      call(T0 + 11 * DAY, 'GetCallerIdentity', VPS, 'python-requests/2.31.0', 'sts.amazonaws.com'),
      call(T0 + 11 * DAY + 60_000, 'CreateAccessKey', VPS, 'python-requests/2.31.0'),
    ];
    const { triage } = run([...routine(), ...attack]);
    const rows = triage.filter((r) => r.time >= T0 + 11 * DAY);
    expect(rows).toHaveLength(2);
    const cols = FEATURE_SETS['triage-gbdt'];
    const value = (r: FeatureRow, name: string) => r.values[cols.indexOf(name as never)];
    for (const r of rows) {
      expect(value(r, 'asn_new_principal')).toBe(1);
      expect(value(r, 'country_new_principal')).toBe(1);
      expect(value(r, 'ua_family_new_principal')).toBe(1);
    }
    expect(rows[0]!.explanations).toContain('ASN 4200000101 (Nimbus VPS) never seen for this principal');
    expect(rows[1]!.explanations).toContain('first iam:CreateAccessKey by this principal');
    expect(rows[1]!.explanations).toContain(
      'ASN 4200000101 (Nimbus VPS) new for this principal (first seen 1 min ago)',
    );
    expect(value(rows[1]!, 'sensitive_action')).toBe(1);
    expect(rows[1]!.sensitive).toBe(true);
  });

  it('writes one row per principal and hour with the hour totals, when the hour is over', () => {
    const { windows } = run(routine());
    const hourly = windows.filter((r) => r.model === 'principal-iforest');
    expect(hourly).toHaveLength(30);
    const cols = FEATURE_SETS['principal-iforest'];
    expect(hourly[0]!.values[cols.indexOf('distinct_actions')]).toBe(1);
    expect(hourly[0]!.values[cols.indexOf('iam_calls')]).toBe(1);
    expect(hourly[0]!.eventUids).toHaveLength(1);
  });

  it('gives the same rows and profiles for the same events, and no NaN anywhere', () => {
    const events = routine();
    const a = run(events);
    const b = run(events);
    expect(a.windows.map((r) => [...r.values])).toEqual(b.windows.map((r) => [...r.values]));
    expect([...a.profiles.values()]).toEqual([...b.profiles.values()]);
    for (const r of [...a.windows, ...a.triage]) {
      expect(r.values).toHaveLength(FEATURE_SETS[r.model].length);
      expect([...r.values].some(Number.isNaN)).toBe(false);
    }
  });

  it('keeps learning across runs through the profiles it was given', () => {
    const first = run(routine());
    const second = run([call(T0 + 12 * DAY, 'DeleteUser', HOME, CLI)], first.profiles);
    expect(second.triage[0]!.explanations).toEqual([
      'first iam:DeleteUser by this principal',
      'first iam:DeleteUser by account 111122223333',
    ]);
  });
});
