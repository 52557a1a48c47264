import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyRecord, cuts } from './test-arbitraries.ts';
import { decodeText, itemProblem } from './test-helpers.ts';

const RUNS = { numRuns: 10_000 };
/** Byte openings that send the input down each path: gzip, UTF-16, UTF-8 BOM, JSON, base64 gzip. */
const opening = fc.constantFrom(
  [],
  [0x1f, 0x8b],
  [0x1f, 0x8b, 0x08, 0x00],
  [0xff, 0xfe],
  [0xef, 0xbb, 0xbf],
  [0x7b],
  [0x5b],
  [...Buffer.from('H4sI')],
);

describe('bytes and gzip (properties)', () => {
  it('never throws on random bytes, whatever they start with', () => {
    fc.assert(
      fc.property(opening, fc.uint8Array({ maxLength: 200 }), cuts, (head, tail, at) => {
        // Act
        const decoded = decodeText(Buffer.concat([Buffer.from(head), tail]), {}, at);

        // Assess
        expect(decoded.items.flatMap((item) => itemProblem(item) ?? [])).toEqual([]);
      }),
      RUNS,
    );
  });

  it('keeps every record before a corrupted or truncated gzip stream and ends with one reject at most', () => {
    fc.assert(
      fc.property(
        fc.array(anyRecord, { minLength: 1, maxLength: 4 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        fc.boolean(),
        cuts,
        (records, position, flip, truncate, at) => {
          // Prepare
          const texts = records.map((record) => JSON.stringify(record));
          const bytes = Buffer.from(gzipSync(texts.join('\n')));
          const where = position % bytes.length;
          if (!truncate) bytes[where] = (bytes[where] ?? 0) ^ flip;
          const input = truncate ? bytes.subarray(0, where) : bytes;

          // Act
          const decoded = decodeText(input, {}, at);

          // Assess
          expect(decoded.items.flatMap((item) => itemProblem(item) ?? [])).toEqual([]);
          expect(decoded.records.length).toBeLessThanOrEqual(texts.length);
          const gzipRejects = decoded.rejects.filter((r) => r.reason.startsWith('gzip stream'));
          expect(gzipRejects.length).toBeLessThanOrEqual(1);
          if (gzipRejects.length === 1) expect(decoded.items.at(-1)?.value).toBe(gzipRejects[0]);
        },
      ),
      RUNS,
    );
  });
});
