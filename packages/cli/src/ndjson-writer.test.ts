import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { InputError } from './errors.ts';
import { NdjsonWriter } from './ndjson-writer.ts';

describe('NdjsonWriter', () => {
  it('writes one JSON value per line', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'vigil-w-')), 'out.ndjson');
    const w = await NdjsonWriter.open(file);
    w.write({ a: 1 });
    w.write(['x']);
    await w.close();
    expect(readFileSync(file, 'utf8')).toBe('{"a":1}\n["x"]\n');
    expect(w.count).toBe(2);
  });

  it('resolves drained() even when the drain happened before anyone awaited it', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'vigil-w-')), 'out.ndjson');
    const w = await NdjsonWriter.open(file);
    const line = { pad: 'x'.repeat(1024) };
    for (let i = 0; i < 64; i++) w.write(line);
    await sleep(100);
    await w.drained();
    await w.close();
    expect(readFileSync(file, 'utf8').split('\n')).toHaveLength(65);
  });

  it('names a target it cannot open', async () => {
    await expect(NdjsonWriter.open('/nonexistent-dir/out.ndjson')).rejects.toThrow(InputError);
    await expect(NdjsonWriter.open('/nonexistent-dir/out.ndjson')).rejects.toThrow(
      /nonexistent-dir\/out.ndjson: cannot write: ENOENT/,
    );
  });
});
