import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RESPOND_PATHS } from './paths.ts';
import { respondBundleCommands } from './respond-functions.ts';

let out: string;
afterEach(() => rmSync(out, { recursive: true, force: true }));

describe('respond bundle layout', () => {
  it('puts the guardrails and the intel sets next to index.mjs, from a path with a space and a quote', () => {
    out = mkdtempSync(join(tmpdir(), "vigil respond 'x' "));
    for (const command of respondBundleCommands(out)) {
      execFileSync('bash', ['-c', command], { cwd: RESPOND_PATHS.repoRoot, stdio: 'pipe' });
    }
    expect(readFileSync(join(out, 'guardrails.yml'), 'utf8')).toBe(
      readFileSync(RESPOND_PATHS.guardrails, 'utf8'),
    );
    expect(readdirSync(join(out, 'intel-sets')).sort()).toEqual(readdirSync(RESPOND_PATHS.intelSets).sort());
  });
});
