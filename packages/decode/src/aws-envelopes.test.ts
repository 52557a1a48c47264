import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeText } from './test-helpers.ts';

const flowMessage =
  '2 123456789010 eni-0a1b 10.0.0.1 10.0.0.2 443 49152 6 10 840 1700000000 1700000060 ACCEPT OK';
const trail = {
  eventVersion: '1.08',
  eventName: 'DeleteTrail',
  eventSource: 'cloudtrail.amazonaws.com',
  eventID: 'e1',
};
const payload = {
  messageType: 'DATA_MESSAGE',
  owner: '123456789010',
  logGroup: 'vpc-flow-logs',
  logStream: 'eni-0a1b-all',
  subscriptionFilters: ['to-kinesis'],
  logEvents: [
    { id: '1', timestamp: 1700000000000, message: flowMessage },
    { id: '2', timestamp: 1700000000001, message: JSON.stringify(trail) },
  ],
};
const control = {
  ...payload,
  messageType: 'CONTROL_MESSAGE',
  logEvents: [{ id: '', timestamp: 1, message: 'CWL CONTROL MESSAGE' }],
};
const base64Gzip = (value: unknown) => gzipSync(JSON.stringify(value)).toString('base64');

describe('CloudWatch Logs subscription payloads', () => {
  it.each([
    ['raw JSON', JSON.stringify(payload)],
    ['pretty-printed JSON', JSON.stringify(payload, null, 2)],
    ['gzip', gzipSync(JSON.stringify(payload))],
    ['base64 of gzip (Kinesis data)', `${base64Gzip(payload)}\n`],
    ['base64 of gzip wrapped at 76 columns', `${base64Gzip(payload).replace(/(.{76})/g, '$1\n')}\n`],
    ['base64 of plain JSON', Buffer.from(JSON.stringify(payload)).toString('base64')],
    ['a Lambda awslogs trigger', JSON.stringify({ awslogs: { data: base64Gzip(payload) } })],
    [
      'a Kinesis event',
      JSON.stringify({
        Records: [
          {
            eventSource: 'aws:kinesis',
            eventName: 'aws:kinesis:record',
            kinesis: { data: base64Gzip(payload) },
          },
        ],
      }),
    ],
    ['a Firehose record', JSON.stringify({ records: [{ recordId: 'r1', data: base64Gzip(payload) }] })],
  ])('expands %s into one record per log event', (_name, input) => {
    // Act
    const { records, rejects } = decodeText(input);

    // Assess
    expect(rejects).toEqual([]);
    expect(records.map((r) => [r.source, r.variant, r.raw, r.location.index])).toEqual([
      ['vpcflow', 'v2', flowMessage, 0],
      ['cloudtrail', 'record', JSON.stringify(trail), 1],
    ]);
  });

  it('decodes one payload per line and names each payload line', () => {
    // Act
    const { records } = decodeText(`${base64Gzip(payload)}\n${JSON.stringify(payload)}\n`);

    // Assess
    expect(records.map((r) => [r.location.line, r.location.index])).toEqual([
      [1, 0],
      [1, 1],
      [2, 0],
      [2, 1],
    ]);
  });

  it('reads flow messages with the flowFields option', () => {
    // Prepare
    const custom = { ...payload, logEvents: [{ id: '1', timestamp: 1, message: '10.0.0.1 10.0.0.2' }] };

    // Act
    const { records } = decodeText(JSON.stringify(custom), { flowFields: ['srcaddr', 'dstaddr'] });

    // Assess
    expect(records.map((r) => r.record)).toEqual([{ srcaddr: '10.0.0.1', dstaddr: '10.0.0.2' }]);
  });

  it('skips a CONTROL_MESSAGE', () => {
    // Act
    const { items } = decodeText(`${base64Gzip(control)}\n`);

    // Assess
    expect(items).toEqual([
      {
        kind: 'skip',
        value: {
          location: { file: 'f', line: 1, offset: 0 },
          reason: 'CloudWatch Logs CONTROL_MESSAGE (subscription health check, no log events)',
        },
      },
    ]);
  });

  it('skips a DATA_MESSAGE without log events', () => {
    // Act
    const { skips } = decodeText(JSON.stringify({ ...payload, logEvents: [] }));

    // Assess
    expect(skips.map((s) => s.reason)).toEqual(['CloudWatch Logs DATA_MESSAGE without log events']);
  });

  it.each([
    [
      { ...payload, messageType: 'OTHER' },
      "messageType must be DATA_MESSAGE or CONTROL_MESSAGE, got 'OTHER'",
    ],
    [{ ...payload, logEvents: 'x' }, 'logEvents must be an array, got string'],
    [
      { ...payload, logEvents: [{ id: '1', message: 5 }] },
      'logEvents[0].message must be a string, got number',
    ],
    [{ ...payload, logEvents: [null] }, 'logEvents[0].message must be a string, got null'],
    [{ ...payload, logEvents: [{ message: '{"a":' }] }, 'invalid JSON'],
    [
      { ...payload, logEvents: [{ message: '2 1 2' }] },
      'VPC flow line has 3 fields, expected 14 (v2 default)',
    ],
  ])('rejects a malformed payload %#', (value, reason) => {
    // Act
    const { records, rejects } = decodeText(JSON.stringify(value));

    // Assess
    expect(records).toEqual([]);
    expect(rejects).toEqual([expect.objectContaining({ reason: expect.stringContaining(reason) })]);
  });

  it.each([
    [
      'bad base64 in awslogs',
      JSON.stringify({ awslogs: { data: 'H4sI!!!' } }),
      'invalid base64 payload (7 characters)',
    ],
    ['a corrupt gzip line', `H4sI${'A'.repeat(40)}\n`, 'base64 payload: gzip data cannot be inflated'],
    ['base64 of broken JSON', `${Buffer.from('{"not json').toString('base64')}\n`, 'truncated JSON'],
    [
      'base64 of a non-object',
      JSON.stringify({ awslogs: { data: Buffer.from('[1]').toString('base64') } }),
      'does not decode to a JSON object',
    ],
  ])('rejects %s', (_name, input, reason) => {
    // Act
    const { rejects } = decodeText(input);

    // Assess
    expect(rejects).toEqual([expect.objectContaining({ reason: expect.stringContaining(reason) })]);
  });

  it('rejects a payload that inflates beyond maxRecordBytes', () => {
    // Prepare
    const line = base64Gzip({
      ...payload,
      logEvents: [{ id: '1', timestamp: 1, message: 'x'.repeat(5000) }],
    });

    // Act
    const { rejects } = decodeText(`${line}\n`, { maxRecordBytes: 1000 });

    // Assess
    expect(line.length).toBeLessThan(1000);
    expect(rejects).toEqual([
      expect.objectContaining({
        reason: expect.stringContaining('base64 payload: gzip data cannot be inflated'),
      }),
    ]);
  });

  it('refuses CloudTrail messages under --format vpcflow and flow messages under --format cloudtrail', () => {
    // Act
    const flows = decodeText(JSON.stringify(payload), { format: 'vpcflow' });
    const trails = decodeText(JSON.stringify(payload), { format: 'cloudtrail' });

    // Assess
    expect(flows.records.map((r) => r.source)).toEqual(['vpcflow']);
    expect(flows.rejects.map((r) => r.reason)).toEqual([
      'expected a vpcflow record (--format vpcflow), found cloudtrail record',
    ]);
    expect(trails.records.map((r) => r.source)).toEqual(['cloudtrail']);
    expect(trails.rejects.map((r) => r.reason)).toEqual([
      'expected a cloudtrail record (--format cloudtrail), found vpcflow v2',
    ]);
  });
});
