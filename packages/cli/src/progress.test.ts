import { describe, expect, it } from 'vitest';
import { formatBytes, Progress } from './progress.ts';

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return {
    writes,
    out: { isTTY, columns: 80, write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream,
  };
}

describe('Progress', () => {
  it('stays silent for short runs, then updates one terminal line in place', () => {
    let now = 0;
    const { writes, out } = stream(true);
    const p = new Progress(out, () => now);
    now = 1000;
    p.update(() => 'early');
    now = 1600;
    p.update(() => 'first');
    now = 1900;
    p.update(() => 'too soon');
    now = 2700;
    p.update(() => 'second');
    p.done();
    expect(writes).toEqual(['\r\x1b[2Kfirst', '\r\x1b[2Ksecond', '\r\x1b[2K']);
  });

  it('writes whole lines, less often, when stderr is not a terminal', () => {
    let now = 0;
    const { writes, out } = stream(false);
    const p = new Progress(out, () => now);
    for (now = 0; now <= 30_000; now += 500) p.update(() => `at ${now}`);
    p.done();
    expect(writes).toEqual(['at 1500\n', 'at 11500\n', 'at 21500\n']);
  });
});

describe('formatBytes', () => {
  it.each([
    [512, '512 B'],
    [2048, '2.0 KB'],
    [5 * 1024 * 1024, '5.0 MB'],
    [1.5 * 1024 ** 3, '1.5 GB'],
  ])('%d → %s', (n, text) => expect(formatBytes(n)).toBe(text));
});
