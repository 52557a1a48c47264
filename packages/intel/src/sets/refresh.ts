import type { FetchLike } from '../http.ts';
import { SET_DEFINITIONS, type SetDefinition } from './definitions.ts';
import { parseFeed } from './parsers.ts';
import { formatSetFile } from './set-file.ts';

export interface RefreshOptions {
  fetch: FetchLike;
  clock: () => number;
  /** Stores a set's new text (a file locally, an S3 object in the cloud). */
  write: (name: string, text: string) => Promise<void>;
  /** Feed URL overrides by set name (mirrors, tests). */
  urls?: Readonly<Record<string, string>>;
  definitions?: readonly SetDefinition[];
  timeoutMs?: number;
}

export interface RefreshReport {
  name: string;
  status: 'updated' | 'kept' | 'failed';
  entries?: number;
  reason?: string;
}

/**
 * Downloads every feed, parses it and writes the new set. A feed that fails, or yields fewer
 * entries than its floor (a truncated download, an error page), keeps the previous set: stale
 * intelligence beats none.
 */
export async function refreshSets(opts: RefreshOptions): Promise<RefreshReport[]> {
  const reports: RefreshReport[] = [];
  for (const def of opts.definitions ?? SET_DEFINITIONS) {
    const url = opts.urls?.[def.name] ?? def.feed?.url;
    if (!url || !def.feed) {
      reports.push({ name: def.name, status: 'kept', reason: 'curated list, no feed' });
      continue;
    }
    try {
      const res = await opts.fetch(url, {
        method: 'GET',
        headers: { accept: 'text/plain, application/json, text/csv' },
        signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
      });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
      const entries = [...new Set(parseFeed(text, def.feed.format, url))];
      if (entries.length < def.minEntries)
        throw new Error(`${entries.length} entries, fewer than the ${def.minEntries} a healthy feed has`);
      await opts.write(
        def.name,
        formatSetFile(
          { name: def.name, source: url, fetched: new Date(opts.clock()).toISOString() },
          entries,
        ),
      );
      reports.push({ name: def.name, status: 'updated', entries: entries.length });
    } catch (error) {
      reports.push({ name: def.name, status: 'failed', reason: `${url}: ${(error as Error).message}` });
    }
  }
  return reports;
}
