import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createDecoder } from './create-decoder.ts';
import { MAX_GZIP_PAYLOAD_BYTES } from './gzip-payload.ts';
import { decodeChunks, decodeText, everyCut } from './test-helpers.ts';
import type { DecodeItem } from './types.ts';

const ct = (id: string) =>
  JSON.stringify({
    eventName: 'PutBucketPolicy',
    eventSource: 's3.amazonaws.com',
    eventID: id,
    note: 'naïve 日本 😀',
  });
const ndjson = `${ct('a')}\n${ct('b')}\n`;

describe('bytes and compression', () => {
  it('decodes UTF-8 split inside multi-byte characters at every byte position', () => {
    // Prepare
    const bytes = Buffer.from(ndjson);
    const whole = decodeText(bytes).items;

    // Act / Assess
    expect(whole.map((item) => item.kind)).toEqual(['record', 'record']);
    for (const cuts of everyCut(bytes.length)) expect(decodeText(bytes, {}, cuts).items).toEqual(whole);
  });

  it('gunzips transparently, including at every chunk boundary', () => {
    // Prepare
    const bytes = gzipSync(ndjson);
    const plain = decodeText(ndjson).items;

    // Act / Assess
    for (const cuts of [[], ...everyCut(bytes.length)])
      expect(decodeText(bytes, {}, cuts).items).toEqual(plain);
  });

  it('gunzips concatenated gzip members', () => {
    // Prepare
    const bytes = Buffer.concat([gzipSync(`${ct('a')}\n`), gzipSync(`${ct('b')}\n`)]);

    // Act
    const { records, rejects } = decodeText(bytes, {}, [7, 40]);

    // Assess
    expect(rejects).toEqual([]);
    expect(records.map((r) => r.record.eventID)).toEqual(['a', 'b']);
  });

  it('inflates a large gzip stream in bounded pieces', () => {
    // Prepare
    const lines = Array.from({ length: 3000 }, (_, i) => ct(String(i))).join('\n');

    // Act
    const { records } = decodeText(gzipSync(lines));

    // Assess
    expect(records).toHaveLength(3000);
  });

  it('inflates gzip at end(), once the payload is complete', () => {
    // Prepare
    const items: DecodeItem[] = [];
    const decoder = createDecoder({ file: 'f' }, (item) => items.push(item));

    // Act
    decoder.write(gzipSync(ndjson));
    const beforeEnd = items.length;
    decoder.end();

    // Assess
    expect(beforeEnd).toBe(0);
    expect(items.map((item) => item.kind)).toEqual(['record', 'record']);
  });

  it('keeps its own copy of gzip chunks the caller reuses after write()', () => {
    // Prepare
    const bytes = gzipSync(ndjson);
    const buffer = Buffer.alloc(bytes.length);
    const items: DecodeItem[] = [];
    const decoder = createDecoder({ file: 'f' }, (item) => items.push(item));

    // Act
    for (const [from, to] of [
      [0, 10],
      [10, bytes.length],
    ] as const) {
      bytes.copy(buffer, 0, from, to);
      decoder.write(buffer.subarray(0, to - from));
      buffer.fill(0);
    }
    decoder.end();

    // Assess
    expect(items).toEqual(decodeText(ndjson).items);
  });

  it('rejects a corrupt gzip payload whole, with the zlib message', () => {
    // Prepare
    const bytes = gzipSync(ndjson.repeat(50));
    bytes[bytes.length - 6] = (bytes[bytes.length - 6] ?? 0) ^ 0xff;

    // Act
    const { items } = decodeText(bytes, {}, [100]);

    // Assess
    expect(items).toEqual([
      {
        kind: 'reject',
        value: {
          location: { file: 'f', offset: 0 },
          reason: `gzip stream of ${bytes.length} compressed bytes is corrupt (zlib Z_DATA_ERROR: incorrect data check); the file is skipped`,
        },
      },
    ]);
  });

  it('refuses gzip input past its payload limit with one reject, pointing to decodeStream', () => {
    // Prepare
    const items: DecodeItem[] = [];
    const decoder = createDecoder({ file: 'f' }, (item) => items.push(item));
    const half = Buffer.alloc(MAX_GZIP_PAYLOAD_BYTES / 2 + 1);
    half[0] = 0x1f;
    half[1] = 0x8b;

    // Act
    decoder.write(half);
    decoder.write(half.subarray(2));
    const atLimit = items.length;
    decoder.write(half);
    decoder.end();

    // Assess
    expect(atLimit).toBe(0);
    expect(items).toEqual([
      {
        kind: 'reject',
        value: {
          location: { file: 'f', offset: 0 },
          reason:
            'gzip input exceeds 64 MiB: the push decoder (createDecoder) takes gzip only as a complete payload of at most 64 MiB (streamed gzip files go through decodeStream); the file is skipped',
        },
      },
    ]);
  });

  it('rejects a truncated gzip stream once, after the records it did hold', () => {
    // Prepare
    const bytes = gzipSync(ndjson.repeat(3));

    // Act
    const { records, rejects } = decodeText(bytes.subarray(0, bytes.length - 10));

    // Assess
    expect(records.length).toBeGreaterThan(0);
    expect(rejects).toEqual([
      {
        location: { file: 'f', offset: expect.any(Number) },
        reason: `gzip stream ends early after ${bytes.length - 10} compressed bytes (zlib Z_BUF_ERROR: unexpected end of file); the rest of the file is skipped`,
      },
    ]);
  });

  it('reads UTF-16LE text with a byte order mark', () => {
    // Act
    const { records, rejects } = decodeText(Buffer.from(`\uFEFF${ndjson}`, 'utf16le'), {}, [1, 3, 8]);

    // Assess
    expect(rejects).toEqual([]);
    expect(records.map((r) => r.raw)).toEqual([ct('a'), ct('b')]);
  });

  it('accepts string chunks, and strings mixed into byte input', () => {
    // Act
    const strings = decodeChunks([ct('a').slice(0, 10), `${ct('a').slice(10)}\n`]);
    const mixed = decodeChunks([Buffer.from(ct('a').slice(0, 10)), `${ct('a').slice(10)}\n`]);

    // Assess
    expect(strings.records.map((r) => r.raw)).toEqual([ct('a')]);
    expect(mixed.records.map((r) => r.raw)).toEqual([ct('a')]);
  });

  it.each([
    ['an empty file', ''],
    ['whitespace only', ' \r\n\t\n  '],
    ['a lone BOM', '\uFEFF'],
  ])('emits nothing for %s', (_name, input) => {
    // Act
    const { items } = decodeText(Buffer.from(input));

    // Assess
    expect(items).toEqual([]);
  });

  it('treats a one-byte file as text', () => {
    // Act
    const { rejects } = decodeText(Buffer.from([0x1f]));

    // Assess
    expect(rejects).toEqual([
      expect.objectContaining({ reason: 'VPC flow line has 1 fields, expected 14 (v2 default)' }),
    ]);
  });
});
