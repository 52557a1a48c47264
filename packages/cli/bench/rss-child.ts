import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { loadDetection } from '../src/detection.ts';
import { runDetect } from '../src/run.ts';

/**
 * Runs the CLI's detect stage on one file, findings discarded, and prints peak RSS in KiB.
 * Peak RSS is read from VmHWM: getrusage's ru_maxrss of a child process can carry the parent's
 * RSS at fork time, which would report the benchmark's own corpus, not the CLI.
 */
const sink = Object.assign(new Writable({ write: (_c, _e, cb) => cb() }), {
  isTTY: false,
}) as unknown as NodeJS.WriteStream;
await runDetect(
  {
    inputs: [process.argv[2]!],
    out: '/dev/null',
    format: 'auto',
    rules: [],
    sigma: [],
    noModels: true,
    quiet: true,
    help: false,
    version: false,
  },
  await loadDetection({ rules: [], sigma: [] }),
  { stdin: process.stdin, stdout: sink, stderr: sink },
  Date.now,
);
const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
process.stdout.write(`${hwm ? hwm[1] : process.resourceUsage().maxRSS}\n`);
