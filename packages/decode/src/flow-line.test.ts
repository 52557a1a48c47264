import { describe, expect, it } from 'vitest';
import { V2_DEFAULT_FLOW_FIELDS } from './flow-fields.ts';
import { flowLayout } from './flow-layout.ts';
import { decodeFlowTokens, parseFlowHeader, splitFlowTokens } from './flow-line.ts';

const v2 = flowLayout(V2_DEFAULT_FLOW_FIELDS, 'v2 default');
const line =
  '2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK';

describe('splitFlowTokens', () => {
  it('splits on single spaces and tolerates runs of spaces and tabs', () => {
    // Act
    const simple = splitFlowTokens('a b c');
    const messy = splitFlowTokens('  a \t b   c ');

    // Assess
    expect(simple).toEqual(['a', 'b', 'c']);
    expect(messy).toEqual(['a', 'b', 'c']);
    expect(splitFlowTokens('   ')).toEqual([]);
  });
});

describe('parseFlowHeader', () => {
  it('reads a header of known field names, plain or as a log format string', () => {
    // Act
    const plain = parseFlowHeader(['version', 'vpc-id', 'srcaddr']);
    const format = parseFlowHeader([`\${version}`, `\${srcaddr}`]);

    // Assess
    expect(plain).toEqual(['version', 'vpc-id', 'srcaddr']);
    expect(format).toEqual(['version', 'srcaddr']);
  });

  it('accepts newer field names when most names are known', () => {
    // Act
    const found = parseFlowHeader(['version', 'srcaddr', 'ecs-cluster-name']);

    // Assess
    expect(found).toEqual(['version', 'srcaddr', 'ecs-cluster-name']);
  });

  it.each([
    [['2', 'vpc-1a2b', 'eni-1']],
    [['vpc-id', 'vpc-0a1b2c']],
    [['version', 'version']],
    [['version', 'foo', 'bar', 'baz']],
    [[]],
  ])('does not take %j for a header', (tokens) => {
    // Act / Assess
    expect(parseFlowHeader(tokens)).toBeUndefined();
  });
});

describe('decodeFlowTokens', () => {
  it('maps a default-format line to the v2 field names', () => {
    // Act
    const result = decodeFlowTokens(splitFlowTokens(line), v2);

    // Assess
    expect(result).toEqual({
      kind: 'record',
      variant: 'v2',
      record: expect.objectContaining({
        srcaddr: '172.31.16.139',
        dstport: '22',
        action: 'ACCEPT',
        'log-status': 'OK',
      }),
    });
  });

  it('takes the variant from the version field of a custom format', () => {
    // Prepare
    const layout = flowLayout(['version', 'srcaddr', 'flow-direction'], 'header at line 1');

    // Act
    const result = decodeFlowTokens(['5', '10.0.0.1', 'ingress'], layout);

    // Assess
    expect(result).toEqual({
      kind: 'record',
      variant: 'v5',
      record: { version: '5', srcaddr: '10.0.0.1', 'flow-direction': 'ingress' },
    });
  });

  it('calls a format without a version field v2 and keeps dashes', () => {
    // Act
    const result = decodeFlowTokens(['-', '-'], flowLayout(['srcaddr', 'dstaddr'], 'flowFields option'));

    // Assess
    expect(result).toEqual({ kind: 'record', variant: 'v2', record: { srcaddr: '-', dstaddr: '-' } });
  });

  it.each(['NODATA', 'SKIPDATA'])('skips %s lines', (status) => {
    // Act
    const result = decodeFlowTokens(splitFlowTokens(line.replace(/OK$/, status)), v2);

    // Assess
    expect(result).toEqual({ kind: 'skip', reason: expect.stringContaining(`log-status ${status}`) });
  });

  it('rejects a line with the wrong number of fields, naming the layout', () => {
    // Act
    const result = decodeFlowTokens(['2', '1', '2', '3', '4', '5', '6', '7', '8'], v2);

    // Assess
    expect(result).toEqual({
      kind: 'reject',
      reason: 'VPC flow line has 9 fields, expected 14 (v2 default)',
    });
  });

  it('rejects a non-numeric version', () => {
    // Act
    const result = decodeFlowTokens(splitFlowTokens(line.replace(/^2/, 'x')), v2);

    // Assess
    expect(result).toEqual({
      kind: 'reject',
      reason: "VPC flow line: version must be a number, got 'x' (v2 default)",
    });
  });
});
