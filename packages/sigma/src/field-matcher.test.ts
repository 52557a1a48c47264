import { describe, expect, it } from 'vitest';
import { compileFieldMatcher } from './field-matcher.ts';

const record = {
  eventName: 'StopLogging',
  eventSource: 'cloudtrail.amazonaws.com',
  sourceIPAddress: '203.0.113.10',
  userAgent: 'aws-cli/2.15.30 Python/3.11.8',
  readOnly: false,
  description: 'first line\nsecond line',
  errorCode: null,
  userIdentity: { type: 'IAMUser', userName: 'Mallory', accountId: '123456789012' },
  requestParameters: { name: 'org-trail', ports: [22, 3389], cidrs: ['10.1.2.3', '2001:db8::5'] },
  additionalEventData: { MFAUsed: 'No', bytes: '2048' },
  responseElements: { status: { value: 'Succeeded', localizedValue: 'Erfolgreich' } },
};
const input = { record, raw: JSON.stringify(record) };

function run(key: string, value: unknown): boolean {
  const compiled = compileFieldMatcher(key, value, 'aws');
  if (!compiled.ok) throw new Error(compiled.error);
  return compiled.value(input);
}

describe('compileFieldMatcher: values and modifiers', () => {
  it.each([
    ['plain string, any case', 'eventName', 'stoplogging', true],
    ['plain string differs', 'eventName', 'StartLogging', false],
    ['wildcard', 'eventName', 'Stop*', true],
    ['list is OR', 'eventName', ['DeleteTrail', 'StopLogging'], true],
    ['list without a match', 'eventName', ['DeleteTrail', 'UpdateTrail'], false],
    ['number equals number element', 'requestParameters.ports', 3389, true],
    ['number as text equals number', 'requestParameters.ports', '22', true],
    ['number equals numeric text', 'additionalEventData.bytes', 2048, true],
    ['number differs', 'requestParameters.ports', 23, false],
    ['boolean', 'readOnly', false, true],
    ['boolean as text', 'readOnly', 'false', true],
    ['boolean differs', 'readOnly', true, false],
    ['null matches null', 'errorCode', null, true],
    ['null matches missing', 'errorMessage', null, true],
    ['null does not match a value', 'eventName', null, false],
    ['null in a list is OR-ed', 'eventName', [null, 'StopLogging'], true],
    ['empty string is not missing', 'errorMessage', '', false],
    ['contains', 'userAgent|contains', 'PYTHON', true],
    ['contains without match', 'userAgent|contains', 'boto3', false],
    ['startswith', 'userAgent|startswith', 'aws-cli/', true],
    ['startswith without match', 'userAgent|startswith', 'Python', false],
    ['endswith', 'eventSource|endswith', '.amazonaws.com', true],
    ['endswith without match', 'eventSource|endswith', 'cloudtrail', false],
    ['contains|all all present', 'userAgent|contains|all', ['aws-cli', 'python/3'], true],
    ['contains|all one absent', 'userAgent|contains|all', ['aws-cli', 'boto3'], false],
    ['cased keeps case', 'eventName|cased', 'StopLogging', true],
    ['cased refuses other case', 'eventName|cased', 'stoplogging', false],
    ['contains|cased', 'userIdentity.userName|contains|cased', 'Mall', true],
    ['contains|cased other case', 'userIdentity.userName|contains|cased', 'mall', false],
    ['re', 'eventName|re', '^Stop(Logging|Trail)$', true],
    ['re is case-sensitive', 'eventName|re', '^stoplogging$', false],
    ['re|i', 'eventName|re|i', '^stoplogging$', true],
    ['re on a number', 'requestParameters.ports|re', '^33\\d\\d$', true],
    ['re without m anchors at the start', 'description|re', '^second', false],
    ['re|m anchors at lines', 'description|re|m', '^second', true],
    ['re without s stops at newlines', 'description|re', 'line.second', false],
    ['re|s crosses newlines', 'description|re|s', 'line.second', true],
    ['cidr v4', 'sourceIPAddress|cidr', '203.0.113.0/24', true],
    ['cidr v4 outside', 'sourceIPAddress|cidr', '198.51.100.0/24', false],
    ['cidr over an array', 'requestParameters.cidrs|cidr', '10.0.0.0/8', true],
    ['cidr v6', 'requestParameters.cidrs|cidr', '2001:db8::/32', true],
    ['cidr list', 'sourceIPAddress|cidr', ['10.0.0.0/8', '203.0.113.0/24'], true],
    ['exists true on present', 'userIdentity.type|exists', true, true],
    ['exists true on missing', 'userIdentity.arn|exists', true, false],
    ['exists false on missing', 'userIdentity.arn|exists', false, true],
    ['exists true on a null value', 'errorCode|exists', true, true],
    ['gt', 'additionalEventData.bytes|gt', 1000, true],
    ['gt without match', 'requestParameters.ports|gt', 4000, false],
    ['gte', 'requestParameters.ports|gte', 3389, true],
    ['lt', 'requestParameters.ports|lt', 23, true],
    ['lte', 'requestParameters.ports|lte', 21, false],
    ['localized object by value', 'responseElements.status', 'succeeded', true],
    ['localized object by localized value', 'responseElements.status', 'erfolgreich', true],
    ['object compared as JSON text', 'userIdentity|contains', '"IAMUser"', true],
    ['keyword under |all', '|all', ['org-trail', 'mallory'], true],
    ['keyword under |all, one absent', '|all', ['org-trail', 'alice'], false],
  ])('%s: %s %j', (_name, key, value, expected) => {
    // Act
    const result = run(key, value);
    // Assess
    expect(result).toBe(expected);
  });
});

describe('compileFieldMatcher: load errors', () => {
  it.each([
    ['eventName|windash', 'x', "modifier 'windash' is not supported"],
    ['eventName|base64offset|contains', 'x', "modifier 'base64offset' is not supported"],
    ['eventName|fancy', 'x', "unknown modifier 'fancy'"],
    ['eventName|contains|startswith', 'x', "modifiers 'contains' and 'startswith' cannot be combined"],
    ['eventName|contains|contains', 'x', "modifier 'contains' is given twice"],
    ['eventName|i', 'x', "sub-modifier of 're'"],
    ['eventName|re', '(unclosed', 'invalid regular expression "(unclosed"'],
    ['eventName|re', 5, "'re' expects a regular expression string, got number"],
    ['eventName|re|cased', 'x', "'cased' cannot be combined with 're'"],
    ['sourceIPAddress|cidr', '10.0.0.0/40', "'cidr' expects an IPv4 or IPv6 prefix"],
    ['eventName|exists', 'yes', "'exists' expects true or false"],
    ['eventName|all|exists', true, "'all' cannot be combined with 'exists'"],
    ['eventName|gt', 'ten', "'gt' expects a number, got string"],
    ['eventName|contains|all', ['only-one'], "'all' needs a list of at least two values"],
    ['eventName|contains', null, "null cannot be used with modifier 'contains'"],
    ['eventName', [], 'got an empty list'],
    ['eventName', { nested: 'map' }, 'expected a string, number, boolean or null, got object'],
    ['eventName', [['nested']], 'got a list'],
    ['|re', 'x', "keywords take only the 'all' modifier"],
  ])('%s: %j', (key, value, message) => {
    // Act
    const compiled = compileFieldMatcher(key, value, 'aws');
    // Assess
    expect(compiled.ok ? 'compiled' : compiled.error).toContain(message);
  });
});
