import type { OcsfEvent } from '@vigil/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFeatureExtractor } from './extractor.ts';
import { FEATURE_SETS } from './feature-sets.ts';
import { createIpLookup } from './ip-info.ts';
import { ProfileCache } from './profile-cache.ts';
import type { FeatureRow } from './types.ts';

const T0 = Date.parse('2026-10-01T00:00:00Z');

/** API, sign-in and flow events with any mix of present, absent and odd field values. */
const eventArb: fc.Arbitrary<OcsfEvent> = fc.oneof(
  fc.record({
    class_uid: fc.constantFrom(6003, 3002),
    activity_id: fc.integer({ min: 0, max: 99 }),
    status_id: fc.constantFrom(1, 2, 99),
    status_code: fc.option(fc.string(), { nil: undefined }),
    time: fc.integer({ min: T0, max: T0 + 30 * 86_400_000 }),
    metadata: fc.record({ uid: fc.uuid() }),
    cloud: fc.record({
      provider: fc.constantFrom('AWS', 'Azure', 'GCP'),
      region: fc.option(fc.constantFrom('us-east-1', 'eu-west-1', ''), { nil: undefined }),
      account: fc.record({ uid: fc.constantFrom('111122223333', '444455556666') }),
    }),
    actor: fc.record({
      user: fc.record({
        uid: fc.constantFrom('arn:aws:iam::1:user/a', 'b@x.example', ''),
        name: fc.string(),
      }),
      session: fc.option(fc.record({ issuer: fc.constantFrom('arn:aws:iam::1:role/R') }), { nil: undefined }),
    }),
    api: fc.option(
      fc.record({
        operation: fc.string({ minLength: 1 }),
        service: fc.option(
          fc.record({ name: fc.constantFrom('iam.amazonaws.com', 'logging.googleapis.com', 'X') }),
          {
            nil: undefined,
          },
        ),
      }),
      { nil: undefined },
    ),
    src_endpoint: fc.option(fc.record({ ip: fc.oneof(fc.ipV4(), fc.ipV6(), fc.string()) }), {
      nil: undefined,
    }),
    http_request: fc.option(fc.record({ user_agent: fc.string() }), { nil: undefined }),
  }),
  fc.record({
    class_uid: fc.constant(4001),
    time: fc.integer({ min: T0, max: T0 + 30 * 86_400_000 }),
    metadata: fc.record({ uid: fc.uuid() }),
    cloud: fc.constant({ provider: 'AWS' }),
    start_time: fc.integer({ min: T0, max: T0 + 30 * 86_400_000 }),
    src_endpoint: fc.record({
      ip: fc.ipV4(),
      port: fc.nat(65535),
      interface_uid: fc.constantFrom('eni-1', 'eni-2'),
    }),
    dst_endpoint: fc.record({ ip: fc.ipV4(), port: fc.nat(65535) }),
    traffic: fc.record({ bytes: fc.nat() }),
    action_id: fc.constantFrom(1, 2),
    connection_info: fc.option(fc.record({ tcp_flags: fc.nat(255) }), { nil: undefined }),
  }),
) as unknown as fc.Arbitrary<OcsfEvent>;

function rowsOf(events: readonly OcsfEvent[]): FeatureRow[] {
  const x = createFeatureExtractor({ profiles: new ProfileCache(), ipInfo: createIpLookup() });
  const rows: FeatureRow[] = [];
  for (const e of events) {
    const row = x.observe(e);
    if (row) rows.push(row);
    rows.push(...x.closed());
  }
  rows.push(...x.flush());
  return rows;
}

describe('feature extractor, any events', () => {
  it('never throws, writes rows of the model width with finite values, and is deterministic', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 60 }), (events) => {
        const rows = rowsOf(events);
        for (const r of rows) {
          expect(r.values).toHaveLength(FEATURE_SETS[r.model].length);
          for (const v of r.values) expect(Number.isFinite(v)).toBe(true);
          expect(r.eventUids.length).toBeGreaterThan(0);
        }
        expect(rowsOf(events).map((r) => [r.model, r.entity, [...r.values]])).toEqual(
          rows.map((r) => [r.model, r.entity, [...r.values]]),
        );
      }),
      { numRuns: 150 },
    );
  });
});
