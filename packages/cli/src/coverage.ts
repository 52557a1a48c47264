import path from 'node:path';
import { ATTACK_VERSION, type RuleDefinition, ruleAttacks } from '@vigil/rules';

/** The catalog folder a rule came from (aws, azure, entra, gcp, vpcflow), or `custom`. */
export function areaOf(rule: RuleDefinition): string {
  return rule.source ? path.basename(path.dirname(rule.source)) : 'custom';
}

export interface TechniqueCoverage {
  id: string;
  name: string;
  tactics: Set<string>;
  rules: RuleDefinition[];
  areas: Set<string>;
}

export function techniqueCoverage(rules: readonly RuleDefinition[]): Map<string, TechniqueCoverage> {
  const byTechnique = new Map<string, TechniqueCoverage>();
  for (const rule of rules) {
    for (const a of ruleAttacks(rule)) {
      const t = a.sub_technique ?? a.technique;
      if (!t?.uid) continue;
      const entry = byTechnique.get(t.uid) ?? {
        id: t.uid,
        name: t.name ?? t.uid,
        tactics: new Set<string>(),
        rules: [],
        areas: new Set<string>(),
      };
      if (a.tactic?.name) entry.tactics.add(a.tactic.name);
      if (!entry.rules.includes(rule)) entry.rules.push(rule);
      entry.areas.add(areaOf(rule));
      byTechnique.set(t.uid, entry);
    }
  }
  return byTechnique;
}

const tacticSlug = (name: string) => name.toLowerCase().replace(/[^a-z]+/g, '-');

/** An ATT&CK Navigator layer (format 4.5): one entry per technique and tactic, scored by rule count. */
export function navigatorLayer(rules: readonly RuleDefinition[]): unknown {
  const coverage = techniqueCoverage(rules);
  const techniques = [...coverage.values()].flatMap((t) =>
    [...t.tactics].map((tactic) => ({
      techniqueID: t.id,
      tactic: tacticSlug(tactic),
      score: t.rules.length,
      comment: t.rules.map((r) => r.id).join(', '),
      enabled: true,
    })),
  );
  return {
    name: 'Vigil detection coverage',
    versions: { attack: ATTACK_VERSION.replace(/^v/, ''), navigator: '5.1.0', layer: '4.5' },
    domain: 'enterprise-attack',
    description: `Techniques covered by ${rules.length} Vigil rules; score = number of rules.`,
    techniques,
    gradient: {
      colors: ['#d6e9ff', '#1f6fd1'],
      minValue: 1,
      maxValue: Math.max(1, ...techniques.map((t) => t.score)),
    },
    hideDisabled: false,
  };
}

/** A Markdown table: techniques per area, with the rules that cover each. */
export function coverageMarkdown(rules: readonly RuleDefinition[]): string {
  const coverage = [...techniqueCoverage(rules).values()].sort((a, b) => a.id.localeCompare(b.id));
  const areas = [...new Set(rules.map(areaOf))].sort();
  const lines = [
    '# Vigil ATT&CK coverage',
    '',
    `${rules.length} rules, ${coverage.length} techniques (ATT&CK ${ATTACK_VERSION}).`,
    '',
    `| technique | name | tactics | ${areas.join(' | ')} |`,
    `| --- | --- | --- | ${areas.map(() => '---').join(' | ')} |`,
  ];
  for (const t of coverage) {
    const cells = areas.map((area) =>
      t.rules
        .filter((r) => areaOf(r) === area)
        .map((r) => r.id)
        .join(', '),
    );
    lines.push(`| ${t.id} | ${t.name} | ${[...t.tactics].join(', ')} | ${cells.join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** One line per rule for `pnpm rules`. */
export function ruleTable(rules: readonly RuleDefinition[]): string {
  const rows = rules.map((r) => [
    r.id,
    r.severity,
    r.status,
    areaOf(r),
    r.attack.techniques.join(' '),
    r.title,
  ]);
  const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...rows.map((row) => row[i]!.length), 4));
  const header = ['id', 'severity', 'status', 'area', 'techniques', 'title'];
  return `${[header, ...rows].map((row) => row.map((c, i) => (i < 5 ? c.padEnd(widths[i]!) : c)).join('  ')).join('\n')}\n${rules.length} rules\n`;
}
