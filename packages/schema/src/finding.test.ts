import { describe, expect, it } from 'vitest';
import { CLASS_PROFILES } from './constants.ts';
import { detectionFinding } from './finding.ts';
import { detectionFindingSamples } from './ocsf-samples.test-helper.ts';
import { describeSamples } from './sample-suite.test-helper.ts';

describeSamples({
  label: 'detectionFinding',
  schema: detectionFinding,
  className: 'detection_finding',
  profiles: CLASS_PROFILES[2004],
  samples: detectionFindingSamples,
});

describe('detectionFinding contract', () => {
  it('rejects a finding that names no source event', () => {
    // Prepare
    const finding = structuredClone(detectionFindingSamples.minimal);
    finding.finding_info.related_events = [];

    // Act
    const result = detectionFinding.safeParse(finding);

    // Assess
    expect(result.error?.issues.map((i) => i.path)).toEqual([['finding_info', 'related_events']]);
  });

  it('rejects a finding without evidence', () => {
    // Prepare
    const finding = { ...detectionFindingSamples.minimal, evidences: [] };

    // Act
    const result = detectionFinding.safeParse(finding);

    // Assess
    expect(result.error?.issues.map((i) => i.path)).toEqual([['evidences']]);
  });

  it.each([
    ['confidence_score', 101],
    ['risk_score', -1],
  ])('rejects %s %d outside 0..100', (key, score) => {
    // Act
    const result = detectionFinding.safeParse({ ...detectionFindingSamples.minimal, [key]: score });

    // Assess
    expect(result.error?.issues.map((i) => i.path)).toEqual([[key]]);
  });
});
