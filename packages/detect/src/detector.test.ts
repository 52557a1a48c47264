import { type DetectionFinding, type OcsfEvent, validateFinding } from '@vigil/schema';
import { describe, expect, it } from 'vitest';
import { createDetector } from './detector.ts';
import { MAX_RELATED_EVENTS } from './finding-builder.ts';
import { MemoryStateStore } from './memory-state.ts';
import { apiEvent } from './test-events.ts';
import type { Analytic, Signal } from './types.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 2, 10);

/** Fires on every event with operation StopLogging, keyed by account. */
function stopLogging(periodMs = HOUR): Analytic {
  const info = { uid: 'test-stop-logging', name: 'Stop logging', type_id: 1 as const };
  return {
    info,
    classUids: [6003],
    evaluate(event: OcsfEvent): Signal | undefined {
      if (!('api' in event) || event.api?.operation !== 'StopLogging') return undefined;
      return {
        analytic: info,
        title: 'CloudTrail logging stopped',
        desc: 'test',
        events: [event],
        severity_id: 4,
        confidence: 80,
        attacks: [
          {
            tactic: { uid: 'TA0005', name: 'Defense Evasion' },
            technique: { uid: 'T1562', name: 'Impair Defenses' },
          },
        ],
        dedupKey: event.cloud.account?.uid ?? '',
        dedupPeriodMs: periodMs,
        summary: 'stopped',
      };
    },
  };
}

function run(events: OcsfEvent[], analytics: Analytic[] = [stopLogging()]): DetectionFinding[] {
  const findings: DetectionFinding[] = [];
  const detector = createDetector({
    analytics,
    clock: () => T0 + 99 * HOUR,
    onFinding: (f) => findings.push(f),
  });
  for (const e of events) detector.process(e);
  detector.flush();
  return findings;
}

describe('createDetector', () => {
  it('turns a signal into a valid Detection Finding naming its source event', () => {
    const [finding] = run([apiEvent('e1', T0)]);
    expect(validateFinding(finding)).toMatchObject({ ok: true });
    expect(finding!.finding_info.related_events).toEqual([
      { uid: 'e1', type_uid: 600304, type_name: 'API Activity: Delete' },
    ]);
    expect(finding).toMatchObject({
      severity_id: 4,
      confidence_score: 80,
      risk_score: 64,
      status_id: 1,
      time: T0,
      count: 1,
      message: 'stopped',
      cloud: { provider: 'AWS', account: { uid: '111122223333' } },
      actor: { user: { name: 'alice' } },
    });
    expect(finding!.evidences[0]).toMatchObject({
      uid: 'e1',
      api: { operation: 'StopLogging', request: { uid: 'req-e1' } },
    });
    expect(finding!.evidences[0]!.api).not.toHaveProperty('request.data');
  });

  it('groups signals with the same key within the dedup period into one finding', () => {
    const findings = run([
      apiEvent('e1', T0),
      apiEvent('e2', T0 + 10 * 60_000),
      apiEvent('e3', T0 + 2 * HOUR),
    ]);
    expect(findings.map((f) => f.finding_info.related_events.map((r) => r.uid))).toEqual([
      ['e1', 'e2'],
      ['e3'],
    ]);
    expect(findings[0]).toMatchObject({ count: 2, start_time: T0, end_time: T0 + 10 * 60_000 });
  });

  it('keeps different keys apart', () => {
    const findings = run([apiEvent('e1', T0, 'StopLogging', 'a'), apiEvent('e2', T0, 'StopLogging', 'b')]);
    expect(findings).toHaveLength(2);
  });

  it('ignores events the analytic does not accept and never sees other classes', () => {
    const seen: number[] = [];
    const spy: Analytic = {
      info: { uid: 'spy', name: 'spy', type_id: 1 },
      classUids: [4001],
      evaluate: (e) => {
        seen.push(e.class_uid);
        return undefined;
      },
    };
    expect(run([apiEvent('e1', T0, 'StartLogging')], [stopLogging(), spy])).toEqual([]);
    expect(seen).toEqual([]);
  });

  it('routes by operation, ignoring case, so an analytic sees only the operations it names', () => {
    const seen: string[] = [];
    const byOp: Analytic = {
      info: { uid: 'ops', name: 'ops', type_id: 1 },
      classUids: [6003],
      operations: ['Microsoft.Authorization/locks/delete'],
      evaluate: (e) => {
        seen.push('api' in e ? (e.api?.operation ?? '') : '');
        return undefined;
      },
    };
    run([apiEvent('a', T0, 'MICROSOFT.AUTHORIZATION/LOCKS/DELETE'), apiEvent('b', T0, 'ListTrails')], [byOp]);
    expect(seen).toEqual(['MICROSOFT.AUTHORIZATION/LOCKS/DELETE']);
  });

  it('gives the same finding uid on replay, a different one in another window', () => {
    const a = run([apiEvent('e1', T0)]);
    const b = run([apiEvent('e1', T0)]);
    const c = run([apiEvent('e1', T0 + 5 * HOUR)]);
    expect(a[0]!.finding_info.uid).toBe(b[0]!.finding_info.uid);
    expect(c[0]!.finding_info.uid).not.toBe(a[0]!.finding_info.uid);
    expect(a[0]!.metadata.uid).toBe(a[0]!.finding_info.uid);
  });

  it('emits a group once event time has moved past its period, before the end of input', () => {
    const findings: DetectionFinding[] = [];
    const detector = createDetector({
      analytics: [stopLogging()],
      clock: () => T0,
      onFinding: (f) => findings.push(f),
    });
    detector.process(apiEvent('e1', T0));
    for (let i = 0; i < 5000; i++) detector.process(apiEvent(`n${i}`, T0 + 2 * HOUR + i, 'ListTrails'));
    expect(findings).toHaveLength(1);
    expect(detector.openFindings).toBe(0);
  });

  it('caps related events but counts them all', () => {
    const events = Array.from({ length: MAX_RELATED_EVENTS + 20 }, (_, i) => apiEvent(`e${i}`, T0 + i));
    const [finding] = run(events);
    expect(finding!.finding_info.related_events).toHaveLength(MAX_RELATED_EVENTS);
    expect(finding).toMatchObject({
      count: MAX_RELATED_EVENTS + 20,
      finding_info: { related_events_count: MAX_RELATED_EVENTS + 20 },
    });
    expect(validateFinding(finding)).toMatchObject({ ok: true });
  });

  it('refuses a signal that names no event', () => {
    const broken: Analytic = {
      info: { uid: 'broken', name: 'broken', type_id: 1 },
      evaluate: (event, ctx) => ({ ...(stopLogging().evaluate(event, ctx) as Signal), events: [] }),
    };
    expect(() => run([apiEvent('e1', T0)], [broken])).toThrow(/no events: a finding must name its sources/);
  });

  it('hands analytics the native record and a state store that persists between events', () => {
    const seen: unknown[] = [];
    const stateful: Analytic = {
      info: { uid: 'stateful', name: 'stateful', type_id: 1 },
      evaluate: (_event, ctx) => {
        seen.push(ctx.native?.eventName);
        ctx.state.set('n', (ctx.state.get<number>('n') ?? 0) + 1);
        seen.push(ctx.state.get('n'));
        return undefined;
      },
    };
    const detector = createDetector({ analytics: [stateful], clock: () => T0, onFinding: () => {} });
    detector.process(apiEvent('e1', T0), { eventName: 'StopLogging' });
    detector.process(apiEvent('e2', T0));
    expect(seen).toEqual(['StopLogging', 1, undefined, 2]);
  });
});

describe('MemoryStateStore', () => {
  it('forgets entries once event time passes their expiry', () => {
    const store = new MemoryStateStore();
    store.set('a', 1, 100);
    store.set('b', 2);
    store.sweep(100);
    expect([store.get('a'), store.get('b'), store.size]).toEqual([undefined, 2, 1]);
  });
});
