import { parseArgs } from 'node:util';
import { DevUsageError } from './errors.ts';

export interface DevOptions {
  inputs: string[];
  shards: number;
  batchSize: number;
  maxRetries: number;
  /** Exit after the inputs are processed instead of polling until Ctrl-C. */
  once: boolean;
  verbose: boolean;
}

export const DEV_USAGE = `usage: pnpm dev [--once] [--shards N] [--batch-size N] [--max-retries N] [--verbose] [<path|dir>...]

Starts a local Vigil stack (kinesalite, dynalite, loopback SQS and EventBridge), puts the given
files (default: events/) on the raw-events stream as the producers shape them, runs the real
detect Lambda handler over it through a local event source mapping, and prints the findings
read back from the findings table. Without --once it keeps polling the stream until Ctrl-C.`;

function positive(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max)
    throw new DevUsageError(`--${name} must be a whole number from 0 to ${max}, got "${value}"`);
  return n;
}

export function parseDevArgs(argv: readonly string[]): DevOptions {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new DevUsageError((error as Error).message, { cause: error });
  }
  const { values, positionals } = parsed;
  const shards = positive('shards', values.shards, 2, 16);
  if (shards < 1) throw new DevUsageError('--shards must be at least 1');
  const batchSize = positive('batch-size', values['batch-size'], 100, 10_000);
  if (batchSize < 1) throw new DevUsageError('--batch-size must be at least 1');
  return {
    inputs: positionals.length > 0 ? positionals : ['events/'],
    shards,
    batchSize,
    maxRetries: positive('max-retries', values['max-retries'], 2, 10_000),
    once: values.once ?? false,
    verbose: values.verbose ?? false,
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      once: { type: 'boolean' },
      verbose: { type: 'boolean' },
      shards: { type: 'string' },
      'batch-size': { type: 'string' },
      'max-retries': { type: 'string' },
    },
  });
}
