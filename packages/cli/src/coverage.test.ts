import { loadCatalog } from '@vigil/rules';
import { describe, expect, it } from 'vitest';
import { areaOf, coverageMarkdown, navigatorLayer, ruleTable } from './coverage.ts';

const rules = await loadCatalog();

describe('coverage outputs', () => {
  it('writes a Navigator layer with one entry per technique and tactic, scored by rule count', () => {
    const layer = navigatorLayer(rules) as {
      domain: string;
      techniques: { techniqueID: string; tactic: string; score: number; comment: string }[];
    };
    expect(layer.domain).toBe('enterprise-attack');
    const logs = layer.techniques.find((t) => t.techniqueID === 'T1562.008');
    expect(logs).toMatchObject({ tactic: 'defense-evasion' });
    expect(logs!.comment).toContain('aws-cloudtrail-logging-disabled');
    expect(logs!.score).toBe(rules.filter((r) => r.attack.techniques.includes('T1562.008')).length);
    const rootTactics = layer.techniques.filter((t) => t.techniqueID === 'T1078.004').map((t) => t.tactic);
    expect(rootTactics).toEqual(expect.arrayContaining(['initial-access', 'privilege-escalation']));
  });

  it('tabulates techniques per catalog area', () => {
    const md = coverageMarkdown(rules);
    expect(md).toMatch(/\| technique \| name \| tactics \| .*aws.*azure.*gcp.*vpcflow.* \|/);
    expect(md).toMatch(/\| T1046 \| Network Service Discovery \| Discovery \|.*vpc-port-scan/);
  });

  it('lists every rule with its area', () => {
    const table = ruleTable(rules);
    for (const r of rules) expect(table).toContain(r.id);
    expect(table).toContain(`${rules.length} rules`);
    expect(areaOf(rules.find((r) => r.id === 'vpc-port-scan')!)).toBe('vpcflow');
  });
});
