import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSigmaDirectory } from './load-directory.ts';

function ruleText(id: string, title: string): string {
  return `title: ${title}
id: ${id}
logsource:
    product: gcp
    service: gcp.audit
detection:
    selection:
        gcp.audit.method_name: SetIamPolicy
    condition: selection
level: medium
`;
}

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function tree(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'vigil-sigma-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

describe('loadSigmaDirectory', () => {
  it('loads .yml and .yaml files recursively, reports bad ones by file and keeps going', async () => {
    // Prepare
    const dir = await tree({
      'a.yml': ruleText('11111111-1111-4111-8111-111111111111', 'A'),
      'nested/deeper/b.yaml': ruleText('22222222-2222-4222-8222-222222222222', 'B'),
      'nested/broken.yml': 'title: [',
      'nested/windows.yml': ruleText('33333333-3333-4333-8333-333333333333', 'C').replace(
        'product: gcp\n    service: gcp.audit',
        'product: windows\n    category: process_creation',
      ),
      'notes.md': '# not a rule',
      'tests/case.json': '{}',
    });
    // Act
    const { analytics, errors } = await loadSigmaDirectory(dir);
    // Assess
    expect(analytics.map((a) => a.info.name)).toEqual(['A', 'B']);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/nested\/broken\.yml: invalid YAML/);
    expect(errors[1]).toMatch(/nested\/windows\.yml: logsource: unsupported logsource/);
  });

  it('refuses a second file with an id already loaded', async () => {
    // Prepare
    const id = '44444444-4444-4444-8444-444444444444';
    const dir = await tree({ 'one.yml': ruleText(id, 'First'), 'two.yml': ruleText(id, 'Second') });
    // Act
    const { analytics, errors } = await loadSigmaDirectory(dir);
    // Assess
    expect(analytics.map((a) => a.info.name)).toEqual(['First']);
    expect(errors).toEqual([
      `${join(dir, 'two.yml')}: id: duplicate rule id ${id}, already used by ${join(dir, 'one.yml')}`,
    ]);
  });

  it('reports a directory it cannot read instead of throwing', async () => {
    // Act
    const { analytics, errors } = await loadSigmaDirectory('/nonexistent/vigil-sigma-rules');
    // Assess
    expect(analytics).toEqual([]);
    expect(errors[0]).toContain('/nonexistent/vigil-sigma-rules: cannot read the Sigma rules directory');
  });
});
