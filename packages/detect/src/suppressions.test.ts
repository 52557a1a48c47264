import type { DetectionFinding } from '@vigil/schema';
import { describe, expect, it } from 'vitest';
import { createDetector } from './detector.ts';
import { compileSuppressions, SuppressionError } from './suppressions.ts';
import { apiEvent } from './test-events.ts';
import type { Analytic, Signal } from './types.ts';

const T0 = Date.UTC(2026, 10, 2, 10);
const info = { uid: 'test-rule', name: 'test', type_id: 1 as const };
const always: Analytic = {
  info,
  evaluate: (event): Signal => ({
    analytic: info,
    title: 't',
    desc: 'd',
    events: [event],
    severity_id: 3,
    confidence: 50,
    attacks: [],
    dedupKey: event.metadata.uid,
    dedupPeriodMs: 60_000,
  }),
};

function run(config: unknown, events = [apiEvent('e1', T0)]) {
  const findings: DetectionFinding[] = [];
  const suppressed: string[] = [];
  const detector = createDetector({
    analytics: [always],
    clock: () => T0,
    onFinding: (f) => findings.push(f),
    suppress: compileSuppressions(config, 'test.yml'),
    onSuppressed: (id) => suppressed.push(id),
  });
  for (const e of events) detector.process(e);
  detector.flush();
  return { findings, suppressed };
}

const s = (scope: Record<string, unknown>) => ({
  suppressions: [{ id: 's1', reason: 'approved', ...scope }],
});

describe('suppressions', () => {
  it.each([
    [{ rule: 'test-rule' }, true],
    [{ rule: 'other-rule' }, false],
    [{ principal: 'arn:aws:iam::111122223333:user/alice' }, true],
    [{ principal: 'alice' }, true],
    [{ principal: 'bob' }, false],
    [{ account: '111122223333' }, true],
    [{ account: '999999999999' }, false],
    [{ cidr: '203.0.113.0/24' }, true],
    [{ cidr: '198.51.100.0/24' }, false],
    [{ resource: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/org' }, true],
    [{ rule: 'test-rule', account: '999999999999' }, false],
    [{ rule: 'test-rule', expires: '2026-11-02T11:00:00Z' }, true],
    [{ rule: 'test-rule', expires: '2026-11-02T09:00:00Z' }, false],
  ])('%j suppresses: %s', (scope, suppressed) => {
    const r = run(s(scope));
    expect(r.suppressed).toEqual(suppressed ? ['s1'] : []);
    expect(r.findings).toHaveLength(suppressed ? 0 : 1);
  });

  it.each([
    [{ suppressions: [{ id: 's1', reason: 'x' }] }, /test.yml: .*at least one scope/],
    [s({ cidr: '10.0.0.0/99' }), /test.yml: suppressions\[0\]: not a CIDR: 10.0.0.0\/99/],
    [s({ rule: 'r', expire: '2026-01-01' }), /expire/],
    [
      {
        suppressions: [
          { id: 'a', reason: 'why', rule: 'r' },
          { id: 'a', reason: 'why', rule: 'q' },
        ],
      },
      /duplicate id a/,
    ],
  ])('rejects a bad file with a message naming it (%#)', (config, message) => {
    expect(() => compileSuppressions(config, 'test.yml')).toThrow(SuppressionError);
    expect(() => compileSuppressions(config, 'test.yml')).toThrow(message);
  });
});
