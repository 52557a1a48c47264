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
  /** Epoch milliseconds; used for `finding_info.created_time` and passed to analytics. */
  clock: () => number;
  onFinding: (finding: DetectionFinding) => void;
}

export interface Detector {
  /** `native` is the record the event came from, passed to analytics that read source fields. */
  process(event: OcsfEvent, native?: Readonly<Record<string, unknown>>): void;
  /** End of input: stateful analytics flush and every open finding is emitted. */
  flush(): void;
  readonly openFindings: number;
}

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
  const routes = new Map<number, Analytic[]>();
  const universal = analytics.filter((a) => !a.classUids);
  for (const a of analytics) {
    for (const uid of a.classUids ?? []) {
      const list = routes.get(uid) ?? [...universal];
      list.push(a);
      routes.set(uid, list);
    }
  }
  const groups = new Map<string, FindingGroup>();
  let watermark = 0;
  let sinceSweep = 0;

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
      const targets = routes.get(event.class_uid) ?? universal;
      for (let i = 0; i < targets.length; i++) take(targets[i]!.evaluate(event, ctx));
      if (++sinceSweep >= SWEEP_EVERY) {
        sinceSweep = 0;
        sweep();
        memory?.sweep(watermark);
      }
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
