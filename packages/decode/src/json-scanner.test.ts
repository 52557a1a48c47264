import { describe, expect, it } from 'vitest';
import { decodeText, everyCut } from './test-helpers.ts';

const ct = (id: string, extra: Record<string, unknown> = {}) => ({
  eventVersion: '1.08',
  eventName: 'GetObject',
  eventSource: 's3.amazonaws.com',
  eventID: id,
  ...extra,
});
const activity = (id: string) => ({
  time: '2024-05-01T10:00:00Z',
  category: 'Administrative',
  correlationId: id,
});
const gcp = (id: string) => ({
  logName: 'projects/p/logs/cloudaudit.googleapis.com%2Factivity',
  insertId: id,
  protoPayload: { methodName: 'SetIamPolicy' },
});

describe('JSON containers', () => {
  it('streams a CloudTrail Records file element by element with exact raw text and locations', () => {
    // Prepare
    const input = `{"Records":[${JSON.stringify(ct('a'))},\n${JSON.stringify(ct('b'))}]}`;

    // Act
    const { records, rejects } = decodeText(input);

    // Assess
    expect(rejects).toEqual([]);
    expect(records.map((r) => [r.source, r.variant, r.raw, r.location])).toEqual([
      ['cloudtrail', 'record', JSON.stringify(ct('a')), { file: 'f', line: 1, offset: 12, index: 0 }],
      [
        'cloudtrail',
        'record',
        JSON.stringify(ct('b')),
        { file: 'f', line: 2, offset: 14 + JSON.stringify(ct('a')).length, index: 1 },
      ],
    ]);
  });

  it.each([
    ['a top-level array (gcloud --format=json)', JSON.stringify([gcp('1'), gcp('2')], null, 2), 'gcp'],
    [
      'an Azure records export',
      JSON.stringify({ records: [activity('1'), activity('2')] }, null, 4),
      'azure',
    ],
    [
      'an Azure REST list response',
      JSON.stringify({ value: [activity('1'), activity('2')], nextLink: 'x' }),
      'azure',
    ],
    [
      'a GCP entries.list response',
      JSON.stringify({ entries: [gcp('1'), gcp('2')], nextPageToken: 't' }),
      'gcp',
    ],
    [
      'a container key after other keys',
      JSON.stringify({ odata: { a: [1] }, value: [activity('1'), activity('2')] }),
      'azure',
    ],
    [
      'concatenated pretty-printed values',
      `${JSON.stringify(ct('1'), null, 2)}\n${JSON.stringify(ct('2'), null, 2)}`,
      'cloudtrail',
    ],
    [
      'concatenated containers',
      JSON.stringify({ Records: [ct('1')] }) + JSON.stringify({ Records: [ct('2')] }),
      'cloudtrail',
    ],
    ['a Kinesis-style nested wrapper', JSON.stringify([{ Records: [ct('1'), ct('2')] }]), 'cloudtrail'],
  ])('decodes %s', (_name, input, source) => {
    // Act
    const { records, rejects } = decodeText(input);

    // Assess
    expect(rejects).toEqual([]);
    expect(records).toHaveLength(2);
    expect(records.every((r) => r.source === source)).toBe(true);
    expect(records.map((r) => JSON.parse(r.raw))).toEqual(records.map((r) => r.record));
  });

  it('decodes a single pretty-printed record and an EventBridge envelope', () => {
    // Prepare
    const envelope = { version: '0', 'detail-type': 'AWS API Call via CloudTrail', detail: ct('e') };
    const input = `${JSON.stringify(ct('a'), null, 2)}\n${JSON.stringify(envelope, null, 2)}\n`;

    // Act
    const { records, rejects } = decodeText(input);

    // Assess
    expect(rejects).toEqual([]);
    expect(records.map((r) => [r.variant, r.record.eventID, r.location.line])).toEqual([
      ['record', 'a', 1],
      ['eventbridge', 'e', JSON.stringify(ct('a'), null, 2).split('\n').length + 1],
    ]);
    expect(JSON.parse(records[1]!.raw)).toEqual(envelope);
  });

  it('maps Log Analytics rows to objects by column name, parsing dynamic columns', () => {
    // Prepare
    const response = {
      tables: [
        {
          name: 'PrimaryResult',
          columns: [
            { name: 'TimeGenerated', type: 'datetime' },
            { name: 'OperationNameValue', type: 'string' },
            { name: 'Properties_d', type: 'dynamic' },
          ],
          rows: [
            ['2024-05-01T10:00:00Z', 'MICROSOFT.AUTHORIZATION/ROLEASSIGNMENTS/WRITE', '{"caller":"a@b"}'],
            ['2024-05-01T10:01:00Z', 'x', 'not json'],
          ],
        },
      ],
    };

    // Act
    const { records, rejects } = decodeText(JSON.stringify(response, null, 2));

    // Assess
    expect(rejects).toEqual([]);
    expect(records.map((r) => [r.variant, r.record, r.location.index])).toEqual([
      [
        'activity-la',
        {
          TimeGenerated: '2024-05-01T10:00:00Z',
          OperationNameValue: 'MICROSOFT.AUTHORIZATION/ROLEASSIGNMENTS/WRITE',
          Properties_d: { caller: 'a@b' },
        },
        0,
      ],
      [
        'activity-la',
        { TimeGenerated: '2024-05-01T10:01:00Z', OperationNameValue: 'x', Properties_d: 'not json' },
        1,
      ],
    ]);
    expect(JSON.parse(records[0]!.raw)).toEqual(records[0]!.record);
  });

  it('rejects Log Analytics rows that do not fit their columns', () => {
    // Prepare
    const input = JSON.stringify({
      tables: [
        { name: 'a', rows: [['x']], columns: [{ name: 'Type' }] },
        { name: 'b', columns: [{ name: 'Type' }], rows: [['AuditLogs', 'extra'], 'x', ['SigninLogs']] },
        { name: 'c', columns: 'bad', rows: [['x']] },
      ],
    });

    // Act
    const { records, rejects } = decodeText(input);

    // Assess
    expect(records.map((r) => r.variant)).toEqual(['signin-la']);
    expect(rejects.map((r) => r.reason)).toEqual([
      "Log Analytics tables[0].rows[0]: the row precedes its table's columns",
      'Log Analytics tables[1].rows[0]: row has 2 values, expected 1 columns',
      'Log Analytics tables[1].rows[1]: row must be an array, got string',
      'Log Analytics columns: columns must be an array, got string',
      'Log Analytics tables[2].rows[0]: the table has no usable columns (columns must be an array, got string)',
    ]);
  });

  it('rejects non-object elements and unrecognized objects, and keeps going', () => {
    // Act
    const { records, rejects } = decodeText(`[1, "x", null, {"a":1}, ${JSON.stringify(ct('z'))}]`);

    // Assess
    expect(records).toHaveLength(1);
    expect(rejects.map((r) => [r.reason, r.location.index])).toEqual([
      ['expected a JSON object, found number', 0],
      ['expected a JSON object, found string', 1],
      ['expected a JSON object, found null', 2],
      ['unrecognized JSON record: object with keys [a]', 3],
    ]);
  });

  it('rejects the rest of a broken container once, with the position', () => {
    // Act
    const { records, rejects } = decodeText(
      `{"Records":[${JSON.stringify(ct('a'))} {"b":2}, ${JSON.stringify(ct('c'))}]}`,
    );

    // Assess
    expect(records).toHaveLength(1);
    expect(rejects).toHaveLength(1);
    expect(rejects[0]!.reason).toMatch(
      /^invalid JSON container: expected ',' or '\]' after Records\[0\], found "\{" at line 1, offset \d+/,
    );
  });

  it('rejects a truncated container with the partial element as raw', () => {
    // Prepare
    const full = `{"Records":[${JSON.stringify(ct('a'))},${JSON.stringify(ct('b'))}]}`;

    // Act
    const { records, rejects } = decodeText(full.slice(0, full.length - 30));

    // Assess
    expect(records).toHaveLength(1);
    expect(rejects).toEqual([
      {
        location: { file: 'f', line: 1, offset: 13 + JSON.stringify(ct('a')).length, index: 1 },
        reason: 'truncated JSON: input ended inside Records after 1 items',
        raw: JSON.stringify(ct('b')).slice(0, -28),
      },
    ]);
  });

  it('rejects a top-level value that is not valid JSON and resumes after it', () => {
    // Act
    const { records, rejects } = decodeText(`{"a" 1,\n "b": 2}\n${JSON.stringify(ct('x'), null, 1)}`);

    // Assess
    expect(records.map((r) => r.record.eventID)).toEqual(['x']);
    expect(rejects).toEqual([
      expect.objectContaining({
        location: { file: 'f', line: 1, offset: 0 },
        reason: expect.stringMatching(/^invalid JSON: /),
      }),
    ]);
  });

  it('rejects text between top-level values up to the end of its line', () => {
    // Act
    const { records, rejects } = decodeText(
      `[${JSON.stringify(ct('a'))}]\nnot json here\n[${JSON.stringify(ct('b'))}]`,
    );

    // Assess
    expect(records).toHaveLength(2);
    expect(rejects).toEqual([
      {
        location: { file: 'f', line: 2, offset: JSON.stringify(ct('a')).length + 3 },
        reason: "expected a JSON object or array, found text 'not json here'",
        raw: 'not json here',
      },
    ]);
  });

  it('rejects an element longer than maxRecordBytes, keeping a bounded excerpt, and carries on', () => {
    // Prepare
    const big = ct('big', { padding: 'p'.repeat(500) });
    const input = `{"Records":[${JSON.stringify(ct('a'))},${JSON.stringify(big)},${JSON.stringify(ct('c'))}]}`;

    // Act
    const { records, rejects } = decodeText(
      input,
      { maxRecordBytes: 300, rejectRawLimit: 20 },
      [40, 200, 400],
    );

    // Assess
    expect(records.map((r) => r.record.eventID)).toEqual(['a', 'c']);
    expect(rejects).toEqual([
      {
        location: expect.objectContaining({ index: 1 }),
        reason: `JSON value of ${JSON.stringify(big).length} characters exceeds maxRecordBytes (300)`,
        raw: JSON.stringify(big).slice(0, 20),
        truncated: true,
      },
    ]);
  });

  it('expands a container whose key is written with escapes from the parsed value', () => {
    // Act
    const { records, rejects } = decodeText(`{"Rec\\u006frds":[${JSON.stringify(ct('a'))}]}`);

    // Assess
    expect(rejects).toEqual([]);
    expect(records.map((r) => [r.record.eventID, r.raw])).toEqual([['a', JSON.stringify(ct('a'))]]);
  });

  it('gives the same items whatever the chunk boundaries (every position)', () => {
    // Prepare
    const input = JSON.stringify(
      {
        Records: [
          ct('a', { s: 'quote \\" and \\\\ backslash \u00e9 \ud83d\ude00' }),
          ct('b', { n: [1, { x: '}' }] }),
        ],
      },
      null,
      1,
    );
    const whole = decodeText(input).items;

    // Act / Assess
    expect(whole.filter((item) => item.kind === 'record')).toHaveLength(2);
    for (const cuts of everyCut(input.length)) expect(decodeText(input, {}, cuts).items).toEqual(whole);
  });

  it('tracks string escapes across chunk boundaries at every position of a Log Analytics response', () => {
    // Prepare
    const input = JSON.stringify({
      tables: [
        { name: 'P\\"', columns: [{ name: 'Type' }, { name: 'X"\\' }], rows: [['AuditLogs', '\\\\"]']] },
      ],
    });
    const whole = decodeText(input).items;

    // Act / Assess
    expect(whole).toEqual([expect.objectContaining({ kind: 'record' })]);
    for (const cuts of everyCut(input.length)) expect(decodeText(input, {}, cuts).items).toEqual(whole);
  });

  it.each([
    ['a compact Records file', JSON.stringify({ Records: [ct('a'), ct('b'), ct('c')] })],
    ['a pretty records export', JSON.stringify({ records: [activity('a'), activity('b')] }, null, 2)],
    ['a gcloud array', JSON.stringify([gcp('a'), gcp('b')], null, 2)],
    [
      'a Log Analytics response',
      JSON.stringify({
        tables: [{ name: 't', columns: [{ name: 'Type' }], rows: [['AuditLogs'], ['SigninLogs']] }],
      }),
    ],
    ['NDJSON', `${JSON.stringify(ct('a'))}\n${JSON.stringify(gcp('b'))}\n${JSON.stringify(activity('c'))}\n`],
    ['concatenated pretty values', `${JSON.stringify(ct('a'), null, 2)}${JSON.stringify(ct('b'), null, 2)}`],
  ])('decodes every prefix of %s into a prefix of its records and at most one reject', (_name, doc) => {
    // Prepare
    const full = decodeText(doc).records.map((r) => r.raw);

    // Act / Assess
    expect(full.length).toBeGreaterThanOrEqual(2);
    for (let length = 0; length <= doc.length; length++) {
      const { records, rejects } = decodeText(doc.slice(0, length));
      expect(records.map((r) => r.raw)).toEqual(full.slice(0, records.length));
      expect(rejects.length).toBeLessThanOrEqual(1);
      if (length === doc.length) expect(rejects).toEqual([]);
    }
  });
});
