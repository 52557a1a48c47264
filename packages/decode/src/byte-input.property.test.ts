import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyRecord, cuts } from './test-arbitraries.ts';
import { type Decoded, decodeText, itemProblem, streamText } from './test-helpers.ts';

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

function problems(decoded: Decoded): string[] {
  return decoded.items.flatMap((item) => itemProblem(item) ?? []);
}

/** At most one gzip reject, and nothing after it: a broken gzip stream ends the file. */
function gzipRejectEndsFile(decoded: Decoded): void {
  const gzipRejects = decoded.rejects.filter((r) => r.reason.startsWith('gzip stream'));
  expect(gzipRejects.length).toBeLessThanOrEqual(1);
  if (gzipRejects.length === 1) expect(decoded.items.at(-1)?.value).toBe(gzipRejects[0]);
}

describe('bytes and gzip (properties)', () => {
  it('never throws on random bytes, whatever they start with, pushed or streamed', async () => {
    await fc.assert(
      fc.asyncProperty(opening, fc.uint8Array({ maxLength: 200 }), cuts, async (head, tail, at) => {
        // Prepare
        const bytes = Buffer.concat([Buffer.from(head), tail]);

        // Act
        const pushed = decodeText(bytes, {}, at);
        const streamed = await streamText(bytes, {}, at);

        // Assess
        expect(problems(pushed)).toEqual([]);
        expect(problems(streamed)).toEqual([]);
        gzipRejectEndsFile(pushed);
        gzipRejectEndsFile(streamed);
      }),
      RUNS,
    );
  });

  it('keeps the records before a corrupted or truncated gzip stream and ends with one reject at most', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(anyRecord, { minLength: 1, maxLength: 4 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        fc.boolean(),
        cuts,
        async (records, position, flip, truncate, at) => {
          // Prepare
          const texts = records.map((record) => JSON.stringify(record));
          const bytes = Buffer.from(gzipSync(texts.join('\n')));
          const where = position % bytes.length;
          if (!truncate) bytes[where] = (bytes[where] ?? 0) ^ flip;
          const input = truncate ? bytes.subarray(0, where) : bytes;

          // Act
          const pushed = decodeText(input, {}, at);
          const streamed = await streamText(input, {}, at);

          // Assess
          for (const decoded of [pushed, streamed]) {
            expect(problems(decoded)).toEqual([]);
            expect(decoded.records.length).toBeLessThanOrEqual(texts.length);
            gzipRejectEndsFile(decoded);
          }
          if (truncate) {
            expect(streamed.records.map((r) => r.raw)).toEqual(texts.slice(0, streamed.records.length));
            expect(streamed.items).toEqual(pushed.items);
          }
        },
      ),
      RUNS,
    );
  });
});
