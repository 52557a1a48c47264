import type { DetectionFinding } from '@vigil/schema';

/** A valid Detection Finding whose one evidence connects `src` to `dst` (for tests and benches). */
export function sampleFinding(
  uid: string,
  src: string,
  dst = '10.0.1.5',
  severityId: 1 | 2 | 3 | 4 | 5 = 3,
): DetectionFinding {
  const time = Date.UTC(2026, 10, 21, 12);
  return {
    class_uid: 2004,
    category_uid: 2,
    activity_id: 1,
    type_uid: 200401,
    time,
    severity_id: severityId,
    severity: ['Unknown', 'Informational', 'Low', 'Medium', 'High', 'Critical'][severityId] as string,
    status_id: 1,
    confidence_score: 80,
    risk_score: Math.round((severityId / 5) * 80),
    metadata: { version: '1.8.0', product: { name: 'Vigil' }, uid },
    finding_info: {
      uid,
      title: 'Console login from an unusual network',
      analytic: { uid: 'test-rule', name: 'Test rule', type_id: 1 },
      related_events: [{ uid: `${uid}-event` }],
    },
    cloud: { provider: 'AWS' },
    evidences: [{ src_endpoint: { ip: src }, dst_endpoint: { ip: dst }, api: { operation: 'ConsoleLogin' } }],
  };
}
