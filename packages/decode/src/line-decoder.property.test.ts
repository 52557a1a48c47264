import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { V2_DEFAULT_FLOW_FIELDS } from './flow-fields.ts';
import { anyRecord, cuts, flowLine, jsonish } from './test-arbitraries.ts';
import { decodeText, itemProblem } from './test-helpers.ts';

const RUNS = { numRuns: 10_000 };
const lineEnd = fc.constantFrom('\n', '\r\n', '\n\n', '\n  \n');

function problems(items: ReturnType<typeof decodeText>['items']): string[] {
  return items.flatMap((item) => itemProblem(item) ?? []);
}

describe('NDJSON and text lines (properties)', () => {
  it('round-trips NDJSON whatever the line endings, blank lines and chunking', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(anyRecord, lineEnd), { maxLength: 5 }),
        fc.boolean(),
        cuts,
        (lines, bytes, at) => {
          // Prepare
          const texts = lines.map(([record]) => JSON.stringify(record));
          const input = lines.map(([, end], i) => texts[i] + end).join('');

          // Act
          const decoded = decodeText(bytes ? Buffer.from(input) : input, {}, at);

          // Assess
          expect(decoded.rejects).toEqual([]);
          expect(decoded.records.map((r) => r.raw)).toEqual(texts);
          expect(decoded.records.map((r) => r.location.line)).toEqual(
            lines.map(
              (_, i) => 1 + lines.slice(0, i).reduce((sum, [, end]) => sum + end.split('\n').length - 1, 0),
            ),
          );
        },
      ),
      RUNS,
    );
  });

  it('decodes every prefix of NDJSON into a prefix of its records and at most one reject', () => {
    fc.assert(
      fc.property(fc.array(anyRecord, { maxLength: 4 }), fc.nat(), cuts, (records, cut, at) => {
        // Prepare
        const texts = records.map((record) => JSON.stringify(record));
        const input = texts.map((t) => `${t}\n`).join('');

        // Act
        const decoded = decodeText(input.slice(0, cut % (input.length + 1)), {}, at);

        // Assess
        expect(problems(decoded.items)).toEqual([]);
        expect(decoded.rejects.length).toBeLessThanOrEqual(1);
        expect(decoded.records.map((r) => r.raw)).toEqual(texts.slice(0, decoded.records.length));
      }),
      RUNS,
    );
  });

  it('rejects exactly the lines longer than maxRecordBytes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(anyRecord, fc.nat({ max: 300 })), { maxLength: 4 }),
        cuts,
        (entries, at) => {
          // Prepare
          const max = 300;
          const texts = entries.map(([record, size]) =>
            JSON.stringify({ ...record, padding: 'y'.repeat(size) }),
          );

          // Act
          const decoded = decodeText(texts.join('\n'), { maxRecordBytes: max, rejectRawLimit: 16 }, at);

          // Assess
          expect(decoded.records.map((r) => r.raw)).toEqual(texts.filter((t) => t.length <= max));
          // A first line too long to test-parse sends the file to the scanner, which counts the value instead.
          expect(
            decoded.rejects.map((r) => [
              r.reason.replace(/^JSON value of/, 'line of'),
              r.raw?.length,
              r.truncated,
            ]),
          ).toEqual(
            texts
              .filter((t) => t.length > max)
              .map((t) => [`line of ${t.length} characters exceeds maxRecordBytes (${max})`, 16, true]),
          );
        },
      ),
      RUNS,
    );
  });

  it('never throws on random Unicode text, including lone surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), cuts, (input, at) => {
        // Act
        const decoded = decodeText(input, {}, at);

        // Assess
        expect(problems(decoded.items)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('never throws on random JSON-like lines', () => {
    fc.assert(
      fc.property(fc.array(jsonish, { maxLength: 4 }), cuts, (lines, at) => {
        // Act
        const decoded = decodeText(`{}\n${lines.join('\n')}`, {}, at);

        // Assess
        expect(problems(decoded.items)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('round-trips VPC flow lines, with or without a header, whatever the chunking', () => {
    fc.assert(
      fc.property(
        fc.array(flowLine, { maxLength: 6 }),
        fc.boolean(),
        lineEnd,
        cuts,
        (lines, header, end, at) => {
          // Prepare
          const body = lines.map((l) => l.line);
          const input = [...(header ? [V2_DEFAULT_FLOW_FIELDS.join(' ')] : []), ...body].join(end);

          // Act
          const decoded = decodeText(input, {}, at);

          // Assess
          const traffic = lines.filter((l) => l.traffic);
          expect(decoded.rejects).toEqual([]);
          expect(decoded.skips).toHaveLength(lines.length - traffic.length + (header ? 1 : 0));
          expect(decoded.records.map((r) => r.raw)).toEqual(traffic.map((l) => l.line));
          expect(decoded.records.map((r) => Object.values(r.record).join(' '))).toEqual(
            traffic.map((l) => l.line),
          );
          expect(decoded.records.map((r) => r.variant)).toEqual(
            traffic.map((l) => `v${l.line.split(' ')[0]}`),
          );
        },
      ),
      RUNS,
    );
  });
});
