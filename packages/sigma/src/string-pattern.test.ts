import { describe, expect, it } from 'vitest';
import { compileKeywordTest, compileStringTest, type MatchMode, tokenize } from './string-pattern.ts';

describe('tokenize', () => {
  it.each([
    ['plain', [{ kind: 'text', text: 'plain' }]],
    ['a*b?', [{ kind: 'text', text: 'a' }, { kind: 'star' }, { kind: 'text', text: 'b' }, { kind: 'one' }]],
    ['C:\\Windows', [{ kind: 'text', text: 'C:\\Windows' }]],
    ['\\*', [{ kind: 'text', text: '*' }]],
    ['\\?', [{ kind: 'text', text: '?' }]],
    ['a\\\\*', [{ kind: 'text', text: 'a\\' }, { kind: 'star' }]],
    ['\\\\\\*', [{ kind: 'text', text: '\\*' }]],
    ['\\\\\\\\', [{ kind: 'text', text: '\\\\' }]],
    ['end\\', [{ kind: 'text', text: 'end\\' }]],
  ])('reads %s as the Sigma escaping rules say', (value, expected) => {
    // Act
    const tokens = tokenize(value);
    // Assess
    expect(tokens).toEqual(expected);
  });
});

describe('compileStringTest', () => {
  const cases: [pattern: string, mode: MatchMode, cased: boolean, text: string, expected: boolean][] = [
    ['DeleteTrail', 'exact', false, 'deletetrail', true],
    ['DeleteTrail', 'exact', false, 'DeleteTrails', false],
    ['DeleteTrail', 'exact', true, 'deletetrail', false],
    ['DeleteTrail', 'exact', true, 'DeleteTrail', true],
    ['Delete*', 'exact', false, 'deleteBucket', true],
    ['Delete*', 'exact', false, 'UndeleteBucket', false],
    ['*Bucket', 'exact', false, 'DeleteBUCKET', true],
    ['Get?ecret', 'exact', false, 'GetSecret', true],
    ['Get?ecret', 'exact', false, 'Getecret', false],
    ['a*b', 'exact', false, 'a\nmiddle\nb', true],
    ['Stop', 'contains', false, 'xxSTOPxx', true],
    ['Stop', 'contains', false, 'Sto p', false],
    ['Stop', 'contains', true, 'xxSTOPxx', false],
    ['St*p', 'contains', false, 'xxStoopxx', true],
    ['Stop', 'startswith', false, 'stopLogging', true],
    ['Stop', 'startswith', false, 'xStop', false],
    ['Logging', 'endswith', false, 'StopLOGGING', true],
    ['Logging', 'endswith', false, 'LoggingX', false],
    ['\\*literal', 'exact', false, '*LITERAL', true],
    ['\\*literal', 'exact', false, 'xliteral', false],
    ['C:\\Windows\\*', 'exact', false, 'c:\\windows*', true],
    ['C:\\Windows\\*', 'exact', false, 'c:\\windows\\system32', false],
    ['C:\\Windows\\\\*', 'exact', false, 'c:\\windows\\system32', true],
    ['a.b', 'exact', false, 'axb', false],
    ['(x)', 'contains', false, 'f(x)', true],
    ['', 'exact', false, '', true],
    ['', 'exact', false, 'x', false],
  ];
  it.each(cases)('%s (%s, cased %s) on %j is %s', (pattern, mode, cased, text, expected) => {
    // Prepare
    const test = compileStringTest(pattern, mode, cased);
    // Act
    const result = test(text);
    // Assess
    expect(result).toBe(expected);
  });
});

describe('compileKeywordTest', () => {
  const raw = JSON.stringify({
    userAgent: 'Mozilla "quoted"',
    path: 'C:\\Temp\\evil.exe',
    note: 'image-policy.k8s.io/break-glass',
  });
  const lower = () => raw.toLowerCase();
  it.each([
    ['break-glass', true],
    ['BREAK-GLASS', true],
    ['"quoted"', true],
    ['C:\\Temp\\evil.exe', true],
    ['image-policy*glass', true],
    ['absent', false],
  ])('finds %j in the JSON text: %s', (keyword, expected) => {
    // Prepare
    const test = compileKeywordTest(keyword);
    // Act
    const result = test(raw, lower);
    // Assess
    expect(result).toBe(expected);
  });
});
