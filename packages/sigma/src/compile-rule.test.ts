import type { AnalyticContext, Signal } from '@vigil/detect';
import { createDetector, MemoryStateStore } from '@vigil/detect';
import { apiEvent } from '@vigil/detect/test-events';
import { type DetectionFinding, type OcsfEvent, validateFinding } from '@vigil/schema';
import { describe, expect, it } from 'vitest';
import { compileSigmaRule } from './compile-rule.ts';
import { SigmaRuleError } from './errors.ts';
import { parseSigmaRule } from './parse-rule.ts';
import type { SigmaRule } from './rule-schema.ts';

function rule(
  extra: string,
  detection = '    selection:\n        eventName: StopLogging\n    condition: selection',
): SigmaRule {
  const text = `title: Trail Stopped
id: 929a690e-bef0-4204-a928-ef5e620d6fcc
description: Detects StopLogging.
logsource:
    product: aws
    service: cloudtrail
detection:
${detection}
${extra}`;
  const parsed = parseSigmaRule(text, 'test.yml');
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.rule;
}

const native = {
  eventName: 'StopLogging',
  userIdentity: { arn: 'arn:aws:iam::111122223333:user/alice' },
  requestParameters: { name: 'org-trail' },
};

function ctx(record?: Record<string, unknown>): AnalyticContext {
  return { now: () => 0, native: record, state: new MemoryStateStore() };
}

function evaluate(
  r: SigmaRule,
  event: OcsfEvent = apiEvent('e1', 1_000),
  record: Record<string, unknown> | null = native,
): Signal | undefined {
  return compileSigmaRule(r).evaluate(event, ctx(record ?? undefined)) as Signal | undefined;
}

describe('compileSigmaRule', () => {
  it('describes the rule as a Sigma analytic and signals with its title, severity and ATT&CK mapping', () => {
    // Prepare
    const r = rule(
      'status: stable\nlevel: critical\ndate: 2026-03-10\ntags: [attack.defense_evasion, attack.t1562.008]\nfalsepositives: [Maintenance]',
    );
    // Act
    const analytic = compileSigmaRule(r);
    const signal = evaluate(r);
    // Assess
    expect(analytic.info).toEqual({
      uid: 'sigma-929a690e-bef0-4204-a928-ef5e620d6fcc',
      name: 'Trail Stopped',
      type_id: 1,
      category: 'sigma',
      version: '2026-03-10',
    });
    expect(signal).toMatchObject({
      title: 'Trail Stopped',
      desc: 'Detects StopLogging.\nFalse positives: Maintenance',
      severity_id: 5,
      confidence: 80,
      dedupPeriodMs: 3_600_000,
      dedupKey: '929a690e-bef0-4204-a928-ef5e620d6fcc\u0000111122223333\u0000alice',
      summary: 'Sigma rule "Trail Stopped" matched StopLogging by alice in 111122223333',
      attacks: [{ tactic: { uid: 'TA0005' }, sub_technique: { uid: 'T1562.008' } }],
    });
  });

  it('gives findings whose ATT&CK entries are named and linked as catalog ones, and still valid', () => {
    // Prepare: T1685 is not in Vigil's ATT&CK table, so it keeps only its uid.
    const r = rule('tags: [attack.defense_evasion, attack.t1562.008, attack.t1685]');
    const findings: DetectionFinding[] = [];
    const detector = createDetector({
      analytics: [compileSigmaRule(r)],
      clock: () => 1_800_000_000_000,
      onFinding: (f) => findings.push(f),
    });
    // Act
    detector.process(apiEvent('e1', 1_000), native);
    detector.flush();
    // Assess
    expect(findings).toHaveLength(1);
    const valid = validateFinding(findings[0]);
    expect(valid.ok ? [] : valid.issues).toEqual([]);
    expect(findings[0]?.finding_info.attacks).toEqual([
      {
        tactic: {
          uid: 'TA0005',
          name: 'Defense Evasion',
          src_url: 'https://attack.mitre.org/tactics/TA0005/',
        },
        technique: {
          uid: 'T1562',
          name: 'Impair Defenses',
          src_url: 'https://attack.mitre.org/techniques/T1562/',
        },
        sub_technique: {
          uid: 'T1562.008',
          name: 'Disable or Modify Cloud Logs',
          src_url: 'https://attack.mitre.org/techniques/T1562/008/',
        },
        version: 'v17',
      },
      {
        tactic: {
          uid: 'TA0005',
          name: 'Defense Evasion',
          src_url: 'https://attack.mitre.org/tactics/TA0005/',
        },
        technique: { uid: 'T1685' },
        version: 'v17',
      },
    ]);
  });

  it.each([
    ['level: informational', 1],
    ['level: low', 2],
    ['level: medium', 3],
    ['level: high', 4],
    ['level: critical', 5],
    ['', 3],
  ])('maps %j to severity %i', (extra, severity) => {
    // Act
    const signal = evaluate(rule(extra));
    // Assess
    expect(signal?.severity_id).toBe(severity);
  });

  it.each([
    ['status: stable', 80],
    ['status: test', 60],
    ['status: experimental', 40],
    ['', 40],
  ])('maps %j to confidence %i', (extra, confidence) => {
    // Act
    const signal = evaluate(rule(extra));
    // Assess
    expect(signal?.confidence).toBe(confidence);
  });

  it('evaluates only events of its logsource', () => {
    // Prepare
    const azure = apiEvent('e2', 1_000);
    azure.metadata = {
      ...azure.metadata,
      product: { name: 'Azure Monitor', vendor_name: 'Microsoft' },
      log_name: 'AzureActivity',
    };
    // Act
    const signal = evaluate(rule(''), azure);
    // Assess
    expect(signal).toBeUndefined();
  });

  it('needs the native record, since Sigma fields are the source’s own', () => {
    // Act
    const signal = evaluate(rule(''), apiEvent('e3', 1_000), null);
    // Assess
    expect(signal).toBeUndefined();
  });

  it('does not signal when the selections do not match', () => {
    // Act
    const signal = evaluate(rule(''), apiEvent('e4', 1_000), { eventName: 'StartLogging' });
    // Assess
    expect(signal).toBeUndefined();
  });

  it('searches keywords in the event’s raw text', () => {
    // Prepare
    const r = rule('', '    keywords:\n        - org-trail\n    condition: keywords');
    const event = apiEvent('e5', 1_000);
    const hit = { ...event, raw_data: JSON.stringify(native) };
    const miss = { ...event, raw_data: '{"eventName":"StopLogging"}' };
    // Act
    const results = [evaluate(r, hit), evaluate(r, miss)];
    // Assess
    expect(results.map((s) => s !== undefined)).toEqual([true, false]);
  });

  it('adds the rule’s fields, read from the native record, as evidence', () => {
    // Prepare
    const r = rule('fields: [requestParameters.name, userIdentity.arn, errorCode]');
    // Act
    const signal = evaluate(r);
    // Assess
    expect(signal?.evidences).toEqual([
      {
        uid: 'e1',
        name: 'Sigma rule fields',
        data: {
          'requestParameters.name': 'org-trail',
          'userIdentity.arn': 'arn:aws:iam::111122223333:user/alice',
        },
      },
    ]);
  });

  it('refuses a rule that was not validated by parseSigmaRule', () => {
    // Prepare
    const broken = {
      ...rule(''),
      detection: { selection: { eventName: 'x' }, condition: 'selection and missing' },
    };
    // Act
    const compile = () => compileSigmaRule(broken);
    // Assess
    expect(compile).toThrow(SigmaRuleError);
    expect(compile).toThrow(
      "test.yml: detection.condition 'selection and missing': unknown selection 'missing'",
    );
  });
});
