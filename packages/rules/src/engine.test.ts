import { MemoryStateStore, type StateStore } from '@vigil/detect';
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
    const c = createWindowCounter('r', spec as never);
    const state = new MemoryStateStore();
    expect(c.add(byPort('a', T0, 1), undefined, state)).toBeUndefined();
    expect(c.add(byPort('b', T0 + 1000, 1), undefined, state)).toBeUndefined();
    expect(c.add(byPort('c', T0 + 2000, 2), undefined, state)).toBeUndefined();
    expect(state.size).toBe(1);
    expect(c.add(byPort('d', T0 + 3000, 3), undefined, state)?.map((e) => e.metadata.uid)).toEqual([
      'a',
      'c',
      'd',
    ]);
    expect(state.size).toBe(0);
  });

  it('keeps its window in the state store as JSON, so a store that serializes (DynamoDB) carries it', () => {
    const entries = new Map<string, string>();
    const json: StateStore = {
      get: (key) => {
        const text = entries.get(key);
        return text === undefined ? undefined : JSON.parse(text);
      },
      set: (key, value) => void entries.set(key, JSON.stringify(value)),
      delete: (key) => void entries.delete(key),
    };
    const c = createWindowCounter('r', spec as never);
    c.add(byPort('a', T0, 1), undefined, json);
    c.add(byPort('b', T0 + 1000, 2), undefined, json);
    expect([...entries.keys()]).toEqual(['threshold|r|k']);
    expect(entries.get('threshold|r|k')).not.toContain('raw_data');
    const again = createWindowCounter('r', spec as never);
    expect(again.add(byPort('c', T0 + 2000, 3), undefined, json)?.map((e) => e.metadata.uid)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('expires its state one window after the newest event', () => {
    const c = createWindowCounter('r', spec as never);
    const state = new MemoryStateStore();
    c.add(byPort('a', T0, 1), undefined, state);
    state.sweep(T0 + 59_999);
    expect(state.size).toBe(1);
    state.sweep(T0 + 60_000);
    expect(state.size).toBe(0);
  });

  it('forgets values that fell out of the window', () => {
    const c = createWindowCounter('r', spec as never);
    const state = new MemoryStateStore();
    c.add(byPort('a', T0, 1), undefined, state);
    c.add(byPort('b', T0 + 1000, 2), undefined, state);
    expect(c.add(byPort('c', T0 + 61_500, 3), undefined, state)).toBeUndefined();
    expect(c.add(byPort('d', T0 + 62_000, 4), undefined, state)).toBeUndefined();
    expect(c.add(byPort('e', T0 + 63_000, 5), undefined, state)?.map((e) => e.metadata.uid)).toEqual([
      'c',
      'd',
      'e',
    ]);
  });

  it('ignores events without a group key', () => {
    const c = createWindowCounter('r', { ...spec, groupBy: () => undefined } as never);
    const state = new MemoryStateStore();
    for (let i = 0; i < 5; i++) expect(c.add(byPort(`e${i}`, T0 + i, i), undefined, state)).toBeUndefined();
    expect(state.size).toBe(0);
  });
});
