import { decodeStream } from '@vigil/decode';
import { type Cidr, CidrError, createDetector, parseCidr } from '@vigil/detect';
import { normalize } from '@vigil/normalize';
import type { DetectionFinding } from '@vigil/schema';
import type { SetLookup } from './condition.ts';
import { compileRule } from './engine.ts';
import type { RuleDefinition, RuleTestCase } from './rule.ts';

export interface RuleTestOutcome {
  findings: DetectionFinding[];
  /** Records of the case that did not decode or normalize: a broken test case, reported as such. */
  problems: string[];
  /** metadata.uid of every event the case produced. */
  eventUids: string[];
}

/** A test case's sets: CIDRs and addresses by containment, domains with their subdomains. */
function caseSets(sets: Readonly<Record<string, readonly string[]>>): Map<string, SetLookup> {
  const out = new Map<string, SetLookup>();
  for (const [name, entries] of Object.entries(sets)) {
    const cidrs: Cidr[] = [];
    const domains: string[] = [];
    for (const e of entries) {
      try {
        cidrs.push(parseCidr(e));
      } catch (error) {
        if (!(error instanceof CidrError)) throw error;
        domains.push(e.toLowerCase());
      }
    }
    out.set(name, {
      contains: (v) =>
        cidrs.some((c) => c.contains(v)) ||
        domains.some((d) => v.toLowerCase() === d || v.toLowerCase().endsWith(`.${d}`)),
    });
  }
  return out;
}

/**
 * Runs one inline test case of a rule through decode, normalize and the detector; a case that
 * names set contents runs the rule compiled against those sets.
 */
export async function runRuleTest(rule: RuleDefinition, testCase: RuleTestCase): Promise<RuleTestOutcome> {
  const outcome: RuleTestOutcome = { findings: [], problems: [], eventUids: [] };
  const compiled = testCase.sets && rule.withSets ? rule.withSets(caseSets(testCase.sets)) : rule;
  const detector = createDetector({
    analytics: [compileRule(compiled)],
    clock: () => Date.UTC(2026, 10, 21),
    onFinding: (f) => outcome.findings.push(f),
  });
  const input = [`${testCase.records.join('\n')}\n`];
  const options = {
    file: `${rule.id}: ${testCase.name}`,
    ...(testCase.format ? { format: testCase.format } : {}),
  };
  for await (const batch of decodeStream(input, options)) {
    for (const item of batch) {
      if (item.kind === 'reject') outcome.problems.push(item.value.reason);
      if (item.kind !== 'record') continue;
      const result = normalize(item.value);
      if (!result.ok) {
        outcome.problems.push(result.reason);
        continue;
      }
      outcome.eventUids.push(result.event.metadata.uid);
      detector.process(result.event, item.value.record);
    }
  }
  detector.flush();
  return outcome;
}
