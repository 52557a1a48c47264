import { describe, expect, it } from 'vitest';
import { loadCatalog } from './catalog.ts';
import { defineRule, RuleDefinitionError } from './rule.ts';

const awsRootAccountUsage = (await loadCatalog()).find((r) => r.id === 'aws-root-account-usage')!;

describe('defineRule', () => {
  it('accepts a complete rule', () => {
    expect(defineRule(awsRootAccountUsage)).toBe(awsRootAccountUsage);
  });

  it('rejects unknown keys, so typos fail loudly', () => {
    expect(() => defineRule({ ...awsRootAccountUsage, severityy: 'high' } as never)).toThrow(
      /rule aws-root-account-usage \(.*aws-root-account-usage.yml\): .*severityy/,
    );
  });

  it('rejects unknown ATT&CK ids and missing tests', () => {
    const bad = {
      ...awsRootAccountUsage,
      attack: { tactics: ['TA9999'], techniques: ['T1078.004'] },
      tests: { positive: [], negative: [] },
    };
    expect(() => defineRule(bad)).toThrow(RuleDefinitionError);
    expect(() => defineRule(bad)).toThrow(/attack.tactics.0: unknown ATT&CK tactic id/);
    expect(() => defineRule(bad)).toThrow(/tests.positive/);
  });

  it('requires kebab-case ids', () => {
    expect(() => defineRule({ ...awsRootAccountUsage, id: 'Root_Usage' })).toThrow(/ids are kebab-case/);
  });
});
