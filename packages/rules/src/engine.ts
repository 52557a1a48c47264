import type { Analytic, SeverityId, Signal, StateStore } from '@vigil/detect';
import type { OcsfEvent } from '@vigil/schema';
import { toAttacks } from './attack.ts';
import type { FirstSeenSpec, RuleDefinition, RuleSeverity, SequenceSpec, ThresholdSpec } from './rule.ts';

const SEVERITY_ID: Record<RuleSeverity, SeverityId> = { low: 2, medium: 3, high: 4, critical: 5 };

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
  const counter = rule.threshold ? createWindowCounter(rule.id, rule.threshold) : undefined;
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
        const crossed = counter.add(event, native, ctx.state);
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

/**
 * A threshold window in the state store, JSON-shaped so a DynamoDB-backed store can keep it:
 * each distinct value with the first event seen with it inside the window, in arrival order.
 * Never more than the rule's count: crossing it fires and starts over.
 */
interface WindowState {
  newest: number;
  entries: [value: string, event: OcsfEvent][];
}

/**
 * Sliding event-time window per group key, kept in the detector's state store (in memory for
 * the CLI, per shard in DynamoDB for the Lambda), expiring one window after its newest event.
 * When the number of distinct values (or events) within the window reaches the threshold,
 * returns the contributing events and starts over.
 */
export function createWindowCounter(ruleId: string, spec: ThresholdSpec) {
  const windowMs = spec.windowSeconds * 1000;
  const limit = Math.min(spec.count, MAX_DISTINCT_PER_KEY);

  return {
    add(event: OcsfEvent, native: Native, state: StateStore): OcsfEvent[] | undefined {
      const group = spec.groupBy(event, native);
      if (group === undefined) return undefined;
      const key = `threshold|${ruleId}|${group}`;
      const window = state.get<WindowState>(key) ?? { newest: event.time, entries: [] };
      if (event.time > window.newest) window.newest = event.time;
      const cutoff = window.newest - windowMs;
      // Entries are in arrival order, close to time order: drop from the front until one is inside.
      let stale = 0;
      while (stale < window.entries.length && window.entries[stale]![1].time < cutoff) stale++;
      if (stale > 0) window.entries.splice(0, stale);
      const value = spec.distinct ? spec.distinct(event, native) : event.metadata.uid;
      if (value === undefined || event.time < cutoff) return undefined;
      // The raw record stays with the event's own pipeline; the window keeps what findings use.
      // One copy per event, made only when one of its values is new to the window.
      let kept: OcsfEvent | undefined;
      const values = typeof value === 'string' ? undefined : value;
      for (let i = 0; i < (values ? values.length : 1); i++) {
        const v = values ? values[i]! : (value as string);
        if (window.entries.length >= limit || holds(window.entries, v)) continue;
        if (!kept) {
          const { raw_data: _raw, ...rest } = event;
          kept = rest as OcsfEvent;
        }
        window.entries.push([v, kept]);
      }
      if (window.entries.length < spec.count) {
        state.set(key, window, window.newest + windowMs);
        return undefined;
      }
      state.delete(key);
      return [...new Set(window.entries.map(([, e]) => e))];
    },
  };
}

function holds(entries: WindowState['entries'], value: string): boolean {
  for (let i = 0; i < entries.length; i++) if (entries[i]![0] === value) return true;
  return false;
}
