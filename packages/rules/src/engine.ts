import type { Analytic, SeverityId, Signal, StateStore } from '@vigil/detect';
import type { OcsfEvent } from '@vigil/schema';
import { toAttacks } from './attack.ts';
import type { FirstSeenSpec, RuleDefinition, RuleSeverity, SequenceSpec, ThresholdSpec } from './rule.ts';

const SEVERITY_ID: Record<RuleSeverity, SeverityId> = { low: 2, medium: 3, high: 4, critical: 5 };

/** Keys whose newest event is older than this many windows are forgotten, bounding memory. */
const STALE_WINDOWS = 2;
/** Per key, at most this many distinct values are held; a scan past it has long crossed any threshold. */
const MAX_DISTINCT_PER_KEY = 10_000;

/** A rule's OCSF attacks: its explicit tactic–technique pairs, or every tactic with every technique. */
export function ruleAttacks(rule: Pick<RuleDefinition, 'attack'>) {
  return rule.attack.pairs
    ? rule.attack.pairs.flatMap(([tactic, technique]) => toAttacks([tactic], [technique]))
    : toAttacks(rule.attack.tactics, rule.attack.techniques);
}

/** Turns a rule definition into an analytic the detector can run. */
export function compileRule(rule: RuleDefinition): Analytic {
  const info = { uid: rule.id, name: rule.title, type_id: 1 as const, category: rule.status };
  const attacks = ruleAttacks(rule);
  const periodMs = rule.dedup.periodMinutes * 60_000;
  const remediation = {
    desc: rule.runbook.map((step, i) => `${i + 1}. ${step}`).join('\n'),
    references: [...rule.references],
  };
  const counter = rule.threshold ? createWindowCounter(rule.threshold) : undefined;
  const stateful = rule.firstSeen
    ? firstSeen(rule.id, rule.firstSeen)
    : rule.sequence
      ? sequence(rule.id, rule.sequence)
      : undefined;

  function signal(events: readonly OcsfEvent[], trigger: OcsfEvent, native: Native): Signal {
    const raise = rule.severityIf?.find((r) => r.when(trigger, native));
    const severity =
      raise && SEVERITY_ID[raise.severity] > SEVERITY_ID[rule.severity] ? raise.severity : rule.severity;
    return {
      analytic: info,
      title: rule.title,
      desc: rule.description,
      events,
      severity_id: SEVERITY_ID[severity],
      confidence: rule.confidence,
      attacks,
      dedupKey: rule.dedup.key(trigger, native),
      dedupPeriodMs: periodMs,
      summary: rule.summary?.(trigger, native),
      remediation,
    };
  }

  return {
    info,
    classUids: rule.classes,
    ...(rule.operations ? { operations: rule.operations } : {}),
    ...(rule.providers ? { providers: rule.providers } : {}),
    // The detector routes on `operations` (case-insensitively), so evaluate needs no check.
    evaluate(event, ctx) {
      const native = ctx.native;
      if (!rule.match(event, native)) return undefined;
      if (counter) {
        const crossed = counter.add(event, native);
        return crossed ? signal(crossed, event, native) : undefined;
      }
      if (stateful) {
        const events = stateful(event, native, ctx.state);
        return events ? signal(events, event, native) : undefined;
      }
      return signal([event], event, native);
    },
  };
}

type Native = Readonly<Record<string, unknown>> | undefined;
type Stateful = (event: OcsfEvent, native: Native, state: StateStore) => OcsfEvent[] | undefined;

const DAY = 86_400_000;

interface SeenState {
  since: number;
  values: string[];
}

/**
 * New-value detection per entity. The entity's first event starts its learning period; values
 * seen during it are learned silently, and afterwards a value never seen before fires once.
 */
function firstSeen(ruleId: string, spec: FirstSeenSpec): Stateful {
  const learningMs = spec.learningDays * DAY;
  const maxValues = spec.maxValues ?? 1000;
  return (event, native, state) => {
    const entity = spec.entity(event, native);
    const value = spec.value(event, native);
    if (entity === undefined || value === undefined) return undefined;
    const key = `first-seen|${ruleId}|${entity}`;
    const seen = state.get<SeenState>(key) ?? { since: event.time, values: [] };
    if (seen.values.includes(value)) return undefined;
    seen.values.push(value);
    if (seen.values.length > maxValues) seen.values.shift();
    state.set(key, seen);
    return event.time - seen.since >= learningMs ? [event] : undefined;
  };
}

interface SequenceState {
  step: number;
  started: number;
  events: OcsfEvent[];
}

/**
 * Ordered steps by the same key within a window: each event may advance the key's sequence by
 * one step; a sequence that ran out of time starts over from the event that matches step one.
 */
function sequence(ruleId: string, spec: SequenceSpec): Stateful {
  const windowMs = spec.withinMinutes * 60_000;
  return (event, native, state) => {
    // Most events match no step: decide that before building the key.
    if (!spec.steps.some((step) => step(event, native))) return undefined;
    const by = spec.by(event, native);
    if (by === undefined) return undefined;
    const key = `sequence|${ruleId}|${by}`;
    const stored = state.get<SequenceState>(key);
    // Steps happen in event time: an event older than the sequence's start (late, or replayed
    // after the state was saved) cannot advance it.
    const elapsed = stored ? event.time - stored.started : -1;
    const current = stored && elapsed >= 0 && elapsed <= windowMs ? stored : undefined;
    let next: SequenceState;
    if (current && spec.steps[current.step]!(event, native)) {
      next = { step: current.step + 1, started: current.started, events: [...current.events, event] };
    } else if (!current && spec.steps[0]!(event, native)) {
      next = { step: 1, started: event.time, events: [event] };
    } else {
      return undefined;
    }
    if (next.step === spec.steps.length) {
      state.delete(key);
      return next.events;
    }
    state.set(key, next, next.started + windowMs);
    return undefined;
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
  let sweptAt = 0;

  function forgetStale(): void {
    for (const [key, state] of states) {
      if (state.newest < watermark - STALE_WINDOWS * windowMs) states.delete(key);
    }
  }

  return {
    add(event: OcsfEvent, native?: Native): OcsfEvent[] | undefined {
      const key = spec.groupBy(event, native);
      if (key === undefined) return undefined;
      if (event.time > watermark) watermark = event.time;
      // Once per window of event time: held state then spans at most a few windows, whatever
      // the number of keys (a spray from thousands of addresses holds only the recent ones).
      if (watermark - sweptAt >= windowMs) {
        forgetStale();
        sweptAt = watermark;
      }
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
      const value = spec.distinct ? spec.distinct(event, native) : event.metadata.uid;
      if (value === undefined || event.time < cutoff) return undefined;
      for (const v of typeof value === 'string' ? [value] : value) {
        if (!state.byValue.has(v) && state.byValue.size < MAX_DISTINCT_PER_KEY) state.byValue.set(v, event);
      }
      if (state.byValue.size < spec.count) return undefined;
      const events = [...new Set(state.byValue.values())];
      states.delete(key);
      return events;
    },
    get keys() {
      return states.size;
    },
  };
}
