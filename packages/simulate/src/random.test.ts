import { describe, expect, it } from 'vitest';
import { hashString, Random } from './random.ts';

describe('Random', () => {
  it('repeats its stream for the same seed and differs for another', () => {
    // Act
    const a = new Random(9);
    const b = new Random(9);
    const c = new Random(10);
    const sa = Array.from({ length: 50 }, () => a.next());
    const sb = Array.from({ length: 50 }, () => b.next());
    const sc = Array.from({ length: 50 }, () => c.next());
    // Assess
    expect(sb).toEqual(sa);
    expect(sc).not.toEqual(sa);
  });

  it('derives independent streams from names, the same every time', () => {
    // Act
    const x1 = Random.derive(7, 'human/maya.okafor', 3).uuid();
    const x2 = Random.derive(7, 'human/maya.okafor', 3).uuid();
    const y = Random.derive(7, 'human/maya.okafor', 4).uuid();
    const z = Random.derive(8, 'human/maya.okafor', 3).uuid();
    // Assess
    expect(x2).toBe(x1);
    expect(new Set([x1, y, z]).size).toBe(3);
  });

  it('draws within bounds', () => {
    // Prepare
    const rng = new Random(1);
    // Act
    const ints = Array.from({ length: 2000 }, () => rng.int(3, 5));
    const picks = new Set(Array.from({ length: 200 }, () => rng.pick(['a', 'b'])));
    const poisson = Array.from({ length: 4000 }, () => rng.poisson(2));
    // Assess
    expect(Math.min(...ints)).toBe(3);
    expect(Math.max(...ints)).toBe(5);
    expect(picks).toEqual(new Set(['a', 'b']));
    const mean = poisson.reduce((s, n) => s + n, 0) / poisson.length;
    expect(mean).toBeGreaterThan(1.85);
    expect(mean).toBeLessThan(2.15);
  });

  it('makes version-4-shaped UUIDs', () => {
    // Act
    const id = new Random(5).uuid();
    // Assess
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('hashes strings stably', () => {
    // Assess
    expect(hashString('kestrel')).toBe(hashString('kestrel'));
    expect(hashString('kestrel')).not.toBe(hashString('kestrel.'));
  });
});
