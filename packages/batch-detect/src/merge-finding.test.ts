import { MAX_RELATED_EVENTS } from '@vigil/detect';
import { validateFinding } from '@vigil/schema';
import { describe, expect, it } from 'vitest';
import { mergeFinding } from './merge-finding.ts';
import { findingOf } from './test-findings.test-helper.ts';

const uids = (f: { finding_info: { related_events: { uid: string }[] } }) =>
  f.finding_info.related_events.map((e) => e.uid);

describe('mergeFinding', () => {
  it('returns undefined when the incoming finding adds no event (a replay)', () => {
    const stored = findingOf([1, 2, 3]);
    expect(mergeFinding(stored, findingOf([1, 2, 3]))).toBeUndefined();
    expect(mergeFinding(stored, findingOf([2]))).toBeUndefined();
  });

  it('adds new events, counts each once and widens the time range', () => {
    const stored = findingOf([1, 2]);
    const merged = mergeFinding(stored, findingOf([2, 3, 4]))!;
    expect(uids(merged)).toEqual(['e1', 'e2', 'e3', 'e4']);
    expect(merged.count).toBe(4);
    expect(merged.finding_info.related_events_count).toBe(4);
    expect(merged.finding_info.first_seen_time).toBe(stored.finding_info.first_seen_time);
    expect(merged.finding_info.last_seen_time).toBe(1_700_000_004_000);
    expect(merged.time).toBe(1_700_000_004_000);
    expect(merged.activity_id).toBe(2);
    expect(merged.type_uid).toBe(200402);
    expect(merged.finding_info.created_time).toBe(stored.finding_info.created_time);
    const v = validateFinding(merged);
    expect(v.ok ? [] : v.issues).toEqual([]);
  });

  it('keeps the higher severity of the two', () => {
    const stored = findingOf([1]);
    const merged = mergeFinding(stored, findingOf([2], 1_700_000_000_000, 'DeleteTrail'))!;
    expect(merged.severity_id).toBe(4);
    expect(merged.severity).toBe('High');
  });

  it('stops listing at MAX_RELATED_EVENTS but keeps counting', () => {
    const full = findingOf(Array.from({ length: MAX_RELATED_EVENTS }, (_, i) => i));
    const merged = mergeFinding(full, findingOf([MAX_RELATED_EVENTS, MAX_RELATED_EVENTS + 1]))!;
    expect(merged.finding_info.related_events).toHaveLength(MAX_RELATED_EVENTS);
    expect(merged.count).toBe(MAX_RELATED_EVENTS + 2);
  });

  it('refuses to merge findings with different uids', () => {
    const other = findingOf([1], 1_800_000_000_000);
    expect(() => mergeFinding(findingOf([1]), other)).toThrow(/uids differ/);
  });
});
