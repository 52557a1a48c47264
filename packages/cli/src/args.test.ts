import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './args.ts';
import { UsageError } from './errors.ts';

describe('parseCliArgs', () => {
  it('reads options and positionals', () => {
    const o = parseCliArgs(['--out', 'f.ndjson', '--rejects', 'r.ndjson', '--format', 'gcp', 'a.json', '-']);
    expect(o).toMatchObject({ out: 'f.ndjson', rejects: 'r.ndjson', format: 'gcp', inputs: ['a.json', '-'] });
  });

  it('defaults the format to auto', () => {
    expect(parseCliArgs(['x']).format).toBe('auto');
  });

  it('splits --flow-fields on spaces and commas', () => {
    expect(parseCliArgs(['--flow-fields', 'version, srcaddr dstaddr', 'x']).flowFields).toEqual([
      'version',
      'srcaddr',
      'dstaddr',
    ]);
  });

  it.each([
    [['--bogus', 'x'], /bogus/],
    [
      ['--format', 'splunk', 'x'],
      /--format must be one of auto, cloudtrail, azure, gcp, vpcflow, got "splunk"/,
    ],
    [[], /no input/],
    [['--out'], /--out/],
  ])('rejects %j as a usage error', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });

  it('accepts --help without inputs', () => {
    expect(parseCliArgs(['--help']).help).toBe(true);
  });
});
