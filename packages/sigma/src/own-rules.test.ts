import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeStream, type SourceRecord } from '@vigil/decode';
import { type Analytic, createDetector } from '@vigil/detect';
import { normalize } from '@vigil/normalize';
import { type DetectionFinding, validateEvent, validateFinding } from '@vigil/schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { VIGIL_SIGMA_RULES_DIR } from './index.ts';
import { loadSigmaDirectory } from './load-directory.ts';
import { parseSigmaRule } from './parse-rule.ts';

/** Inline test events of one own rule: native records it must and must not fire on. */
interface RuleCases {
  rule: string;
  origin: string;
  positive: Record<string, unknown>[];
  negative: Record<string, unknown>[];
}

const testsDir = join(VIGIL_SIGMA_RULES_DIR, 'tests');
const ruleFiles = readdirSync(VIGIL_SIGMA_RULES_DIR).filter((f) => f.endsWith('.yml'));
const cases: RuleCases[] = readdirSync(testsDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(testsDir, f), 'utf8')) as RuleCases);

let analytics: Analytic[] = [];
beforeAll(async () => {
  const loaded = await loadSigmaDirectory(VIGIL_SIGMA_RULES_DIR);
  expect(loaded.errors).toEqual([]);
  analytics = loaded.analytics;
});

async function decodeOne(record: Record<string, unknown>, file: string): Promise<SourceRecord> {
  const items = [];
  for await (const batch of decodeStream([JSON.stringify(record)], { file })) items.push(...batch);
  expect(items.map((i) => i.kind)).toEqual(['record']);
  return items[0]!.value as SourceRecord;
}

/** decode → normalize → detect with every own rule, as the CLI runs them. */
async function findingsFor(record: Record<string, unknown>, file: string): Promise<DetectionFinding[]> {
  const source = await decodeOne(record, file);
  const normalized = normalize(source);
  if (!normalized.ok) throw new Error(`${file}: ${normalized.reason}`);
  const valid = validateEvent(normalized.event);
  expect(valid.ok ? [] : valid.issues).toEqual([]);
  const findings: DetectionFinding[] = [];
  const detector = createDetector({
    analytics,
    clock: () => 1_800_000_000_000,
    onFinding: (f) => findings.push(f),
  });
  detector.process(normalized.event, source.record);
  detector.flush();
  return findings;
}

function analyticUid(ruleFile: string): string {
  const parsed = parseSigmaRule(readFileSync(join(VIGIL_SIGMA_RULES_DIR, ruleFile), 'utf8'), ruleFile);
  if (!parsed.ok) throw new Error(parsed.error);
  return `sigma-${parsed.rule.id}`;
}

describe("Vigil's own Sigma rules", () => {
  it('has positive and negative test events for every rule', () => {
    // Act
    const tested = cases.filter((c) => c.positive.length > 0 && c.negative.length > 0).map((c) => c.rule);
    // Assess
    expect(tested.sort()).toEqual([...ruleFiles].sort());
  });

  it('covers every supported logsource', () => {
    // Prepare
    const logsources = ruleFiles.map((f) => {
      const parsed = parseSigmaRule(readFileSync(join(VIGIL_SIGMA_RULES_DIR, f), 'utf8'), f);
      return parsed.ok ? `${parsed.rule.logsource.product}/${parsed.rule.logsource.service}` : parsed.error;
    });
    // Assess
    expect(new Set(logsources)).toEqual(
      new Set([
        'aws/cloudtrail',
        'azure/activitylogs',
        'azure/signinlogs',
        'azure/auditlogs',
        'gcp/gcp.audit',
      ]),
    );
  });

  describe.each(cases)('$rule', ({ rule, positive, negative }) => {
    const uid = analyticUid(rule);

    it.each(positive.map((record, i) => [i, record] as const))(
      'fires on positive #%i with a valid finding',
      async (i, record) => {
        // Act
        const findings = await findingsFor(record, `${rule}#positive-${i}`);
        // Assess
        const mine = findings.filter((f) => f.finding_info.analytic.uid === uid);
        expect(mine).toHaveLength(1);
        const valid = validateFinding(mine[0]);
        expect(valid.ok ? [] : valid.issues).toEqual([]);
        expect(mine[0]!.finding_info.related_events.length).toBe(1);
      },
    );

    it.each(negative.map((record, i) => [i, record] as const))(
      'stays quiet on negative #%i',
      async (i, record) => {
        // Act
        const findings = await findingsFor(record, `${rule}#negative-${i}`);
        // Assess
        expect(findings.filter((f) => f.finding_info.analytic.uid === uid)).toEqual([]);
      },
    );
  });
});
