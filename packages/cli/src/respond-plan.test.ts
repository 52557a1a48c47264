import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const main = path.join(repo, 'packages/cli/src/main.ts');
const cli = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', main, ...args], {
    cwd: repo,
    encoding: 'utf8',
    maxBuffer: 16 << 20,
  });

describe('pnpm detect --respond plan', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vigil-respond-'));

  it('prints, after detection, the calls each playbook would make, without touching AWS', () => {
    const out = path.join(dir, 'findings.ndjson');
    const r = cli([
      '--quiet',
      '--no-models',
      '--respond',
      'plan',
      '--out',
      out,
      'events/scenarios/aws-sg-open-admin-port.json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Response plan (local dry run; guardrails dry-run is on, no AWS call made)');
    expect(r.stdout).toMatch(
      /aws-security-group-admin-port-open .*\n {2}decision: block-sg-exposure dry run — .*\n {2}would call ec2:RevokeSecurityGroupIngress \{"GroupId":"sg-0a1b2c3d4e5f60718","SecurityGroupRuleIds":\["⟨ingress rules of sg-0a1b2c3d4e5f60718 open to the internet on an admin port⟩"\]\}/,
    );
    // The findings file stays pure NDJSON.
    for (const line of readFileSync(out, 'utf8').split('\n').filter(Boolean))
      expect(JSON.parse(line).class_uid).toBe(2004);
  });

  it('plans with the guardrails given, and says why a finding gets no response', () => {
    const guardrails = path.join(dir, 'guardrails.yml');
    const shipped = readFileSync(path.join(repo, 'packages/response/guardrails.yml'), 'utf8');
    writeFileSync(guardrails, shipped.replace('accounts: []', 'accounts: ["123456789012"]'));
    const r = cli([
      '--quiet',
      '--no-models',
      '--respond',
      'plan',
      '--guardrails',
      guardrails,
      '--out',
      path.join(dir, 'f2.ndjson'),
      'events/scenarios/aws-sg-open-admin-port.json',
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('decision: block-sg-exposure no action — account 123456789012 is protected');
    expect(r.stdout).not.toContain('would call');
    expect(r.stdout).toContain('0 finding(s) with a response, 1 without');
  });

  it('rejects an unknown mode and broken guardrails as usage errors naming them', () => {
    const mode = cli(['--respond', 'apply', 'events/']);
    expect(mode.status).toBe(2);
    expect(mode.stderr).toContain('--respond must be plan, got "apply"');
    const bad = path.join(dir, 'bad.yml');
    writeFileSync(bad, 'version: 1\ndryRun: maybe\n');
    const broken = cli([
      '--quiet',
      '--no-models',
      '--respond',
      'plan',
      '--guardrails',
      bad,
      'events/scenarios/aws-sg-open-admin-port.json',
    ]);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain(`${bad}: invalid guardrails: dryRun:`);
  });
});
