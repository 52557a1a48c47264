import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeText } from './test-helpers.ts';

const trail = JSON.stringify({ eventName: 'ListUsers', eventSource: 'iam.amazonaws.com', eventID: 'e' });

describe('hostile nesting', () => {
  it('refuses containers nested deeper than any delivery nests them, without overflowing the stack', () => {
    // Prepare
    const depth = 200_000;
    const input = `${'[{"Records":'.repeat(depth)}[${trail}]${'}]'.repeat(depth)}`;

    // Act
    const { records, rejects } = decodeText(input);

    // Assess
    expect(records).toEqual([]);
    expect(rejects.map((r) => r.reason)).toEqual(['containers and payloads nested more than 10 deep']);
  });

  it('refuses payloads wrapped in payloads beyond the nesting limit', () => {
    // Prepare
    let value: unknown = JSON.parse(trail);
    for (let level = 0; level < 12; level++) {
      value = { awslogs: { data: gzipSync(JSON.stringify(value)).toString('base64') } };
    }

    // Act
    const { records, rejects } = decodeText(JSON.stringify(value));

    // Assess
    expect(records).toEqual([]);
    expect(rejects.map((r) => r.reason)).toEqual(['containers and payloads nested more than 10 deep']);
  });

  it('accepts the nesting real deliveries use: a Kinesis event of CloudWatch Logs payloads', () => {
    // Prepare
    const payload = { messageType: 'DATA_MESSAGE', logGroup: 'g', logEvents: [{ id: '1', message: trail }] };
    const data = gzipSync(JSON.stringify(payload)).toString('base64');

    // Act
    const { records } = decodeText(JSON.stringify([{ Records: [{ kinesis: { data } }] }]));

    // Assess
    expect(records.map((r) => r.raw)).toEqual([trail]);
  });

  it('rejects a Log Analytics row too deeply nested to serialize', () => {
    // Prepare
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const input = JSON.stringify({
      tables: [{ columns: [{ name: 'Type' }, { name: 'D', type: 'dynamic' }], rows: [['AuditLogs', deep]] }],
    });

    // Act
    const { records, rejects } = decodeText(input);

    // Assess
    expect(records).toEqual([]);
    expect(rejects.map((r) => r.reason)).toEqual(['Log Analytics row is nested too deeply to serialize']);
  });
});
