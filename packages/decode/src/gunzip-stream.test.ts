import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gunzipStream } from './gunzip-stream.ts';

async function* once(bytes: Uint8Array) {
  yield bytes;
}

describe('gunzipStream', () => {
  it('holds the output of one small compressed slice at a time, even for a gzip bomb', async () => {
    // Prepare
    const size = 48 * 1024 * 1024;
    const bomb = gzipSync(Buffer.alloc(size));
    const failures: string[] = [];
    const held: number[] = [];

    // Act
    for await (const pieces of gunzipStream(once(bomb), (reason) => failures.push(reason))) {
      held.push(pieces.reduce((sum, piece) => sum + piece.length, 0));
    }

    // Assess
    expect(failures).toEqual([]);
    expect(held.reduce((sum, bytes) => sum + bytes, 0)).toBe(size);
    expect(held.length).toBeGreaterThan(2);
    expect(Math.max(...held)).toBeLessThanOrEqual(17 * 1024 * 1024);
  });
});
