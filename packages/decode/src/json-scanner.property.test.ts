import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyRecord, azureRecord, containerOpening, cuts, jsonish, text } from './test-arbitraries.ts';
import { type Decoded, decodeText, itemProblem, streamText } from './test-helpers.ts';

const RUNS = { numRuns: 10_000 };

type Shape = (records: unknown[], indent: number) => string;
const shapes: Record<string, Shape> = {
  Records: (records, indent) => JSON.stringify({ Records: records }, null, indent),
  records: (records, indent) => JSON.stringify({ records: records }, null, indent),
  value: (records, indent) => JSON.stringify({ nextLink: 'n', value: records }, null, indent),
  array: (records, indent) => JSON.stringify(records, null, indent),
  concatenated: (records, indent) =>
    records.map((record) => JSON.stringify(record, null, indent || 1)).join(''),
};

const documents = fc
  .record({
    records: fc.array(anyRecord, { maxLength: 4 }),
    shape: fc.constantFrom(...Object.keys(shapes)),
    indent: fc.constantFrom(0, 2),
    gzip: fc.boolean(),
  })
  .map(({ records, shape, indent, gzip }) => {
    const doc = shapes[shape]!(records, indent);
    return { records: records.map((record) => JSON.parse(JSON.stringify(record)) as unknown), doc, gzip };
  });

function problems(items: ReturnType<typeof decodeText>['items']): string[] {
  return items.flatMap((item) => itemProblem(item) ?? []);
}

/** The push decoder; gzip also through `decodeStream`, whose inflated chunks end wherever zlib cuts them. */
async function bothPaths(bytes: Uint8Array, gzip: boolean, at: readonly number[]): Promise<Decoded[]> {
  const pushed = decodeText(bytes, {}, at);
  return gzip ? [pushed, await streamText(bytes, {}, at)] : [pushed];
}

describe('JSON container scanner (properties)', () => {
  it('round-trips every record of a container whatever the shape, compression and chunking', async () => {
    await fc.assert(
      fc.asyncProperty(documents, cuts, async ({ records, doc, gzip }, at) => {
        // Act
        const paths = await bothPaths(gzip ? gzipSync(doc) : Buffer.from(doc), gzip, at);

        // Assess
        for (const decoded of paths) {
          expect(decoded.rejects).toEqual([]);
          expect(decoded.records.map((r) => JSON.parse(r.raw))).toEqual(records);
          expect(problems(decoded.items)).toEqual([]);
        }
      }),
      RUNS,
    );
  });

  it('decodes every prefix of a valid document into a prefix of its records and at most one reject', async () => {
    await fc.assert(
      fc.asyncProperty(
        documents,
        fc.double({ min: 0, max: 1, noNaN: true }),
        cuts,
        async ({ records, doc, gzip }, share, at) => {
          // Prepare
          const bytes = gzip ? gzipSync(doc) : Buffer.from(doc);

          // Act
          const paths = await bothPaths(bytes.subarray(0, Math.floor(bytes.length * share)), gzip, at);

          // Assess
          for (const decoded of paths) {
            expect(problems(decoded.items)).toEqual([]);
            expect(decoded.rejects.length).toBeLessThanOrEqual(1);
            expect(decoded.records.map((r) => JSON.parse(r.raw))).toEqual(
              records.slice(0, decoded.records.length),
            );
          }
        },
      ),
      RUNS,
    );
  });

  it('maps Log Analytics rows by column whatever the chunking', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(text, fc.constantFrom('AzureActivity', 'SigninLogs', 'AuditLogs')), {
          maxLength: 5,
        }),
        cuts,
        (rows, at) => {
          // Prepare
          const doc = JSON.stringify({
            tables: [{ name: 'PrimaryResult', columns: [{ name: 'Caller' }, { name: 'Type' }], rows }],
          });

          // Act
          const decoded = decodeText(doc, {}, at);

          // Assess
          expect(decoded.rejects).toEqual([]);
          expect(decoded.records.map((r) => [r.record.Caller, r.record.Type])).toEqual(rows);
          expect(decoded.records.map((r) => JSON.parse(r.raw))).toEqual(decoded.records.map((r) => r.record));
        },
      ),
      RUNS,
    );
  });

  it('never throws on random JSON-like text after any container opening', () => {
    fc.assert(
      fc.property(containerOpening, jsonish, cuts, (opening, tail, at) => {
        // Act
        const decoded = decodeText(opening + tail, {}, at);

        // Assess
        expect(problems(decoded.items)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('rejects exactly the elements longer than maxRecordBytes and keeps the rest', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(azureRecord, fc.nat({ max: 400 })), { minLength: 1, maxLength: 4 }),
        cuts,
        (entries, at) => {
          // Prepare
          const records = entries.map(([record, size]) => ({ ...record, padding: 'x'.repeat(size) }));
          const texts = records.map((record) => JSON.stringify(record));
          const max = 400;

          // Act
          const decoded = decodeText(`{"records":[${texts.join(',')}]}`, { maxRecordBytes: max }, at);

          // Assess
          expect(decoded.records.map((r) => r.raw)).toEqual(texts.filter((t) => t.length <= max));
          expect(decoded.rejects.map((r) => r.reason)).toEqual(
            texts
              .filter((t) => t.length > max)
              .map((t) => `JSON value of ${t.length} characters exceeds maxRecordBytes (${max})`),
          );
        },
      ),
      RUNS,
    );
  });
});
