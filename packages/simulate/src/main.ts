import { parseArgs } from 'node:util';
import { SimulateOptionsError } from './errors.ts';
import type { SimulateOptions } from './types.ts';
import { writeSimulation } from './write-simulation.ts';

const USAGE = `Usage: pnpm exec tsx packages/simulate/src/main.ts --seed N --out DIR [options]

Writes a simulated organisation's benign cloud activity, each source in its native format:
cloudtrail.ndjson, azure.ndjson, gcp.ndjson, vpcflow.log, and labels.ndjson and networks.json
beside them. With --campaigns, attack campaigns are mixed in and labelled.

Options:
  --seed N      seed of the run (required): same seed and options, same files
  --out DIR     output directory (created if needed)
  --start DATE  first day, 2026-10-01 by default, or an ISO time with zone
  --days N      days to simulate (default 14)
  --scale X     activity multiplier (default 1)
  --campaigns N attack campaigns to run (default 0: benign only)
  -h, --help    show this help`;

function number(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || Number.isNaN(n))
    throw new SimulateOptionsError(`simulate: --${name} must be a number, got "${value}"`);
  return n;
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      seed: { type: 'string' },
      out: { type: 'string' },
      start: { type: 'string' },
      days: { type: 'string' },
      scale: { type: 'string' },
      campaigns: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const seed = number('seed', values.seed);
  if (seed === undefined || values.out === undefined) {
    process.stderr.write(`simulate: --seed and --out are required\n${USAGE}\n`);
    return 2;
  }
  const options: SimulateOptions = { seed };
  if (values.start !== undefined) options.start = values.start;
  const days = number('days', values.days);
  if (days !== undefined) options.days = days;
  const scale = number('scale', values.scale);
  if (scale !== undefined) options.scale = scale;
  const campaigns = number('campaigns', values.campaigns);
  if (campaigns !== undefined) options.campaigns = campaigns;
  const began = performance.now();
  const counts = await writeSimulation(options, values.out);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const seconds = ((performance.now() - began) / 1000).toFixed(1);
  process.stderr.write(
    `simulate: ${total} records in ${seconds} s to ${values.out} (cloudtrail ${counts.cloudtrail}, azure ${counts.azure}, gcp ${counts.gcp}, vpcflow ${counts.vpcflow})\n`,
  );
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  const usage =
    error instanceof SimulateOptionsError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  const message = (error as Error).message;
  process.stderr.write(`${message.startsWith('simulate:') ? message : `simulate: ${message}`}\n`);
  process.exitCode = usage ? 2 : 1;
}
