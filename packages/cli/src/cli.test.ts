import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeStream } from '@vigil/decode';
import { normalize } from '@vigil/normalize';
import { type DetectionFinding, validateFinding } from '@vigil/schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveInputs } from './inputs.ts';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const main = path.join(repo, 'packages/cli/src/main.ts');

function cli(args: string[], input?: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', main, ...args], {
    cwd: repo,
    encoding: 'utf8',
    input,
    maxBuffer: 64 << 20,
  });
}

const ndjson = <T>(text: string): T[] =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);

/** Every metadata.uid the bundled events normalize to, computed in-process. */
async function eventUids(): Promise<Set<string>> {
  const uids = new Set<string>();
  for (const file of await resolveInputs([path.join(repo, 'events')])) {
    for await (const batch of decodeStream([readFileSync(file.path)], { file: file.path })) {
      for (const item of batch) {
        if (item.kind !== 'record') continue;
        const r = normalize(item.value);
        if (r.ok) uids.add(r.event.metadata.uid);
      }
    }
  }
  return uids;
}

describe('pnpm detect events/', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vigil-cli-'));
  const out = path.join(dir, 'findings.ndjson');
  const rejects = path.join(dir, 'rejects.ndjson');
  let run: ReturnType<typeof cli>;
  let findings: DetectionFinding[];

  beforeAll(() => {
    run = cli(['--out', out, '--rejects', rejects, 'events/']);
    findings = ndjson<DetectionFinding>(readFileSync(out, 'utf8'));
  });

  it('exits 0 and prints a summary for a person', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /Vigil detect: \d+ file\(s\), [\d,]+ records → [\d,]+ events → \d+ finding\(s\)/,
    );
    expect(run.stdout).toMatch(/findings by severity: high \d+/);
    expect(run.stdout).toMatch(/ATT&CK techniques: .*T1562\.008 Disable or Modify Cloud Logs/);
    expect(run.stdout).toMatch(/top findings:\n {4}HIGH/);
  });

  it('finds the scenario detections, across all four sources', () => {
    const fired = new Set(findings.map((f) => f.finding_info.analytic.uid));
    for (const id of [
      'aws-cloudtrail-logging-disabled',
      'aws-security-group-admin-port-open',
      'aws-root-account-usage',
      'gcp-resource-made-public',
      'azure-privileged-role-assignment',
      'vpc-port-scan',
    ]) {
      expect(fired).toContain(id);
    }
    expect(new Set(findings.map((f) => f.cloud.provider))).toEqual(new Set(['AWS', 'Azure', 'GCP']));
    const sources = new Set(findings.flatMap((f) => f.finding_info.data_sources ?? []));
    expect(sources).toContain('CloudTrail');
    expect(sources).toContain('VPC Flow Logs');
    expect(sources).toContain('Cloud Audit Logs');
  });

  it('writes only valid OCSF Detection Findings whose related events name source events', async () => {
    const uids = await eventUids();
    for (const f of findings) {
      expect(validateFinding(f)).toMatchObject({ ok: true });
      expect(f.finding_info.related_events.length).toBeGreaterThan(0);
      for (const related of f.finding_info.related_events) expect(uids).toContain(related.uid);
    }
  });

  it('writes every reject with its file, position and reason', () => {
    const rows = ndjson<{ file: string; line?: number; offset?: number; reason: string }>(
      readFileSync(rejects, 'utf8'),
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.file).toMatch(/^events\//);
      expect(r.line ?? r.offset).toBeTypeOf('number');
      expect(r.reason.length).toBeGreaterThan(5);
    }
    expect(rows.every((r) => /malformed/.test(r.file))).toBe(true);
  });
});

describe('detect CLI behaviour', () => {
  it('writes findings to stdout when it is not a terminal, and the summary to stderr', () => {
    const r = cli(['events/scenarios']);
    expect(r.status).toBe(0);
    const findings = ndjson<DetectionFinding>(r.stdout);
    expect(findings.length).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/Vigil detect:/);
  });

  it('reads stdin for -', () => {
    const record = readFileSync(path.join(repo, 'events/scenarios/aws-stop-logging.json'), 'utf8');
    const r = cli(['--quiet', '-'], record);
    expect(r.status).toBe(0);
    expect(ndjson<DetectionFinding>(r.stdout).map((f) => f.finding_info.analytic.uid)).toContain(
      'aws-cloudtrail-logging-disabled',
    );
    expect(r.stderr).toBe('');
  });

  it.each([
    [['events/', 'no/such/file.json'], /^vigil: no\/such\/file\.json: no such file or directory\n/],
    [['--format', 'syslog', 'events/'], /^vigil: --format must be one of/],
    [['--bogus', 'events/'], /^vigil: .*--bogus/],
    [[], /^vigil: no input/],
  ])('exits 2 with a one-line reason for %j', (args, message) => {
    const r = cli(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('applies --suppressions before findings are emitted, and counts them', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vigil-supp-'));
    const file = path.join(dir, 'suppressions.yml');
    writeFileSync(
      file,
      'suppressions:\n  - id: trail-migration\n    reason: planned trail migration CHG-1234\n    rule: aws-cloudtrail-logging-disabled\n',
    );
    const r = cli(['--suppressions', file, 'events/scenarios/aws-stop-logging.json']);
    expect(r.status).toBe(0);
    expect(ndjson<DetectionFinding>(r.stdout).map((f) => f.finding_info.analytic.uid)).not.toContain(
      'aws-cloudtrail-logging-disabled',
    );
    expect(r.stderr).toMatch(/suppressed: +trail-migration \d+/);
  });

  it('loads extra --rules folders and names a broken rule file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vigil-rules-'));
    const base = readFileSync(
      path.join(repo, 'packages/rules/catalog/aws/aws-cloudtrail-logging-disabled.yml'),
      'utf8',
    );
    writeFileSync(
      path.join(dir, 'mine.yml'),
      base.replace('id: aws-cloudtrail-logging-disabled', 'id: my-trail-rule'),
    );
    const ok = cli(['--quiet', '--rules', dir, 'events/scenarios/aws-stop-logging.json']);
    expect(ok.status).toBe(0);
    expect(ndjson<DetectionFinding>(ok.stdout).map((f) => f.finding_info.analytic.uid)).toContain(
      'my-trail-rule',
    );
    writeFileSync(path.join(dir, 'broken.yml'), 'id: broken\ntitle: x\n');
    const bad = cli(['--rules', dir, 'events/scenarios/aws-stop-logging.json']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/broken.yml: /);
  });

  it('rejects records of another family when --format is forced', () => {
    const r = cli(['--format', 'gcp', '--quiet', 'events/scenarios/aws-stop-logging.json']);
    expect(r.status).toBe(0);
    expect(ndjson(r.stdout)).toEqual([]);
  });
});
