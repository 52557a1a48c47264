import { apiEvent } from '@vigil/detect/test-events';
import { describe, expect, it } from 'vitest';
import { createWindowCounter } from './engine.ts';

const T0 = Date.UTC(2026, 10, 2);
const byPort = (uid: string, time: number, port: number) => {
  const e = apiEvent(uid, time);
  e.src_endpoint = { ip: '198.51.100.1', port };
  return e;
};

describe('createWindowCounter', () => {
  const spec = {
    count: 3,
    windowSeconds: 60,
    groupBy: () => 'k',
    distinct: (e: ReturnType<typeof apiEvent>) => String(e.src_endpoint.port),
  };

  it('returns the contributing events when the distinct count reaches the threshold', () => {
    const c = createWindowCounter(spec as never);
    expect(c.add(byPort('a', T0, 1))).toBeUndefined();
    expect(c.add(byPort('b', T0 + 1000, 1))).toBeUndefined();
    expect(c.add(byPort('c', T0 + 2000, 2))).toBeUndefined();
    expect(c.add(byPort('d', T0 + 3000, 3))?.map((e) => e.metadata.uid)).toEqual(['a', 'c', 'd']);
    expect(c.keys).toBe(0);
  });

  it('forgets values that fell out of the window', () => {
    const c = createWindowCounter(spec as never);
    c.add(byPort('a', T0, 1));
    c.add(byPort('b', T0 + 1000, 2));
    expect(c.add(byPort('c', T0 + 61_500, 3))).toBeUndefined();
    expect(c.add(byPort('d', T0 + 62_000, 4))).toBeUndefined();
    expect(c.add(byPort('e', T0 + 63_000, 5))?.map((e) => e.metadata.uid)).toEqual(['c', 'd', 'e']);
  });

  it('ignores events without a group key', () => {
    const c = createWindowCounter({ ...spec, groupBy: () => undefined } as never);
    for (let i = 0; i < 5; i++) expect(c.add(byPort(`e${i}`, T0 + i, i))).toBeUndefined();
    expect(c.keys).toBe(0);
  });
});
