import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FeedServer, startFeedServer } from '../testing/feed-server.ts';
import { parseSetFile } from './set-file.ts';

const main = path.resolve(import.meta.dirname, '../main.ts');

/** Runs the command as `pnpm intel` does, asynchronously so this process can serve the feeds. */
function intel(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', main, ...args], { encoding: 'utf8' } as never);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += String(c);
    });
    child.stderr.on('data', (c) => {
      stderr += String(c);
    });
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('pnpm intel refresh', () => {
  let feeds: FeedServer;
  beforeAll(async () => {
    feeds = await startFeedServer({
      '/tor': [200, `${Array.from({ length: 150 }, (_, i) => `185.220.101.${i}`).join('\n')}\n`],
      '/feodo': [200, '# Feodo Tracker\n192.0.2.21\n'],
      '/threatfox': [
        200,
        '# ThreatFox\n"2026-11-21 10:00:00", "1", "192.0.2.10:443", "ip:port", "botnet_cc", "x", "", "X", "", "100", "", "", "0", "abuse_ch"\n',
      ],
      '/drop': [503, 'down'],
    });
  });
  afterAll(() => feeds.stop());

  it('writes the feeds it could read, keeps the rest, and says which with exit status 1', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'vigil-sets-'));
    const run = await intel([
      'refresh',
      '--out',
      out,
      '--feed',
      `tor_exit=${feeds.url('/tor')}`,
      '--feed',
      `feodo_c2=${feeds.url('/feodo')}`,
      '--feed',
      `threatfox_ip=${feeds.url('/threatfox')}`,
      '--feed',
      `spamhaus_drop=${feeds.url('/drop')}`,
    ]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/tor_exit\s+updated\s+150 entries/);
    expect(run.stdout).toMatch(/spamhaus_drop\s+failed\s+.*HTTP 503/);
    expect(parseSetFile(readFileSync(path.join(out, 'feodo_c2.txt'), 'utf8'), 'feodo').entries).toEqual([
      '192.0.2.21',
    ]);
  });

  it('rejects an unknown command with usage and status 2', async () => {
    const run = await intel(['update']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Usage: pnpm intel refresh');
  });
});
