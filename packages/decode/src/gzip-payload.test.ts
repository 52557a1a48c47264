import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gunzipPayload } from './gzip-payload.ts';

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

describe('gunzipPayload', () => {
  it('inflates a payload of concatenated members', () => {
    // Act
    const result = gunzipPayload(Buffer.concat([gzipSync('one\n'), gzipSync('two\n')]));

    // Assess
    expect(result.failure).toBeUndefined();
    expect(text(result.bytes)).toBe('one\ntwo\n');
  });

  it('keeps what precedes the cut of a truncated payload', () => {
    // Prepare
    const whole = Buffer.concat([gzipSync('one\n'), gzipSync('two\n')]);
    const cut = whole.subarray(0, whole.length - 5);

    // Act
    const result = gunzipPayload(cut);

    // Assess
    expect(text(result.bytes)).toBe('one\ntwo\n');
    expect(result.failure).toBe(
      `gzip stream ends early after ${cut.length} compressed bytes (zlib Z_BUF_ERROR: unexpected end of file); the rest of the file is skipped`,
    );
  });

  it.each([
    ['trailing bytes that are no gzip member', Buffer.concat([gzipSync('one\n'), Buffer.from('xyz')])],
    ['a flipped bit in the deflate data', Buffer.from(gzipSync('one\n')).fill(0xff, 12, 14)],
  ])('rejects %s as corrupt', (_name, bytes) => {
    // Act
    const result = gunzipPayload(bytes);

    // Assess
    expect(result.bytes).toHaveLength(0);
    expect(result.failure).toMatch(
      new RegExp(
        `^gzip stream of ${bytes.length} compressed bytes is corrupt \\(zlib Z_DATA_ERROR: .+\\); the file is skipped$`,
      ),
    );
  });

  it('refuses a payload that inflates past the limit', () => {
    // Prepare
    const bomb = gzipSync(Buffer.alloc(100_000));

    // Act
    const result = gunzipPayload(bomb, 1000);

    // Assess
    expect(result.bytes).toHaveLength(0);
    expect(result.failure).toBe(
      "gzip stream inflates to more than 1000 bytes, the push decoder's limit for one payload (streamed gzip files go through decodeStream); the file is skipped",
    );
  });
});
