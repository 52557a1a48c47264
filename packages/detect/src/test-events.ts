import type { ApiActivity, DetectionFinding, OcsfEvent } from '@vigil/schema';
import { createDetector } from './detector.ts';
import type { Analytic, AnalyticInfo, SeverityId } from './types.ts';

/** A minimal valid API Activity event for detector tests. */
export function apiEvent(
  uid: string,
  time: number,
  operation = 'StopLogging',
  account = '111122223333',
): ApiActivity {
  return {
    class_uid: 6003,
    class_name: 'API Activity',
    category_uid: 6,
    category_name: 'Application Activity',
    activity_id: 4,
    activity_name: 'Delete',
    type_uid: 600304,
    type_name: 'API Activity: Delete',
    severity_id: 1,
    time,
    metadata: {
      version: '1.8.0',
      product: { name: 'CloudTrail', vendor_name: 'AWS' },
      uid,
      log_name: 'CloudTrail',
      profiles: ['cloud'],
    },
    cloud: { provider: 'AWS', region: 'us-east-1', account: { uid: account } },
    actor: { user: { uid: 'arn:aws:iam::111122223333:user/alice', name: 'alice', type: 'IAMUser' } },
    api: {
      operation,
      service: { name: 'cloudtrail.amazonaws.com' },
      request: { uid: `req-${uid}`, data: { name: 'trail' } },
    },
    src_endpoint: { ip: '203.0.113.10' },
    resources: [
      { uid: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/org', type: 'AWS::CloudTrail::Trail' },
    ],
    status_id: 1,
    raw_data: '{}',
  };
}

/**
 * An analytic that signals every event it sees under one dedup key, for a one-hour period, titled
 * with its name: one growing finding for tests of what consumes findings.
 */
export function everyEventAnalytic(
  info: AnalyticInfo,
  severity: (event: OcsfEvent) => SeverityId,
  confidence: number,
): Analytic {
  return {
    info,
    evaluate: (event) => ({
      analytic: info,
      title: info.name,
      desc: 'test',
      events: [event],
      severity_id: severity(event),
      confidence,
      attacks: [],
      dedupKey: 'k',
      dedupPeriodMs: 3_600_000,
    }),
  };
}

/**
 * The one finding a detector running `analytic` builds from API events `e<i>`, one second apart
 * from `start`: a real finding for tests of what consumes findings. Throws unless exactly one
 * comes out, so a test can't go on with a missing finding.
 */
export function findingFrom(
  analytic: Analytic,
  ids: readonly number[],
  start = 1_700_000_000_000,
  operation = 'StopLogging',
): DetectionFinding {
  const out: DetectionFinding[] = [];
  const detector = createDetector({ analytics: [analytic], clock: () => 0, onFinding: (f) => out.push(f) });
  for (const i of ids) detector.process(apiEvent(`e${i}`, start + i * 1000, operation));
  detector.flush();
  if (out.length !== 1) throw new Error(`findingFrom: expected one finding, got ${out.length}`);
  return out[0]!;
}
