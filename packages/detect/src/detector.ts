import type { DetectionFinding, OcsfEvent } from '@vigil/schema';
import { addToGroup, buildFinding, type FindingGroup, openGroup } from './finding-builder.ts';
import { MemoryStateStore } from './memory-state.ts';
import type { Analytic, Signal, StateStore } from './types.ts';

export interface DetectorOptions {
  analytics: readonly Analytic[];
  /** State for stateful analytics; an in-memory store swept in event time when absent. */
  state?: StateStore;
  /** Returns the id of a suppression covering the signal; suppressed signals make no finding. */
  suppress?: (signal: Signal) => string | undefined;
  onSuppressed?: (suppressionId: string, signal: Signal) => void;
  /** Sees every signal that was not suppressed, before it joins a finding group. */
  onSignal?: (signal: Signal) => void;
  /** Epoch milliseconds; used for `finding_info.created_time` and passed to analytics. */
  clock: () => number;
  onFinding: (finding: DetectionFinding) => void;
}

export interface Detector {
  /** `native` is the record the event came from, passed to analytics that read source fields. */
  process(event: OcsfEvent, native?: Readonly<Record<string, unknown>>): void;
  /** Takes a signal computed outside the analytics (model scores of a batch), like their own. */
  raise(signal: Signal): void;
  /** End of input: stateful analytics flush and every open finding is emitted. */
  flush(): void;
  readonly openFindings: number;
}

/** Distinct operation spellings kept lower-cased; past it the memo starts over, bounding memory. */
const MAX_LOWERED = 10_000;

/** How often (in events) open finding groups are checked against the event-time watermark. */
const SWEEP_EVERY = 4096;

/**
 * Routes each event to the analytics that accept its class, groups their signals by analytic
 * and dedup key for the dedup period, and emits one Detection Finding per group when the
 * period has passed in event time (or at flush).
 */
export function createDetector(options: DetectorOptions): Detector {
  const { analytics, clock, onFinding } = options;
  const memory = options.state ? undefined : new MemoryStateStore();
  const ctx: { now: () => number; native?: Readonly<Record<string, unknown>>; state: StateStore } = {
    now: clock,
    state: options.state ?? memory!,
  };
  const routes = buildRoutes(analytics);
  const groups = new Map<string, FindingGroup>();
  let watermark = 0;
  let sinceSweep = 0;
  // Operation names repeat across events: lower-case each spelling once, not once per event.
  const lowered = new Map<string, string>();
  function lowerOperation(operation: string): string {
    let lower = lowered.get(operation);
    if (lower === undefined) {
      if (lowered.size >= MAX_LOWERED) lowered.clear();
      lower = operation.toLowerCase();
      lowered.set(operation, lower);
    }
    return lower;
  }

  function accept(signal: Signal): void {
    if (signal.events.length === 0) {
      throw new Error(
        `analytic ${signal.analytic.uid} raised a signal with no events: a finding must name its sources`,
      );
    }
    const suppressedBy = options.suppress?.(signal);
    if (suppressedBy !== undefined) {
      options.onSuppressed?.(suppressedBy, signal);
      return;
    }
    options.onSignal?.(signal);
    const key = `${signal.analytic.uid}\u0000${signal.dedupKey}`;
    const group = groups.get(key);
    if (group && group.openedAt + signal.dedupPeriodMs > maxTime(signal)) {
      addToGroup(group, signal);
      return;
    }
    if (group) emit(key, group);
    groups.set(key, openGroup(signal));
  }

  function emit(key: string, group: FindingGroup): void {
    groups.delete(key);
    onFinding(buildFinding(group, clock()));
  }

  function sweep(): void {
    for (const [key, group] of groups) {
      if (group.openedAt + group.first.dedupPeriodMs <= watermark) emit(key, group);
    }
  }

  function take(result: Signal | readonly Signal[] | undefined): void {
    if (result === undefined) return;
    if (Array.isArray(result)) for (const s of result as readonly Signal[]) accept(s);
    else accept(result as Signal);
  }

  return {
    process(event, native) {
      if (event.time > watermark) watermark = event.time;
      ctx.native = native;
      const byProvider = routes.get(event.class_uid) ?? routes.get(ANY_CLASS)!;
      const route = byProvider.get(event.cloud.provider) ?? byProvider.get(ANY_PROVIDER)!;
      const any = route.anyOperation;
      for (let i = 0; i < any.length; i++) take(any[i]!.evaluate(event, ctx));
      const operation = 'api' in event ? event.api?.operation : undefined;
      if (operation !== undefined && route.byOperation.size > 0) {
        const targets = route.byOperation.get(lowerOperation(operation));
        if (targets) for (let i = 0; i < targets.length; i++) take(targets[i]!.evaluate(event, ctx));
      }
      if (++sinceSweep >= SWEEP_EVERY) {
        sinceSweep = 0;
        sweep();
        memory?.sweep(watermark);
      }
    },
    raise(signal) {
      accept(signal);
    },
    flush() {
      for (const a of analytics) if (a.flush) take(a.flush(ctx));
      for (const [key, group] of groups) emit(key, group);
    },
    get openFindings() {
      return groups.size;
    },
  };
}

function maxTime(signal: Signal): number {
  let t = 0;
  for (const e of signal.events) if (e.time > t) t = e.time;
  return t;
}

const ANY_CLASS = -1;

interface Route {
  /** Analytics that read every event of the class. */
  anyOperation: Analytic[];
  /** Lower-cased `api.operation` → analytics that read only those operations. */
  byOperation: Map<string, Analytic[]>;
}

const ANY_PROVIDER = '*';

/**
 * Per class and provider, the analytics to run: those that want every operation, and an index
 * by operation for the rest, so an event costs two map lookups instead of a check per rule.
 */
function buildRoutes(analytics: readonly Analytic[]): Map<number, Map<string, Route>> {
  const classes = new Set<number>([ANY_CLASS]);
  const providers = new Set<string>([ANY_PROVIDER]);
  for (const a of analytics) {
    for (const uid of a.classUids ?? []) classes.add(uid);
    for (const p of a.providers ?? []) providers.add(p);
  }
  const routes = new Map<number, Map<string, Route>>();
  for (const uid of classes) {
    const byProvider = new Map<string, Route>();
    for (const provider of providers) {
      const route: Route = { anyOperation: [], byOperation: new Map() };
      for (const a of analytics) {
        if (a.classUids && !a.classUids.includes(uid)) continue;
        if (a.providers && !a.providers.includes(provider)) continue;
        if (!a.operations) {
          route.anyOperation.push(a);
          continue;
        }
        for (const op of new Set(a.operations.map((o) => o.toLowerCase()))) {
          const list = route.byOperation.get(op) ?? [];
          list.push(a);
          route.byOperation.set(op, list);
        }
      }
      byProvider.set(provider, route);
    }
    routes.set(uid, byProvider);
  }
  return routes;
}
