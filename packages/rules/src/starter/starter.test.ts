import { validateFinding } from '@vigil/schema';
import { describe, expect, it } from 'vitest';
import { runRuleTest } from '../harness.ts';
import { starterRules } from './index.ts';

describe.each(starterRules.map((r) => [r.id, r] as const))('rule %s', (_id, rule) => {
  it.each(rule.tests.positive.map((c) => [c.name, c] as const))('fires on: %s', async (_name, testCase) => {
    const { findings, problems, eventUids } = await runRuleTest(rule, testCase);
    expect(problems).toEqual([]);
    expect(findings).toHaveLength(1);
    const finding = findings[0]!;
    expect(validateFinding(finding)).toMatchObject({ ok: true });
    expect(finding.finding_info.analytic.uid).toBe(rule.id);
    for (const related of finding.finding_info.related_events) expect(eventUids).toContain(related.uid);
  });

  it.each(rule.tests.negative.map((c) => [c.name, c] as const))(
    'stays quiet on: %s',
    async (_name, testCase) => {
      const { findings, problems, eventUids } = await runRuleTest(rule, testCase);
      expect(problems).toEqual([]);
      expect(eventUids.length).toBe(testCase.records.length);
      expect(findings).toEqual([]);
    },
  );
});

describe('starter set', () => {
  it('covers every source family', () => {
    const providers = new Set(starterRules.flatMap((r) => r.classes));
    expect(providers).toEqual(new Set([3001, 3002, 4001, 6003]));
    expect(new Set(starterRules.map((r) => r.id)).size).toBe(starterRules.length);
  });
});
