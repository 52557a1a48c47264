import { describe, expect, it } from 'vitest';
import { createDecoder } from './create-decoder.ts';
import { DecodeError, DecodeOptionsError } from './errors.ts';
import type { DecodeOptions } from './options.ts';
import type { DecodeItem } from './types.ts';

const ct = (id: string) =>
  JSON.stringify({ eventName: 'ListUsers', eventSource: 'iam.amazonaws.com', eventID: id });

describe('createDecoder', () => {
  it.each([
    [{ file: '' }, 'decode option file must be a non-empty string'],
    [
      { file: 'f', format: 'aws' },
      'decode option format must be one of auto, cloudtrail, azure, gcp, vpcflow, got aws',
    ],
    [{ file: 'f', maxRecordBytes: 0 }, 'decode option maxRecordBytes must be an integer >= 1, got 0'],
    [{ file: 'f', rejectRawLimit: 1.5 }, 'decode option rejectRawLimit must be an integer >= 0, got 1.5'],
    [{ file: 'f', flowFields: [] }, 'decode option flowFields must be a non-empty array'],
    [
      { file: 'f', flowFields: ['srcaddr', 'src-addr'] },
      'decode option flowFields: unknown VPC flow field "src-addr"',
    ],
    [
      { file: 'f', flowFields: ['srcaddr', 'srcaddr'] },
      "decode option flowFields: duplicate field 'srcaddr'",
    ],
    [{ file: 'f', maxRecordByte: 5 }, "unknown decode option 'maxRecordByte'"],
  ])('refuses invalid options %j', (options, message) => {
    // Act / Assess
    expect(() => createDecoder(options as unknown as DecodeOptions, () => {})).toThrow(DecodeOptionsError);
    expect(() => createDecoder(options as unknown as DecodeOptions, () => {})).toThrow(message);
  });

  it('emits synchronously from write and refuses use after end', () => {
    // Prepare
    const items: DecodeItem[] = [];
    const decoder = createDecoder({ file: 'events.json' }, (item) => items.push(item));

    // Act
    decoder.write(`${ct('a')}\n`);
    const afterWrite = items.length;
    decoder.end();

    // Assess
    expect(afterWrite).toBe(1);
    expect(items[0]?.value.location.file).toBe('events.json');
    expect(() => decoder.write('x')).toThrow(DecodeError);
    expect(() => decoder.end()).toThrow('decoder for events.json is already ended');
  });
});
