import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyRecord } from './classify-record.ts';
import { anyRecord, azureRecord, cloudTrail, eventBridge, gcpEntry, json } from './test-arbitraries.ts';
import { decodeText, itemProblem } from './test-helpers.ts';
import type { InputFormat } from './types.ts';

const RUNS = { numRuns: 10_000 };
const format = fc.constantFrom<InputFormat>('auto', 'cloudtrail', 'azure', 'gcp', 'vpcflow');

/** Every path to a value inside a (JSON) record, so each field can be given a wrong type. */
function paths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return [prefix, ...Object.entries(value).flatMap(([key, inner]) => paths(inner, [...prefix, key]))];
}

function withValueAt(record: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(record) as Record<string, unknown>;
  let target = copy;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[path.at(-1)!] = value;
  return copy;
}

const mutated = fc
  .tuple(fc.oneof(cloudTrail, eventBridge, azureRecord, gcpEntry), fc.nat(), json)
  .map(([record, pick, wrong]) => {
    const fields = paths(record).slice(1);
    return withValueAt(record, fields[pick % fields.length]!, wrong);
  });

describe('classifyRecord (properties)', () => {
  it('always answers with a family or a reason, for any value and format', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), json, anyRecord), format, (value, forced) => {
        // Act
        const found = classifyRecord(value, forced);

        // Assess
        if ('reason' in found) expect(found.reason.length).toBeGreaterThan(0);
        else if (forced !== 'auto') expect(found.source).toBe(forced);
      }),
      RUNS,
    );
  });

  it('gives one record or one reject for a record with a wrong type in any field', () => {
    fc.assert(
      fc.property(mutated, fc.boolean(), (value, container) => {
        // Prepare
        const text = JSON.stringify(value);
        const input = container ? `{"Records":[${text}]}` : `${text}\n`;

        // Act
        const decoded = decodeText(input);

        // Assess
        expect(decoded.items.flatMap((item) => itemProblem(item) ?? [])).toEqual([]);
        expect(decoded.records.length + decoded.rejects.length).toBe(1);
        for (const record of decoded.records) expect(JSON.parse(record.raw)).toBeDefined();
      }),
      RUNS,
    );
  });

  it('classifies every generated record of each family', () => {
    fc.assert(
      fc.property(anyRecord, (record) => {
        // Act
        const found = classifyRecord(record);

        // Assess
        expect(found).toEqual({ source: expect.any(String), variant: expect.any(String) });
      }),
      RUNS,
    );
  });
});
