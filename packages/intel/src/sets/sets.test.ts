import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedParseError } from '../errors.ts';
import type { FetchLike } from '../http.ts';
import { type FeedServer, startFeedServer } from '../testing/feed-server.ts';
import { SET_DEFINITIONS } from './definitions.ts';
import { parseLines, parseSpamhausDrop, parseThreatFoxCsv } from './parsers.ts';
import { refreshSets } from './refresh.ts';
import { formatSetFile, loadSetDirectory, loadSets, parseSetFile, setsFromTexts } from './set-file.ts';

/** Bodies in each feed's published format (header comments as the feeds print them). */
const TOR = `${Array.from({ length: 120 }, (_, i) => `185.220.${100 + Math.floor(i / 100)}.${i % 100}`).join('\n')}\n`;
const FEODO = `################################################################
# abuse.ch Feodo Tracker Botnet C2 IP Blocklist                #
# Last updated: 2026-11-21 12:00:00 UTC                        #
################################################################
#
192.0.2.21
192.0.2.22
# END 2 entries
`;
const THREATFOX = `################################################################
# ThreatFox IOCs: ip:port                                      #
################################################################
#
# "first_seen_utc","ioc_id","ioc_value","ioc_type","threat_type","fk_malware","malware_alias","malware_printable","last_seen_utc","confidence_level","reference","tags","anonymous","reporter"
"2026-11-21 10:00:00", "1500001", "192.0.2.10:443", "ip:port", "botnet_cc", "win.cobalt_strike", "Agentemis", "Cobalt Strike", "", "100", "", "CobaltStrike", "0", "abuse_ch"
"2026-11-21 10:05:00", "1500002", "192.0.2.11:8080", "ip:port", "botnet_cc", "win.asyncrat", "", "AsyncRAT", "", "75", "None", "AsyncRAT", "0", "abuse_ch"
`;
const DROP = `${Array.from({ length: 110 }, (_, i) => JSON.stringify({ cidr: `1.${10 + i}.16.0/20`, sblid: `SBL${256894 + i}`, rir: 'apnic' })).join('\n')}
{"type":"metadata","timestamp":1763700000,"size":1234,"records":110,"copyright":"(c) 2026 The Spamhaus Project SLU","terms":"https://www.spamhaus.org/drop/terms/"}
`;

describe('feed parsers', () => {
  it('reads one entry a line, skipping comments', () => {
    expect(parseLines(FEODO, 'feodo')).toEqual(['192.0.2.21', '192.0.2.22']);
  });

  it('reads the ThreatFox ip:port CSV export', () => {
    expect(parseThreatFoxCsv(THREATFOX, 'threatfox')).toEqual(['192.0.2.10', '192.0.2.11']);
  });

  it('reads Spamhaus DROP in its JSON-lines and older text forms', () => {
    expect(parseSpamhausDrop(DROP, 'drop')).toHaveLength(110);
    expect(
      parseSpamhausDrop(
        '; Spamhaus DROP List\n1.10.16.0/20 ; SBL256894\n1.19.0.0/16 ; SBL434604\n',
        'drop.txt',
      ),
    ).toEqual(['1.10.16.0/20', '1.19.0.0/16']);
  });

  it('names the feed and line of a bad entry (an HTML error page is not a feed)', () => {
    expect(() => parseLines('1.2.3.4\n<html>oops</html>\n', 'https://feodo')).toThrow(FeedParseError);
    expect(() => parseLines('1.2.3.4\n<html>oops</html>\n', 'https://feodo')).toThrow('https://feodo:2');
    expect(() => parseSpamhausDrop('{"cidr":"nope"}', 'drop')).toThrow('drop:1');
  });
});

describe('set files', () => {
  it('round-trips through the stored form with its header', () => {
    const text = formatSetFile(
      { name: 'tor_exit', source: 'https://x', fetched: '2026-11-22T00:00:00.000Z' },
      ['1.2.3.4', '5.6.7.0/24'],
    );
    expect(parseSetFile(text, 'tor_exit.txt')).toEqual({
      meta: { name: 'tor_exit', source: 'https://x', fetched: '2026-11-22T00:00:00.000Z' },
      entries: ['1.2.3.4', '5.6.7.0/24'],
    });
    expect(setsFromTexts({ 'tor_exit.txt': text }).get('tor_exit')?.contains('5.6.7.200')).toBe(true);
  });

  it('rejects a file whose entry count disagrees with its header (a truncated write)', () => {
    expect(() => parseSetFile('# set: x\n# entries: 3\n1.2.3.4\n', 'x.txt')).toThrow(
      /header says 3 entries, file has 1/,
    );
  });

  it('loads the shipped snapshot: every set, dated and sourced', async () => {
    const sets = await loadSetDirectory();
    expect([...sets.keys()].sort()).toEqual(SET_DEFINITIONS.map((d) => d.name).sort());
    expect(sets.get('tor_exit')?.contains('185.220.101.1')).toBe(true);
    expect(sets.get('spamhaus_drop')?.contains('1.10.20.1')).toBe(true);
    expect(sets.get('mining_pool')?.contains('xmr-eu1.nanopool.org')).toBe(true);
    expect(sets.get('tor_exit')?.contains('8.8.8.8')).toBe(false);
  });
});

describe('loadSets', () => {
  it('takes each set from the reader and falls back to the snapshot for a missing or broken one', async () => {
    const objects: Record<string, string> = {
      tor_exit: formatSetFile({ name: 'tor_exit', source: 's3', fetched: 'today' }, ['9.9.9.0/24']),
      feodo_c2: '# set: feodo_c2\n<html>',
    };
    const { sets, sources, problems } = await loadSets(async (name) => objects[name]);
    expect(sets.get('tor_exit')?.contains('9.9.9.9')).toBe(true);
    expect(sets.get('tor_exit')?.contains('185.220.101.1')).toBe(false);
    expect(sources).toMatchObject({ tor_exit: 'primary', feodo_c2: 'fallback', spamhaus_drop: 'fallback' });
    expect(sets.get('feodo_c2')?.contains('192.0.2.201')).toBe(true);
    expect(problems).toContainEqual({
      set: 'feodo_c2',
      error: 'FeedParseError',
      reason: expect.stringMatching(/^feodo_c2: .*<html>.*using the bundled snapshot$/),
    });
    expect(problems).toContainEqual({
      set: 'spamhaus_drop',
      error: 'NotFound',
      reason: 'spamhaus_drop: not found, using the bundled snapshot',
    });
  });
});

describe('refreshSets', () => {
  let feeds: FeedServer;
  beforeAll(async () => {
    feeds = await startFeedServer({
      '/tor': [200, TOR],
      '/feodo': [200, FEODO],
      '/threatfox': [200, THREATFOX],
      '/drop': [200, DROP],
      '/drop-truncated': [200, DROP.split('\n').slice(0, 5).join('\n')],
      '/down': [503, 'Service Unavailable'],
    });
  });
  afterAll(() => feeds.stop());

  it('downloads, parses and writes every feed; curated lists are kept', async () => {
    const written: Record<string, string> = {};
    const reports = await refreshSets({
      fetch: globalThis.fetch as FetchLike,
      clock: () => Date.UTC(2026, 10, 22, 3),
      urls: {
        tor_exit: feeds.url('/tor'),
        feodo_c2: feeds.url('/feodo'),
        threatfox_ip: feeds.url('/threatfox'),
        spamhaus_drop: feeds.url('/drop'),
      },
      write: async (name, text) => {
        written[name] = text;
      },
    });
    expect(reports).toEqual([
      { name: 'tor_exit', status: 'updated', entries: 120 },
      { name: 'feodo_c2', status: 'updated', entries: 2 },
      { name: 'threatfox_ip', status: 'updated', entries: 2 },
      { name: 'spamhaus_drop', status: 'updated', entries: 110 },
      { name: 'mining_pool', status: 'kept', reason: 'curated list, no feed' },
    ]);
    const sets = setsFromTexts(written);
    expect(sets.get('threatfox_ip')?.contains('192.0.2.10')).toBe(true);
    expect(parseSetFile(written.tor_exit as string, 'tor').meta.fetched).toBe('2026-11-22T03:00:00.000Z');
  });

  it('keeps the previous set when a feed is down or comes back implausibly short', async () => {
    const written: string[] = [];
    const reports = await refreshSets({
      fetch: globalThis.fetch as FetchLike,
      clock: () => 0,
      definitions: SET_DEFINITIONS.filter((d) => d.name === 'tor_exit' || d.name === 'spamhaus_drop'),
      urls: { tor_exit: feeds.url('/down'), spamhaus_drop: feeds.url('/drop-truncated') },
      write: async (name) => {
        written.push(name);
      },
    });
    expect(written).toEqual([]);
    expect(reports[0]).toMatchObject({
      name: 'tor_exit',
      status: 'failed',
      reason: expect.stringContaining('HTTP 503'),
    });
    expect(reports[1]).toMatchObject({
      name: 'spamhaus_drop',
      status: 'failed',
      reason: expect.stringContaining('fewer than the 100'),
    });
  });
});
