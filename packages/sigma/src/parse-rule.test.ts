import { describe, expect, it } from 'vitest';
import { parseSigmaRule } from './parse-rule.ts';

const VALID = `title: CloudTrail Logging Stopped
id: 929a690e-bef0-4204-a928-ef5e620d6fcc
status: stable
description: Detects StopLogging.
references:
    - https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_StopLogging.html
author: Vigil
date: 2026-03-10
modified: 2026/03/11
tags:
    - attack.defense_evasion
    - attack.t1562.008
logsource:
    product: aws
    service: cloudtrail
    definition: management events
detection:
    selection:
        eventName: StopLogging
    condition: selection
fields:
    - userIdentity.arn
falsepositives: Maintenance windows
level: high
custom_attribute: kept out, not refused
`;

function withLines(replace: Record<string, string>): string {
  let text = VALID;
  for (const [from, to] of Object.entries(replace)) text = text.replace(from, to);
  return text;
}

describe('parseSigmaRule', () => {
  it('parses a complete rule and normalizes a single false positive to a list', () => {
    // Act
    const parsed = parseSigmaRule(VALID, 'rules/stop.yml');
    // Assess
    expect(parsed).toMatchObject({
      ok: true,
      rule: {
        file: 'rules/stop.yml',
        title: 'CloudTrail Logging Stopped',
        level: 'high',
        status: 'stable',
        modified: '2026/03/11',
        falsepositives: ['Maintenance windows'],
        logsource: { product: 'aws', service: 'cloudtrail' },
      },
    });
    expect(parsed.ok && 'custom_attribute' in parsed.rule).toBe(false);
  });

  it.each([
    ['multi-document YAML', `${VALID}---\n${VALID}`, 'found 2 YAML documents; rule collections'],
    ['invalid YAML', 'title: [unclosed\n', 'invalid YAML'],
    ['an empty file', '', 'empty file'],
    ['a list instead of a map', '- a\n- b\n', 'expected a YAML map'],
    ['a scalar document', 'just text', 'expected a YAML map'],
    [
      'a missing title',
      withLines({ 'title: CloudTrail Logging Stopped\n': '' }),
      'title: Invalid input: expected string, received undefined',
    ],
    [
      'an id that is not a UUID',
      withLines({ 'id: 929a690e-bef0-4204-a928-ef5e620d6fcc': 'id: 12' }),
      'id: expected a UUID',
    ],
    [
      'an unknown level',
      withLines({ 'level: high': 'level: severe' }),
      'level: Invalid option: expected one of',
    ],
    ['an unknown status', withLines({ 'status: stable': 'status: beta' }), 'status: Invalid option'],
    [
      'a deprecated rule',
      withLines({ 'status: stable': 'status: deprecated' }),
      'status: rule is deprecated',
    ],
    [
      'a bad date',
      withLines({ 'date: 2026-03-10': 'date: March 10' }),
      'date: expected a date like 2024-01-31, got "March 10"',
    ],
    [
      'tags that are not a list',
      withLines({ 'tags:\n    - attack.defense_evasion\n    - attack.t1562.008': 'tags: attack.t1562' }),
      'tags: Invalid input: expected array',
    ],
    [
      'a missing condition',
      withLines({ '    condition: selection\n': '' }),
      'detection.condition: expected a condition string',
    ],
    [
      'a condition of the wrong type',
      withLines({ 'condition: selection': 'condition: 5' }),
      'detection.condition: expected a condition string',
    ],
    [
      'an unsupported logsource',
      withLines({ 'service: cloudtrail': 'service: s3' }),
      'logsource: unsupported logsource (product: aws, service: s3)',
    ],
    [
      'a category logsource',
      withLines({
        'product: aws\n    service: cloudtrail': 'category: process_creation\n    product: windows',
      }),
      'unsupported logsource (product: windows, category: process_creation)',
    ],
    [
      'an unknown selection',
      withLines({ 'condition: selection': 'condition: selection and not filter' }),
      "unknown selection 'filter'",
    ],
    [
      'an aggregation',
      withLines({ 'condition: selection': 'condition: selection | count() > 5' }),
      'aggregations',
    ],
    [
      'a timeframe',
      withLines({ '    condition: selection': '    timeframe: 5m\n    condition: selection' }),
      'detection.timeframe',
    ],
    [
      'an unsupported modifier',
      withLines({ 'eventName: StopLogging': 'eventName|base64: StopLogging' }),
      "detection.selection: field 'eventName|base64': modifier 'base64' is not supported",
    ],
    [
      'an invalid regex',
      withLines({ 'eventName: StopLogging': "eventName|re: '[a-'" }),
      'invalid regular expression',
    ],
    [
      'a selection that is a scalar',
      withLines({ 'selection:\n        eventName: StopLogging': 'selection: StopLogging' }),
      'detection.selection: expected a map of fields or a list, got string',
    ],
    [
      'a list mixing maps and keywords',
      withLines({
        'selection:\n        eventName: StopLogging':
          'selection:\n        - eventName: StopLogging\n        - keyword',
      }),
      'a list must hold only maps or only keywords',
    ],
    [
      'an empty selection map',
      withLines({ 'selection:\n        eventName: StopLogging': 'selection: {}' }),
      'detection.selection: expected at least one field',
    ],
    [
      'a bad map inside a list',
      withLines({
        'selection:\n        eventName: StopLogging':
          'selection:\n        - eventName: StopLogging\n        - eventName|bogus: x',
      }),
      "detection.selection[1]: field 'eventName|bogus': unknown modifier 'bogus'",
    ],
  ])('refuses %s, naming the file and the field', (_name, text, message) => {
    // Act
    const parsed = parseSigmaRule(text, 'rules/bad.yml');
    // Assess
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.error).toMatch(/^rules\/bad\.yml: /);
    expect(parsed.ok ? '' : parsed.error).toContain(message);
  });
});
