import { parseArgs } from 'node:util';
import type { FetchLike } from './http.ts';
import { refreshSets } from './sets/refresh.ts';
import { SNAPSHOT_DIR } from './sets/set-file.ts';
import { setFileWriter } from './sets/write-set-files.ts';

const USAGE = `Usage: pnpm intel refresh [--out DIR] [--feed NAME=URL]...

Downloads the offline threat-intelligence sets (Tor exits, abuse.ch Feodo and ThreatFox,
Spamhaus DROP) and writes them to DIR (default: packages/intel/sets, the shipped snapshot).
A feed that fails or looks truncated keeps its previous file.

Options:
  --out DIR         where to write <set>.txt files
  --feed NAME=URL   read set NAME from URL instead (a mirror); repeatable
  -h, --help        show this help

Exit status: 0 when every feed refreshed, 1 when any kept its old file, 2 on usage errors.`;

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    process.stderr.write(`intel: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1 || positionals[0] !== 'refresh') {
    process.stderr.write(`intel: expected the command "refresh"\n${USAGE}\n`);
    return 2;
  }
  const urls: Record<string, string> = {};
  for (const f of values.feed ?? []) {
    const eq = f.indexOf('=');
    if (eq <= 0) {
      process.stderr.write(`intel: --feed expects NAME=URL, got "${f}"\n`);
      return 2;
    }
    urls[f.slice(0, eq)] = f.slice(eq + 1);
  }
  const dir = values.out ?? SNAPSHOT_DIR;
  const reports = await refreshSets({
    fetch: globalThis.fetch as FetchLike,
    clock: Date.now,
    write: setFileWriter(dir),
    urls,
  });
  for (const r of reports)
    process.stdout.write(
      `${r.name.padEnd(14)} ${r.status.padEnd(8)} ${r.entries !== undefined ? `${r.entries} entries` : (r.reason ?? '')}\n`,
    );
  process.stdout.write(`sets in ${dir}\n`);
  return reports.some((r) => r.status === 'failed') ? 1 : 0;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      out: { type: 'string' },
      feed: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

process.exitCode = await main(process.argv.slice(2));
