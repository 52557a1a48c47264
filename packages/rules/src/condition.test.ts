import { apiEvent } from '@vigil/detect/test-events';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConditionError, compileCondition } from './condition.ts';

const T0 = Date.UTC(2026, 10, 2);
const event = apiEvent('e1', T0, 'StopLogging');
const scope = { event, native: { eventName: 'StopLogging', requestParameters: { name: 'org-trail' } } };

describe('compileCondition', () => {
  it.each([
    [{ 'api.operation': 'StopLogging' }, true],
    [{ 'api.operation': 'stoplogging' }, true],
    [{ 'api.operation': ['DeleteTrail', 'StopLogging'] }, true],
    [{ 'api.operation': 'DeleteTrail' }, false],
    [{ 'api.operation': { startsWith: 'Stop' } }, true],
    [{ 'api.operation': { endsWith: ['Trail', 'Logging'] } }, true],
    [{ 'api.operation': { contains: 'LOG' } }, true],
    [{ 'api.operation': { regex: '^stop' } }, true],
    [{ 'api.operation': { not: 'StopLogging' } }, false],
    [{ 'api.operation': { in: ['A', 'StopLogging'] } }, true],
    [{ status_id: 1 }, true],
    [{ status_id: { gte: 2 } }, false],
    [{ 'api.response.error': { exists: false } }, true],
    [{ 'api.request.data.name': { exists: true } }, true],
    [{ 'resources.type': 'AWS::CloudTrail::Trail' }, true],
    [{ account: '111122223333' }, true],
    [{ 'native.requestParameters.name': 'org-trail' }, true],
    [{ any: [{ 'api.operation': 'X' }, { 'cloud.provider': 'AWS' }] }, true],
    [{ all: [{ 'api.operation': 'StopLogging' }, { 'cloud.provider': 'GCP' }] }, false],
    [{ not: { 'cloud.provider': 'GCP' } }, true],
    [[{ 'cloud.provider': 'AWS' }, { status_id: 1 }], true],
  ])('%j → %s', (spec, expected) => {
    expect(compileCondition(spec)(scope.event, scope.native)).toBe(expected);
  });

  it.each([
    [{ 'api.operation': { fuzzy: 'x' } }, /where.api.operation: unknown operator fuzzy/],
    [{ 'api.operation': { regex: '(' } }, /invalid regex/],
    [{ status_id: { gt: 'one' } }, /expects a number/],
    [{ any: { a: 1 } }, /where.any: expected a list/],
    ['StopLogging', /expected a map of field conditions/],
    [{ '@nope': { exists: true } }, /unknown derived field @nope/],
  ])('rejects %j with a message naming the place', (spec, message) => {
    expect(() => compileCondition(spec)).toThrow(message);
  });

  it('throws ConditionError for operator mistakes', () => {
    expect(() => compileCondition({ a: { in: 'x' } })).toThrow(ConditionError);
  });
});

describe('inSet', () => {
  const sets = new Map([
    ['tor_exit', { contains: (v: string) => v === '203.0.113.10' }],
    ['feodo_c2', { contains: () => false }],
  ]);
  const run = (spec: unknown, options = { sets }) =>
    compileCondition(spec, 'where', options)(scope.event, scope.native);

  it('tests membership in one set or any of several, and negates with not', () => {
    expect(run({ 'src_endpoint.ip': { inSet: 'tor_exit' } })).toBe(true);
    expect(run({ 'src_endpoint.ip': { inSet: 'feodo_c2' } })).toBe(false);
    expect(run({ 'src_endpoint.ip': { inSet: ['feodo_c2', 'tor_exit'] } })).toBe(true);
    expect(run({ 'src_endpoint.ip': { not: { inSet: 'tor_exit' } } })).toBe(false);
    expect(run({ 'dst_endpoint.ip': { inSet: 'tor_exit' } })).toBe(false);
  });

  it('rejects an unknown set, naming it and the known ones, when sets are given', () => {
    expect(() => run({ 'src_endpoint.ip': { inSet: 'tor_exits' } })).toThrow(
      'where.src_endpoint.ip.inSet: unknown set tor_exits (known: feodo_c2, tor_exit)',
    );
    expect(() => run({ 'src_endpoint.ip': { inSet: 'Tor Exit' } })).toThrow(/snake_case/);
  });

  it('matches nothing when no sets are given, so a catalog still loads without them', () => {
    expect(compileCondition({ 'src_endpoint.ip': { inSet: 'tor_exit' } })(scope.event, scope.native)).toBe(
      false,
    );
  });

  it('compares strings as toLowerCase does, whatever their characters (ASCII fast path included)', () => {
    const text = fc.string({
      unit: fc.constantFrom('a', 'B', 'z', 'Z', '.', 'ß', 'İ', 'i', 'Σ', 'σ', 'ς', 'é'),
    });
    fc.assert(
      fc.property(text, text, (expected, actual) => {
        const e = { ...event, api: { ...event.api, operation: actual } };
        const reference =
          actual === expected ||
          (actual.length === expected.length && actual.toLowerCase() === expected.toLowerCase());
        expect(compileCondition({ 'api.operation': expected })(e)).toBe(reference);
        expect(compileCondition({ 'api.operation': [expected, 'x-other'] })(e)).toBe(
          actual.toLowerCase() === expected.toLowerCase() || actual.toLowerCase() === 'x-other',
        );
      }),
      { numRuns: 2000 },
    );
    expect(
      compileCondition({ 'api.operation': 'abİ' })({ ...event, api: { ...event.api, operation: 'abi' } }),
    ).toBe(false);
  });
});
