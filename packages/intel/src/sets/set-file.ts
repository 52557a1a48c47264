import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FeedParseError } from '../errors.ts';
import { IpSet } from '../ip-set.ts';
import { SET_DEFINITIONS } from './definitions.ts';
import { parseLines } from './parsers.ts';

/** Header of a stored set: where its entries came from and when. */
export interface SetFileMeta {
  name: string;
  source: string;
  fetched: string;
  note?: string;
}

/** Sets Vigil ships, as loaded: one matcher per name. */
export type NamedSets = ReadonlyMap<string, IpSet>;

/** Vigil's own stored form: `# key: value` header lines, then one entry per line. */
export function formatSetFile(meta: SetFileMeta, entries: readonly string[]): string {
  const head = [
    `# set: ${meta.name}`,
    `# source: ${meta.source}`,
    `# fetched: ${meta.fetched}`,
    ...(meta.note ? [`# note: ${meta.note}`] : []),
    `# entries: ${entries.length}`,
  ];
  return `${[...head, ...entries].join('\n')}\n`;
}

export function parseSetFile(text: string, file: string): { meta: SetFileMeta; entries: string[] } {
  const header = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^#\s*([a-z]+):\s*(.*)$/.exec(line);
    if (m) header.set(m[1] as string, (m[2] as string).trim());
    else if (line.trim() !== '' && !line.startsWith('#')) break;
  }
  const name = header.get('set');
  if (!name) throw new FeedParseError(`${file}: missing "# set: <name>" header`);
  const entries = parseLines(text, file);
  const declared = header.get('entries');
  if (declared !== undefined && Number(declared) !== entries.length)
    throw new FeedParseError(`${file}: header says ${declared} entries, file has ${entries.length}`);
  return {
    meta: {
      name,
      source: header.get('source') ?? 'unknown',
      fetched: header.get('fetched') ?? 'unknown',
      ...(header.get('note') ? { note: header.get('note') as string } : {}),
    },
    entries,
  };
}

/** Builds matchers from stored set texts (from S3 in the cloud, from disk locally). */
export function setsFromTexts(texts: Readonly<Record<string, string>>): Map<string, IpSet> {
  const sets = new Map<string, IpSet>();
  for (const [file, text] of Object.entries(texts)) {
    const { meta, entries } = parseSetFile(text, file);
    sets.set(meta.name, new IpSet(meta.name, entries));
  }
  return sets;
}

/** The dated sample snapshot shipped in the repository (`packages/intel/sets/`). */
export const SNAPSHOT_DIR = path.resolve(import.meta.dirname, '../../sets');

/** Reads `<dir>/<name>.txt` for every known set; a missing file is an error naming it. */
export async function loadSetDirectory(dir: string = SNAPSHOT_DIR): Promise<Map<string, IpSet>> {
  const texts: Record<string, string> = {};
  for (const def of SET_DEFINITIONS) {
    const file = path.join(dir, `${def.name}.txt`);
    try {
      texts[file] = await fs.readFile(file, 'utf8');
    } catch (error) {
      throw new FeedParseError(
        `set ${def.name}: cannot read ${file}: ${(error as NodeJS.ErrnoException).code}`,
        { cause: error },
      );
    }
  }
  return setsFromTexts(texts);
}

/**
 * Why a set came from the fallback: `error` is the class of what failed (`NotFound` when `read`
 * had no object) and safe to log anywhere; `reason` is the full message, which may quote the object.
 */
export interface SetProblem {
  set: string;
  error: string;
  reason: string;
}

/**
 * Loads every known set through `read(name)` (an S3 GetObject of `<prefix><name>.txt` in the
 * cloud); a set `read` cannot supply comes from `fallbackDir`, the snapshot bundled with the code,
 * so a missing or broken object costs freshness, never the set. Reports where each came from.
 */
export async function loadSets(
  read: (name: string) => Promise<string | undefined>,
  fallbackDir: string = SNAPSHOT_DIR,
): Promise<{
  sets: Map<string, IpSet>;
  sources: Record<string, 'primary' | 'fallback'>;
  problems: SetProblem[];
}> {
  const sets = new Map<string, IpSet>();
  const sources: Record<string, 'primary' | 'fallback'> = {};
  const problems: SetProblem[] = [];
  for (const def of SET_DEFINITIONS) {
    try {
      const text = await read(def.name);
      if (text !== undefined) {
        const { meta, entries } = parseSetFile(text, def.name);
        if (meta.name !== def.name) throw new FeedParseError(`${def.name}: file says it is set ${meta.name}`);
        sets.set(def.name, new IpSet(def.name, entries));
        sources[def.name] = 'primary';
        continue;
      }
      problems.push({
        set: def.name,
        error: 'NotFound',
        reason: `${def.name}: not found, using the bundled snapshot`,
      });
    } catch (error) {
      problems.push({
        set: def.name,
        error: (error as Error).name,
        reason: `${def.name}: ${(error as Error).message}; using the bundled snapshot`,
      });
    }
    const file = path.join(fallbackDir, `${def.name}.txt`);
    const { entries } = parseSetFile(await fs.readFile(file, 'utf8'), file);
    sets.set(def.name, new IpSet(def.name, entries));
    sources[def.name] = 'fallback';
  }
  return { sets, sources, problems };
}
