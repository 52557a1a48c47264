import type { SourceRecord } from '@vigil/decode';
import { validateEvent } from '@vigil/schema';
import { describe, expect, it } from 'vitest';
import { normalizeAzure } from './azure.ts';
import { azureEvents, decodeFixture } from './azure-fixtures.test-helper.ts';

const FIXTURES: [file: string, variant: string, count: number][] = [
  ['azure/activity-diagnostic.json', 'activity', 15],
  ['azure/activity-diagnostic.ndjson', 'activity', 5],
  ['azure/activity-rest-event.json', 'activity', 1],
  ['azure/activity-rest-events.json', 'activity', 3],
  ['azure/signin-diagnostic.json', 'signin', 8],
  ['azure/audit-diagnostic.json', 'audit', 18],
  ['azure/la-azureactivity-query.json', 'activity-la', 7],
  ['azure/la-azureactivity-rows.ndjson', 'activity-la', 5],
  ['azure/la-signinlogs-query.json', 'signin-la', 5],
  ['azure/la-signinlogs-rows.json', 'signin-la', 5],
  ['azure/la-auditlogs-query.json', 'audit-la', 5],
  ['azure/la-auditlogs-rows.ndjson', 'audit-la', 5],
  ['scenarios/azure-owner-assignment.json', 'activity', 6],
];

describe('normalizeAzure on every Azure fixture', () => {
  it.each(FIXTURES)('%s: %s records become valid events', (file, variant, count) => {
    // Prepare
    const { records, rejects } = decodeFixture(file);

    // Act
    const results = records.map((r) => normalizeAzure(r));

    // Assess
    expect(rejects).toEqual([]);
    expect(records.map((r) => r.variant)).toEqual(Array(count).fill(variant));
    for (const [i, result] of results.entries()) {
      if (!result.ok) throw new Error(`${file}[${i}]: ${result.reason}`);
      expect(validateEvent(result.event)).toMatchObject({ ok: true });
      expect(result.event.raw_data).toBe(records[i]!.raw);
      expect(result.event.cloud.provider).toBe('Azure');
      expect(result.event.metadata.profiles).toContain('cloud');
    }
  });

  it('gives every event of a fixture file its own metadata.uid when the source has one per event', () => {
    // Prepare: REST and Log Analytics events carry eventDataId; Entra records carry their id.
    const files = FIXTURES.map(([f]) => f).filter(
      (f) => !f.includes('activity-diagnostic') && !f.includes('owner'),
    );

    for (const file of files) {
      // Act
      const uids = azureEvents(file).map(({ event }) => event.metadata.uid);

      // Assess
      expect(new Set(uids).size, file).toBe(uids.length);
    }
  });

  it('classes each log as the conventions say', () => {
    // Act
    const classes = (file: string) => new Set(azureEvents(file).map(({ event }) => event.class_uid));

    // Assess
    expect(classes('azure/activity-diagnostic.json')).toEqual(new Set([6003]));
    expect(classes('azure/la-azureactivity-query.json')).toEqual(new Set([6003]));
    expect(classes('azure/signin-diagnostic.json')).toEqual(new Set([3002]));
    expect(classes('azure/la-signinlogs-rows.json')).toEqual(new Set([3002]));
    expect(classes('azure/audit-diagnostic.json')).toEqual(new Set([3001, 6003]));
  });
});

describe('normalizeAzure on malformed records', () => {
  it('returns a reason for every record of malformed.ndjson the decoder lets through', () => {
    // Prepare
    const { records, rejects } = decodeFixture('azure/malformed.ndjson');

    // Act
    const reasons = records.map((r) => {
      const result = normalizeAzure(r);
      return result.ok ? 'normalized' : result.reason;
    });

    // Assess
    expect(rejects.map((r) => r.reason)).toEqual([expect.stringMatching(/truncated JSON/)]);
    expect(reasons).toEqual([
      'Azure Activity record: time must be an ISO-8601 timestamp, got undefined',
      'Azure Activity record: expected eventDataId, id or correlationId, found none',
      'Azure Activity record: operationName must be a non-empty string or {value}, got number',
      'Azure Activity record: time must be an ISO-8601 timestamp, got string',
      'Azure sign-in record: expected userId, userPrincipalName or servicePrincipalId, found none',
      'Azure audit record: activityDisplayName must be a non-empty string, got undefined',
      'Azure audit record: time must be an ISO-8601 timestamp, got object',
    ]);
  });

  it('names the variants it knows when given another', () => {
    // Prepare
    const record: SourceRecord = {
      source: 'azure',
      variant: 'provisioning',
      record: {},
      raw: '{}',
      location: { file: 'x' },
    };

    // Act
    const result = normalizeAzure(record);

    // Assess
    expect(result).toEqual({
      ok: false,
      reason:
        'Azure record: variant must be one of activity, signin, audit, activity-la, signin-la, audit-la, got provisioning',
    });
  });
});
