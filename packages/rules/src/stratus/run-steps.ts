import type { ReplayBase } from './technique.ts';

/** One call of a detonation, repeated `count` times, `gapMs` apart (random in the range). */
export interface Step<R> {
  count: number;
  gapMs?: readonly [number, number];
  make: (index: number, count: number) => R;
}

const DEFAULT_GAP: readonly [number, number] = [300, 2500];

/** Runs steps in order, moving the clock before each call so that every record has its own time. */
export function runSteps<R>(base: ReplayBase, steps: readonly Step<R>[]): R[] {
  const out: R[] = [];
  for (const step of steps) {
    const [min, max] = step.gapMs ?? DEFAULT_GAP;
    for (let i = 0; i < step.count; i++) {
      base.clock.advance(base.rng.int(min, max));
      out.push(step.make(i, step.count));
    }
  }
  return out;
}
