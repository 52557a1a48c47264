import type { SourceRecord } from '@vigil/decode';
import { validateEvent } from '@vigil/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFixture } from './azure-fixtures.test-helper.ts';
import { normalizeGcp } from './gcp.ts';

const FILES = [
  'gcp/admin-activity.json',
  'gcp/admin-activity.ndjson',
  'gcp/data-access.json',
  'gcp/system-event.json',
  'gcp/policy-denied.json',
];
const records = FILES.flatMap((f) => decodeFixture(f).records.map((r) => r.record));

/** Every path down to depth 3 in the fixtures, so mutations reach authenticationInfo, status, labels… */
function paths(values: Record<string, unknown>[]): string[] {
  const out = new Set<string>();
  const walk = (value: unknown, prefix: string, depth: number) => {
    if (depth === 3 || value === null || typeof value !== 'object' || Array.isArray(value)) return;
    for (const [k, v] of Object.entries(value)) {
      const path = prefix ? `${prefix}.${k}` : k;
      out.add(path);
      walk(v, path, depth + 1);
    }
  };
  for (const v of values) walk(v, '', 0);
  return [...out];
}

const junk = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.string(),
  fc.constantFrom(
    '',
    'private',
    '203.0.113.1',
    '2026-03-05T09:01:12Z',
    'x.iam.gserviceaccount.com',
    'us-central1-a',
    'projects/p/logs/x',
  ),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.array(fc.anything(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 12 }), fc.anything(), { maxKeys: 4 }),
);

function edited(base: Record<string, unknown>, edits: [string, unknown][]): Record<string, unknown> {
  const copy = structuredClone(base);
  for (const [path, value] of edits) {
    const keys = path.split('.');
    let target: unknown = copy;
    for (const k of keys.slice(0, -1)) target = (target as Record<string, unknown> | null)?.[k];
    if (target === null || typeof target !== 'object' || Array.isArray(target)) continue;
    const last = keys[keys.length - 1]!;
    if (value === undefined) delete (target as Record<string, unknown>)[last];
    else (target as Record<string, unknown>)[last] = value;
  }
  return copy;
}

function assertSound(record: Record<string, unknown>): void {
  const source: SourceRecord = {
    source: 'gcp',
    variant: 'activity',
    record,
    raw: '{}',
    location: { file: 'property' },
  };
  const result = normalizeGcp(source);
  if (result.ok) {
    const valid = validateEvent(result.event);
    if (!valid.ok) throw new Error(`invalid event: ${valid.issues.join('; ')}`);
  } else {
    expect(result.reason).toMatch(/^GCP LogEntry: .+/);
  }
}

describe('normalizeGcp properties', () => {
  const keys = paths(records);

  it('handles real entries with fields removed, retyped or replaced', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...records),
        fc.array(fc.tuple(fc.constantFrom(...keys), junk), { minLength: 1, maxLength: 8 }),
        (base, edits) => assertSound(edited(base, edits)),
      ),
      { numRuns: 1000 },
    );
  });

  it('handles entries built from random values under the LogEntry and AuditLog field names', () => {
    const payloadKeys = [
      ...new Set(keys.filter((k) => k.startsWith('protoPayload.')).map((k) => k.split('.')[1]!)),
    ];
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom(
            'insertId',
            'logName',
            'timestamp',
            'receiveTimestamp',
            'severity',
            'resource',
            'operation',
          ),
          junk,
        ),
        fc.dictionary(fc.constantFrom(...payloadKeys), junk),
        (entry, payload) => assertSound({ ...entry, protoPayload: payload }),
      ),
      { numRuns: 1000 },
    );
  });

  it('handles arbitrary JSON objects', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (record) => assertSound(record)),
      { numRuns: 1000 },
    );
  });
});
