import { describe, expect, it } from 'vitest';
import { EventQueue } from './event-queue.ts';
import { Random } from './random.ts';

describe('EventQueue', () => {
  it('releases items before a limit in time order, ties in arrival order', () => {
    // Prepare
    const queue = new EventQueue<{ time: number; id: number }>();
    const rng = new Random(3);
    const items = Array.from({ length: 500 }, (_, id) => ({ time: rng.int(0, 100), id }));
    for (const item of items) queue.push(item);
    // Act
    const first = [...queue.drainBefore(50)];
    const rest = [...queue.drainBefore(Number.POSITIVE_INFINITY)];
    // Assess
    const expected = [...items].sort((a, b) => a.time - b.time || a.id - b.id);
    expect([...first, ...rest]).toEqual(expected);
    expect(first.every((i) => i.time < 50)).toBe(true);
    expect(queue.size).toBe(0);
  });
});
