import { validateFinding } from '@vigil/schema';
import { describe, expect, it } from 'vitest';
import { toAttacks } from './attack.ts';
import { loadCatalog } from './catalog.ts';
import { ruleAttacks } from './engine.ts';
import { runRuleTest } from './harness.ts';

const rules = await loadCatalog();

describe('catalog', () => {
  it('has unique ids, each rule mapped to ATT&CK', () => {
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const r of rules) expect(toAttacks(r.attack.tactics, r.attack.techniques).length).toBeGreaterThan(0);
  });
});

describe.each(rules.map((r) => [r.id, r] as const))('rule %s', (_id, rule) => {
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

describe('ATT&CK metadata', () => {
  it('gives every technique the catalog uses a name, its tactic and a URL, down to parent techniques', () => {
    for (const rule of rules)
      for (const a of ruleAttacks(rule)) {
        expect(a.tactic?.name, rule.id).toBeTruthy();
        expect(a.tactic?.src_url).toMatch(/^https:\/\/attack\.mitre\.org\/tactics\/TA\d{4}\/$/);
        expect(a.technique?.name).not.toBe(a.technique?.uid);
        expect(a.technique?.src_url).toMatch(/^https:\/\/attack\.mitre\.org\/techniques\/T\d{4}\/$/);
        if (a.sub_technique) expect(a.sub_technique.src_url).toMatch(/\/techniques\/T\d{4}\/\d{3}\/$/);
      }
  });
});
