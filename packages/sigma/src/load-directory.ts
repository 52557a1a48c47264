import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Analytic } from '@vigil/detect';
import { compileSigmaRule } from './compile-rule.ts';
import { parseSigmaRule } from './parse-rule.ts';

export interface SigmaDirectory {
  analytics: Analytic[];
  /** One line per file that did not load, naming the file and what was wrong. */
  errors: string[];
}

const RULE_FILE = /\.ya?ml$/i;

/**
 * Loads every `*.yml`/`*.yaml` under `dir` (recursively, in path order). A bad file is
 * reported in `errors` and skipped; the others still load. Two files with one rule id are an
 * error for the second, since the id is the analytic's identity.
 */
export async function loadSigmaDirectory(dir: string): Promise<SigmaDirectory> {
  let entries: string[];
  try {
    entries = await readdir(dir, { recursive: true });
  } catch (error) {
    return {
      analytics: [],
      errors: [`${dir}: cannot read the Sigma rules directory: ${(error as Error).message}`],
    };
  }
  const files = entries.filter((e) => RULE_FILE.test(e)).sort();
  const analytics: Analytic[] = [];
  const errors: string[] = [];
  const seen = new Map<string, string>();
  for (const entry of files) {
    const file = join(dir, entry);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      errors.push(`${file}: cannot read: ${(error as Error).message}`);
      continue;
    }
    const parsed = parseSigmaRule(text, file);
    if (!parsed.ok) {
      errors.push(parsed.error);
      continue;
    }
    const first = seen.get(parsed.rule.id);
    if (first) {
      errors.push(`${file}: id: duplicate rule id ${parsed.rule.id}, already used by ${first}`);
      continue;
    }
    seen.set(parsed.rule.id, file);
    analytics.push(compileSigmaRule(parsed.rule));
  }
  return { analytics, errors };
}
