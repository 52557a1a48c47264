import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeChunks, decodeText, everyCut } from './test-helpers.ts';

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

  it('ends the file with one reject naming the compressed offset when the gzip data is corrupt', () => {
    // Prepare
    const bytes = gzipSync(ndjson.repeat(50));
    bytes[bytes.length - 6] = (bytes[bytes.length - 6] ?? 0) ^ 0xff;

    // Act
    const { items } = decodeText(bytes);

    // Assess
    expect(items.at(-1)).toEqual({
      kind: 'reject',
      value: {
        location: { file: 'f', offset: expect.any(Number) },
        reason: expect.stringMatching(
          /^gzip stream is corrupt in compressed bytes 0\.\.\d+ \(zlib Z_DATA_ERROR: .+\); the rest of the file is skipped$/,
        ),
      },
    });
    expect(items.filter((item) => item.kind === 'reject')).toHaveLength(1);
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
