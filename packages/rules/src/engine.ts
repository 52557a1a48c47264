import type { Analytic, SeverityId, Signal } from '@vigil/detect';
import type { OcsfEvent } from '@vigil/schema';
import { toAttacks } from './attack.ts';
import { operationOf } from './fields.ts';
import type { RuleDefinition, RuleSeverity, ThresholdSpec } from './rule.ts';

const SEVERITY_ID: Record<RuleSeverity, SeverityId> = { low: 2, medium: 3, high: 4, critical: 5 };

/** Keys whose newest event is older than this many windows are forgotten, bounding memory. */
const STALE_WINDOWS = 2;
/** Per key, at most this many distinct values are held; a scan past it has long crossed any threshold. */
const MAX_DISTINCT_PER_KEY = 10_000;

/** Turns a rule definition into an analytic the detector can run. */
export function compileRule(rule: RuleDefinition): Analytic {
  const info = { uid: rule.id, name: rule.title, type_id: 1 as const, category: rule.status };
  const attacks = toAttacks(rule.attack.tactics, rule.attack.techniques);
  const operations = rule.operations ? new Set(rule.operations) : undefined;
  const periodMs = rule.dedup.periodMinutes * 60_000;
  const remediation = {
    desc: rule.runbook.map((step, i) => `${i + 1}. ${step}`).join('\n'),
    references: [...rule.references],
  };
  const counter = rule.threshold ? createWindowCounter(rule.threshold) : undefined;

  function signal(events: readonly OcsfEvent[], trigger: OcsfEvent): Signal {
    return {
      analytic: info,
      title: rule.title,
      desc: rule.description,
      events,
      severity_id: SEVERITY_ID[rule.severity],
      confidence: rule.confidence,
      attacks,
      dedupKey: rule.dedup.key(trigger),
      dedupPeriodMs: periodMs,
      summary: rule.summary?.(trigger),
      remediation,
    };
  }

  return {
    info,
    classUids: rule.classes,
    evaluate(event) {
      if (operations) {
        const op = operationOf(event);
        if (op === undefined || !operations.has(op)) return undefined;
      }
      if (!rule.match(event)) return undefined;
      if (!counter) return signal([event], event);
      const crossed = counter.add(event);
      return crossed ? signal(crossed, event) : undefined;
    },
  };
}

interface WindowState {
  /** Distinct value → the first event seen with it inside the window. */
  byValue: Map<string, OcsfEvent>;
  newest: number;
}

/**
 * Sliding event-time window per group key. When the number of distinct values (or events)
 * within the window reaches the threshold, returns the contributing events and starts over.
 */
export function createWindowCounter(spec: ThresholdSpec) {
  const windowMs = spec.windowSeconds * 1000;
  const states = new Map<string, WindowState>();
  let watermark = 0;
  let added = 0;

  function forgetStale(): void {
    for (const [key, state] of states) {
      if (state.newest < watermark - STALE_WINDOWS * windowMs) states.delete(key);
    }
  }

  return {
    add(event: OcsfEvent): OcsfEvent[] | undefined {
      const key = spec.groupBy(event);
      if (key === undefined) return undefined;
      if (event.time > watermark) watermark = event.time;
      if (++added % 8192 === 0) forgetStale();
      let state = states.get(key);
      if (!state) {
        state = { byValue: new Map(), newest: event.time };
        states.set(key, state);
      }
      if (event.time > state.newest) state.newest = event.time;
      const cutoff = state.newest - windowMs;
      // Map order is arrival order, close to time order: stop at the first event still inside.
      for (const [value, e] of state.byValue) {
        if (e.time >= cutoff) break;
        state.byValue.delete(value);
      }
      const value = spec.distinct ? spec.distinct(event) : event.metadata.uid;
      if (value === undefined || event.time < cutoff) return undefined;
      if (!state.byValue.has(value) && state.byValue.size < MAX_DISTINCT_PER_KEY)
        state.byValue.set(value, event);
      if (state.byValue.size < spec.count) return undefined;
      const events = [...state.byValue.values()];
      states.delete(key);
      return events;
    },
    get keys() {
      return states.size;
    },
  };
}
