import { describe, expect, it } from 'vitest';
import { defineRule, RuleDefinitionError } from './rule.ts';
import { awsRootAccountUsage } from './starter/aws-root-account-usage.ts';

describe('defineRule', () => {
  it('accepts a complete rule', () => {
    expect(defineRule(awsRootAccountUsage)).toBe(awsRootAccountUsage);
  });

  it('rejects unknown keys, so typos fail loudly', () => {
    expect(() => defineRule({ ...awsRootAccountUsage, severityy: 'high' } as never)).toThrow(
      /rule aws-root-account-usage: .*severityy/,
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
