import { readFileSync } from 'node:fs';
import type { DetectionFinding } from '@vigil/schema';

/** Findings for response tests, keyed by analytic uid (origin in the package README). */
export function fixtureFindings(): Map<string, DetectionFinding> {
  const text = readFileSync(new URL('../../fixtures/findings.ndjson', import.meta.url), 'utf8');
  const findings = text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as DetectionFinding);
  return new Map(findings.map((f) => [f.finding_info.analytic.uid ?? '', f]));
}

export function fixtureFinding(analytic: string): DetectionFinding {
  const finding = fixtureFindings().get(analytic);
  if (!finding) throw new Error(`no fixture finding for ${analytic}`);
  return structuredClone(finding);
}
