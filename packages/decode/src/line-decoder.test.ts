import { describe, expect, it } from 'vitest';
import { decodeText, everyCut } from './test-helpers.ts';

const ct = (id: string) =>
  JSON.stringify({ eventName: 'ListUsers', eventSource: 'iam.amazonaws.com', eventID: id });
const header =
  'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';
const flow = (action = 'ACCEPT', status = 'OK') =>
  `2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ${action} ${status}`;

describe('NDJSON', () => {
  it('decodes one record per line with line numbers and offsets', () => {
    // Prepare
    const input = `${ct('a')}\n${ct('b')}\n`;

    // Act
    const { records, rejects } = decodeText(input);

    // Assess
    expect(rejects).toEqual([]);
    expect(records.map((r) => [r.raw, r.location])).toEqual([
      [ct('a'), { file: 'f', line: 1, offset: 0 }],
      [ct('b'), { file: 'f', line: 2, offset: ct('a').length + 1 }],
    ]);
  });

  it('handles CRLF, a BOM, blank and indented lines, and no final newline', () => {
    // Prepare
    const input = `\uFEFF\r\n${ct('a')}\r\n\r\n   ${ct('b')}\r\n\t\r\n${ct('c')}`;

    // Act
    const { records, rejects } = decodeText(input);

    // Assess
    expect(rejects).toEqual([]);
    expect(records.map((r) => [r.raw, r.location.line])).toEqual([
      [ct('a'), 2],
      [ct('b'), 4],
      [ct('c'), 6],
    ]);
  });

  it('rejects a bad line and resumes on the next one', () => {
    // Act
    const { records, rejects } = decodeText(`${ct('a')}\n{"eventName": oops}\n${ct('c')}\n[1]\n`);

    // Assess
    expect(records.map((r) => r.record.eventID)).toEqual(['a', 'c']);
    expect(rejects.map((r) => [r.location.line, r.reason])).toEqual([
      [2, expect.stringMatching(/^invalid JSON: /)],
      [4, 'expected a JSON object, found number'],
    ]);
  });

  it('resynchronises on the next line when the first line is broken', () => {
    // Act
    const { records, rejects } = decodeText(`{"eventName": "trunc\n${ct('b')}\n${ct('c')}\n`);

    // Assess
    expect(records.map((r) => r.record.eventID)).toEqual(['b', 'c']);
    expect(rejects).toEqual([expect.objectContaining({ location: { file: 'f', line: 1, offset: 0 } })]);
  });

  it('separates values concatenated on one line', () => {
    // Act
    const { records, rejects } = decodeText(`${ct('a')}\n${ct('b')}${ct('c')}\n`);

    // Assess
    expect(rejects).toEqual([]);
    expect(records.map((r) => [r.raw, r.location.offset])).toEqual([
      [ct('a'), 0],
      [ct('b'), ct('a').length + 1],
      [ct('c'), ct('a').length + ct('b').length + 1],
    ]);
  });

  it('streams a container that sits on one line of NDJSON', () => {
    // Act
    const { records } = decodeText(`${ct('a')}\n{"Records":[${ct('b')},${ct('c')}]}\n`);

    // Assess
    expect(records.map((r) => [r.raw, r.location.index])).toEqual([
      [ct('a'), undefined],
      [ct('b'), 0],
      [ct('c'), 1],
    ]);
  });

  it('rejects a line longer than maxRecordBytes with a bounded excerpt, then continues', () => {
    // Prepare
    const long = `{"eventName":"${'x'.repeat(400)}"}`;

    // Act
    const { records, rejects } = decodeText(
      `${ct('a')}\n${long}\n${ct('c')}\n`,
      {
        maxRecordBytes: 200,
        rejectRawLimit: 10,
      },
      [50, 120, 130, 300],
    );

    // Assess
    expect(records.map((r) => r.record.eventID)).toEqual(['a', 'c']);
    expect(rejects).toEqual([
      {
        location: { file: 'f', line: 2, offset: ct('a').length + 1 },
        reason: `line of ${long.length} characters exceeds maxRecordBytes (200)`,
        raw: long.slice(0, 10),
        truncated: true,
      },
    ]);
  });

  it('rejects a line that is not JSON as invalid JSON, never as a VPC flow line', () => {
    // Prepare
    const broken = ['not json at all', ']', 'true false', flow()];
    const parseError = (text: string) => {
      try {
        JSON.parse(text);
        return 'parsed';
      } catch (error) {
        return (error as Error).message;
      }
    };

    // Act
    const { records, rejects } = decodeText(`${ct('a')}\n${broken.join('\n')}\n42\n"text"\n${ct('b')}\n`);

    // Assess
    expect(records.map((r) => r.record.eventID)).toEqual(['a', 'b']);
    expect(rejects.map((r) => [r.location.line, r.reason, r.raw])).toEqual([
      ...broken.map((text, i) => [i + 2, `invalid JSON on line ${i + 2}: ${parseError(text)}`, text]),
      [6, 'expected a JSON object, found number', '42'],
      [7, 'expected a JSON object, found string', '"text"'],
    ]);
  });

  it('rejects an object line left open as truncated JSON, also after other values on its line', () => {
    // Prepare
    const second = ct('a').length + 1;

    // Act
    const { records, rejects } = decodeText(`${ct('a')}\n{{\n${ct('b')} {"eventName":\n`);

    // Assess
    expect(records.map((r) => r.record.eventID)).toEqual(['a', 'b']);
    expect(rejects.map((r) => r.reason)).toEqual([
      `truncated JSON: input ended inside the JSON value that starts at line 2, offset ${second}`,
      `truncated JSON: input ended inside the JSON value that starts at line 3, offset ${second + 3 + ct('b').length + 1}`,
    ]);
  });

  it('gives the same items whatever the chunk boundaries (every position)', () => {
    // Prepare
    const input = `${ct('a\u00e9\ud83d\ude00')}\r\n\n${ct('b')}\n{bad\n${ct('c')}`;
    const whole = decodeText(input).items;

    // Act / Assess
    expect(whole.filter((item) => item.kind === 'record')).toHaveLength(3);
    for (const cuts of everyCut(input.length)) expect(decodeText(input, {}, cuts).items).toEqual(whole);
  });
});

describe('VPC flow text', () => {
  it('reads a header line, then records with its fields', () => {
    // Act
    const { records, skips, rejects } = decodeText(`${header}\n${flow()}\n${flow('REJECT')}\n`);

    // Assess
    expect(rejects).toEqual([]);
    expect(skips).toEqual([
      { location: { file: 'f', line: 1, offset: 0 }, reason: 'VPC flow header line (14 fields)' },
    ]);
    expect(records.map((r) => [r.source, r.variant, r.raw, r.record.action, r.location.line])).toEqual([
      ['vpcflow', 'v2', flow(), 'ACCEPT', 2],
      ['vpcflow', 'v2', flow('REJECT'), 'REJECT', 3],
    ]);
  });

  it('reads header-less lines with the v2 default, or with flowFields', () => {
    // Act
    const defaults = decodeText(`${flow()}\n`);
    const custom = decodeText('10.0.0.1 10.0.0.2 ingress\n', {
      flowFields: ['srcaddr', 'dstaddr', 'flow-direction'],
    });

    // Assess
    expect(defaults.records[0]?.record).toEqual(
      expect.objectContaining({ version: '2', 'log-status': 'OK' }),
    );
    expect(custom.records.map((r) => [r.variant, r.record])).toEqual([
      ['v2', { srcaddr: '10.0.0.1', dstaddr: '10.0.0.2', 'flow-direction': 'ingress' }],
    ]);
  });

  it('reads a v5 custom format from its header, and a new header in a concatenated file', () => {
    // Prepare
    const v5 = 'version vpc-id srcaddr dstaddr pkt-src-aws-service flow-direction traffic-path';
    const input = `${v5}\n5 vpc-1 10.0.0.1 52.1.1.1 S3 egress 8\n${header}\n${flow()}\n`;

    // Act
    const { records, skips, rejects } = decodeText(input);

    // Assess
    expect(rejects).toEqual([]);
    expect(skips).toHaveLength(2);
    expect(records.map((r) => [r.variant, r.record['pkt-src-aws-service'] ?? r.record.srcport])).toEqual([
      ['v5', 'S3'],
      ['v2', '20641'],
    ]);
  });

  it('skips NODATA and SKIPDATA lines and rejects short lines', () => {
    // Act
    const { records, skips, rejects } = decodeText(
      `${flow('-', 'NODATA')}\n${flow('-', 'SKIPDATA')}\n2 1 2 3 4 5 6 7 8\r\n`,
    );

    // Assess
    expect(records).toEqual([]);
    expect(skips.map((s) => s.reason)).toEqual([
      expect.stringContaining('NODATA'),
      expect.stringContaining('SKIPDATA'),
    ]);
    expect(rejects).toEqual([
      {
        location: {
          file: 'f',
          line: 3,
          offset: flow('-', 'NODATA').length + flow('-', 'SKIPDATA').length + 2,
        },
        reason: 'VPC flow line has 9 fields, expected 14 (v2 default)',
        raw: '2 1 2 3 4 5 6 7 8',
      },
    ]);
  });

  it('reads a text line of a flow file as a flow line', () => {
    // Act
    const { records, rejects } = decodeText(`${flow()}\nnot a flow line\n42\n`);

    // Assess
    expect(records).toHaveLength(1);
    expect(rejects.map((r) => [r.location.line, r.reason])).toEqual([
      [2, 'VPC flow line has 4 fields, expected 14 (v2 default)'],
      [3, 'VPC flow line has 1 fields, expected 14 (v2 default)'],
    ]);
  });

  it('rejects text lines when a JSON family is forced', () => {
    // Act
    const { records, rejects } = decodeText(`${flow()}\n`, { format: 'gcp' });

    // Assess
    expect(records).toEqual([]);
    expect(rejects.map((r) => r.reason)).toEqual([
      'expected a gcp JSON record (--format gcp), found a text line',
    ]);
  });
});

describe('wrapped base64', () => {
  it('rejects a wrapped block longer than maxRecordBytes without holding it', () => {
    // Prepare
    const input = `${'H4sI'.padEnd(76, 'A')}\n${`${'A'.repeat(76)}\n`.repeat(20)}${'A'.repeat(10)}\n`;

    // Act
    const { rejects } = decodeText(input, { maxRecordBytes: 500 });

    // Assess
    expect(rejects).toEqual([
      {
        location: { file: 'f', line: 1, offset: 0 },
        reason: 'wrapped base64 payload of 1606 characters exceeds maxRecordBytes (500)',
        raw: 'H4sI'.padEnd(76, 'A'),
        truncated: true,
      },
    ]);
  });
});
