import { Writable } from 'node:stream';
import { compileRule, starterRules } from '@vigil/rules';
import { runDetect } from '../src/run.ts';

/** Runs the CLI's detect stage on one file, findings discarded, and prints peak RSS in KiB. */
const sink = Object.assign(new Writable({ write: (_c, _e, cb) => cb() }), {
  isTTY: false,
}) as unknown as NodeJS.WriteStream;
await runDetect(
  { inputs: [process.argv[2]!], out: '/dev/null', format: 'auto', quiet: true, help: false, version: false },
  starterRules.map(compileRule),
  { stdin: process.stdin, stdout: sink, stderr: sink },
  Date.now,
);
process.stdout.write(`${process.resourceUsage().maxRSS}\n`);
