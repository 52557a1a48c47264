import { CliError } from '@vigil/cli';
import { DEV_USAGE, parseDevArgs } from './args.ts';
import { DevUsageError } from './errors.ts';
import { renderReport } from './report.ts';
import { type DevRun, startDev } from './run-dev.ts';

const POLL_MS = 1000;

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${DEV_USAGE}\n`);
    return 0;
  }
  const options = parseDevArgs(argv);
  const run: DevRun = await startDev(options);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await run.stop();
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));
  process.once('SIGTERM', () => void stop().then(() => process.exit(143)));
  try {
    process.stderr.write(
      `vigil dev: ${run.records} record(s) put on ${run.stack.stream} (${options.shards} shard(s))\n`,
    );
    await run.poll();
    process.stdout.write(`${renderReport(await run.findings(), run.stats, await run.dlq())}\n`);
    if (options.once) return 0;
    process.stderr.write(
      `vigil dev: polling; put more records with any Kinesis client at ${run.stack.kinesis.endpoint} (stream ${run.stack.stream}, any credentials). Ctrl-C stops everything.\n`,
    );
    let known = (await run.findings()).length;
    while (!stopping) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      if (stopping || (await run.poll()) === 0) continue;
      const findings = await run.findings();
      if (findings.length !== known)
        process.stdout.write(`${renderReport(findings, run.stats, await run.dlq())}\n`);
      known = findings.length;
    }
    return 0;
  } finally {
    await stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof DevUsageError || error instanceof CliError;
    process.stderr.write(`vigil dev: ${known ? (error as Error).message : (error as Error).stack}\n`);
    if (error instanceof DevUsageError) process.stderr.write(`${DEV_USAGE}\n`);
    process.exit(known ? 2 : 1);
  },
);
