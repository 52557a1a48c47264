import { describe, expect, it } from 'vitest';
import { decodeText } from './test-helpers.ts';

const ct = (id: string) =>
  JSON.stringify({ eventName: 'GetObject', eventSource: 's3.amazonaws.com', eventID: id });

describe('format sniffing', () => {
  it('streams a one-line Records file far larger than maxRecordBytes', () => {
    // Prepare
    const input = `{"Records":[${Array.from({ length: 50 }, (_, i) => ct(String(i))).join(',')}]}`;

    // Act
    const { records, rejects } = decodeText(input, { maxRecordBytes: 200 }, [100, 1000, 2000]);

    // Assess
    expect(rejects).toEqual([]);
    expect(records).toHaveLength(50);
  });

  it('streams a container whose key is not first on an over-long first line', () => {
    // Prepare
    const input = `{"odata.context":"x","value":[${Array.from({ length: 20 }, (_, i) => ct(String(i))).join(',')}]}`;

    // Act
    const { records, rejects } = decodeText(input, { maxRecordBytes: 200 });

    // Assess
    expect(rejects).toEqual([]);
    expect(records).toHaveLength(20);
  });

  it('counts lines and offsets from the start of the file past leading blank lines', () => {
    // Act
    const { records } = decodeText(`\n\n  \n${ct('a')}\n`, {}, [1, 3]);

    // Assess
    expect(records.map((r) => r.location)).toEqual([{ file: 'f', line: 4, offset: 5 }]);
  });

  it('reads base64 payload lines and flow lines in line mode', () => {
    // Act
    const { rejects } = decodeText('ZZZ not json\n');

    // Assess
    expect(rejects.map((r) => r.reason)).toEqual(['VPC flow line has 3 fields, expected 14 (v2 default)']);
  });
});
