import { decodeStream } from '@vigil/decode';
import { createDetector } from '@vigil/detect';
import { normalize } from '@vigil/normalize';
import type { DetectionFinding } from '@vigil/schema';
import { compileRule } from './engine.ts';
import type { RuleDefinition, RuleTestCase } from './rule.ts';

export interface RuleTestOutcome {
  findings: DetectionFinding[];
  /** Records of the case that did not decode or normalize: a broken test case, reported as such. */
  problems: string[];
  /** metadata.uid of every event the case produced. */
  eventUids: string[];
}

/** Runs one inline test case of a rule through decode, normalize and the detector. */
export async function runRuleTest(rule: RuleDefinition, testCase: RuleTestCase): Promise<RuleTestOutcome> {
  const outcome: RuleTestOutcome = { findings: [], problems: [], eventUids: [] };
  const detector = createDetector({
    analytics: [compileRule(rule)],
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
