import type { SourceRecord } from '@vigil/decode';
import { validateEvent } from '@vigil/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeAzure } from './azure.ts';
import { decodeFixture } from './azure-fixtures.test-helper.ts';

const VARIANT_FIXTURES: Record<string, string[]> = {
  activity: [
    'azure/activity-diagnostic.json',
    'azure/activity-rest-events.json',
    'scenarios/azure-owner-assignment.json',
  ],
  'activity-la': ['azure/la-azureactivity-query.json', 'azure/la-azureactivity-rows.ndjson'],
  signin: ['azure/signin-diagnostic.json'],
  'signin-la': ['azure/la-signinlogs-query.json', 'azure/la-signinlogs-rows.json'],
  audit: ['azure/audit-diagnostic.json'],
  'audit-la': ['azure/la-auditlogs-query.json', 'azure/la-auditlogs-rows.ndjson'],
};

/** Values a field may wrongly hold, and plausible ones, so mutations reach deep code paths. */
const junk = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.string(),
  fc.constantFrom(
    '',
    '0',
    '50126',
    'Success',
    'Start',
    'Failed',
    '2026-03-02T09:02:11Z',
    'not-a-time',
    '{',
    '[1,2]',
    '{"a":{"b":1}}',
  ),
  fc.constantFrom(
    '1b7a00bc-2b02-5a1e-a75f-4a47d835b109',
    '203.0.113.10',
    '/subscriptions/x/providers/A.B/c/d',
    'Microsoft.X/y/write',
  ),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.array(fc.anything(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 12 }), fc.anything(), { maxKeys: 4 }),
  fc.record({ value: fc.oneof(fc.string(), fc.integer()) }),
);

function source(variant: string, record: Record<string, unknown>): SourceRecord {
  return { source: 'azure', variant, record, raw: '{}', location: { file: 'property' } };
}

/** Never throws; either a valid OCSF event or a failure that says why. */
function assertSound(variant: string, record: Record<string, unknown>): void {
  const result = normalizeAzure(source(variant, record));
  if (result.ok) {
    const valid = validateEvent(result.event);
    if (!valid.ok) throw new Error(`${variant}: invalid event: ${valid.issues.join('; ')}`);
  } else {
    expect(result.reason).toMatch(/^Azure (Activity|sign-in|audit) record: .+/);
  }
}

function paths(records: Record<string, unknown>[]): string[] {
  const out = new Set<string>();
  for (const r of records)
    for (const [k, v] of Object.entries(r)) {
      out.add(k);
      if (v && typeof v === 'object' && !Array.isArray(v))
        for (const inner of Object.keys(v)) out.add(`${k}.${inner}`);
    }
  return [...out];
}

function edited(base: Record<string, unknown>, edits: [string, unknown][]): Record<string, unknown> {
  const copy = structuredClone(base);
  for (const [path, value] of edits) {
    const [head, tail] = path.split('.', 2) as [string, string | undefined];
    const target = tail === undefined ? copy : (copy[head] as Record<string, unknown> | null);
    if (target === null || typeof target !== 'object') continue;
    const key = tail ?? head;
    if (value === undefined) delete target[key];
    else target[key] = value;
  }
  return copy;
}

describe('normalizeAzure properties', () => {
  describe.each(Object.entries(VARIANT_FIXTURES))('%s', (variant, files) => {
    const records = files.flatMap((f) => decodeFixture(f).records.map((r) => r.record));
    const keys = paths(records);

    it('handles real records with fields removed, retyped or replaced', () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...records),
          fc.array(fc.tuple(fc.constantFrom(...keys), junk), { minLength: 1, maxLength: 8 }),
          (base, edits) => assertSound(variant, edited(base, edits)),
        ),
        { numRuns: 1000 },
      );
    });

    it('handles records built from random values under the field names it reads', () => {
      const topLevel = [...new Set(keys.map((k) => k.split('.')[0]!))];
      fc.assert(
        fc.property(
          fc.dictionary(fc.constantFrom(...topLevel), junk, { maxKeys: topLevel.length }),
          (record) => assertSound(variant, record),
        ),
        { numRuns: 1000 },
      );
    });
  });

  it('handles arbitrary JSON objects in every variant', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(VARIANT_FIXTURES)),
        fc.dictionary(fc.string(), fc.jsonValue()),
        (variant, record) => assertSound(variant, record),
      ),
      { numRuns: 1000 },
    );
  });
});
