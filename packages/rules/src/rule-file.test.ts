import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { CATALOG_DIR } from './catalog.ts';
import { runRuleTest } from './harness.ts';
import { RuleDefinitionError } from './rule.ts';
import { parseRuleFile } from './rule-file.ts';

const base = readFileSync(`${CATALOG_DIR}aws/aws-cloudtrail-logging-disabled.yml`, 'utf8');
const withChanges = (change: (doc: Record<string, unknown>) => void) => {
  const doc = parse(base) as Record<string, unknown>;
  change(doc);
  return stringify(doc);
};

describe('parseRuleFile', () => {
  it('compiles a rule whose summary fills in fields', async () => {
    const rule = parseRuleFile(base, 'x.yml');
    const { findings } = await runRuleTest(rule, rule.tests.positive[0]!);
    expect(findings[0]!.message).toBe(
      'StopLogging on arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail by arn:aws:iam::111122223333:user/alice in account 111122223333',
    );
  });

  it.each([
    [(d: Record<string, unknown>) => (d.sevrity = 'high'), /x.yml: .*sevrity/],
    [
      (d: Record<string, unknown>) => (d.where = { 'api.operation': { bogus: 1 } }),
      /x.yml: .*unknown operator bogus/,
    ],
    [(d: Record<string, unknown>) => (d.severity = 'urgent'), /x.yml: severity/],
    [(d: Record<string, unknown>) => (d.tests = { positive: [], negative: [] }), /tests.positive/],
    [
      (d: Record<string, unknown>) => {
        d.threshold = { count: 2, windowMinutes: 1, groupBy: ['actor'] };
        d.firstSeen = { entity: ['actor'], value: ['cloud.region'], learningDays: 1 };
      },
      /at most one of threshold, firstSeen, sequence/,
    ],
  ])('reports mistakes with the file and the field (%#)', (change, message) => {
    expect(() => parseRuleFile(withChanges(change), 'x.yml')).toThrow(RuleDefinitionError);
    expect(() => parseRuleFile(withChanges(change), 'x.yml')).toThrow(message);
  });

  it('reports YAML syntax errors', () => {
    expect(() => parseRuleFile('id: [unclosed', 'bad.yml')).toThrow(/bad.yml: not valid YAML/);
  });
});
