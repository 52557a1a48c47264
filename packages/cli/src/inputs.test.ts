import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from './errors.ts';
import { resolveInputs } from './inputs.ts';

function tree(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'vigil-inputs-'));
  mkdirSync(path.join(dir, 'b'));
  writeFileSync(path.join(dir, 'b', 'two.ndjson'), '{}\n');
  writeFileSync(path.join(dir, 'a.json'), '{}');
  writeFileSync(path.join(dir, 'README.md'), '# doc');
  writeFileSync(path.join(dir, '.hidden.json'), '{}');
  return dir;
}

describe('resolveInputs', () => {
  it('walks directories in name order, skipping docs and dotfiles', async () => {
    const dir = tree();
    const files = await resolveInputs([dir]);
    expect(files.map((f) => path.relative(dir, f.path))).toEqual(['a.json', path.join('b', 'two.ndjson')]);
    expect(files[0]!.size).toBe(2);
  });

  it('keeps stdin as -', async () => {
    expect(await resolveInputs(['-'])).toEqual([{ path: '-' }]);
  });

  it('names a missing path and the reason', async () => {
    await expect(resolveInputs(['/nonexistent/vigil.json'])).rejects.toThrow(
      new InputError('/nonexistent/vigil.json', 'no such file or directory'),
    );
  });

  it('names a path whose parent is a file', async () => {
    const dir = tree();
    await expect(resolveInputs([path.join(dir, 'a.json', 'x.json')])).rejects.toThrow(
      /a path component is not a directory/,
    );
  });
});
