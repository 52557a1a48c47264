import { readFileSync } from 'node:fs';
import { parseCliArgs, USAGE } from './args.ts';
import { loadDetection } from './detection.ts';
import { CliError } from './errors.ts';
import { runDetect } from './run.ts';

const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };

// `pnpm detect … | head` closes the pipe early: stop quietly, as Unix tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

async function main(argv: readonly string[]): Promise<number> {
  try {
    const options = parseCliArgs(argv);
    if (options.help) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (options.version) {
      const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
        version: string;
      };
      io.stdout.write(`vigil ${pkg.version}\n`);
      return 0;
    }
    await runDetect(options, await loadDetection(options), io, Date.now);
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr.write(`vigil: ${error.message}\n`);
      if (error.name === 'UsageError') io.stderr.write('Try: pnpm detect --help\n');
      return error.exitCode;
    }
    io.stderr.write(`vigil: internal error: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
