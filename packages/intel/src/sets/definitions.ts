/**
 * The offline sets: what each means, how bad a match is, and where its feed lives. Names are
 * what rules write after `inSet:` (snake_case, stable).
 */
export type FeedFormat = 'lines' | 'spamhaus-drop' | 'threatfox-csv';

export interface SetDefinition {
  name: string;
  title: string;
  verdict: 'malicious' | 'suspicious';
  score: number;
  /** Public feed the refresh reads; absent for curated lists only the repository updates. */
  feed?: { url: string; format: FeedFormat };
  attribution: string;
  /** A refresh yielding fewer entries than this is treated as a broken download, not news. */
  minEntries: number;
}

export const SET_DEFINITIONS: readonly SetDefinition[] = [
  {
    name: 'tor_exit',
    title: 'Tor exit node',
    verdict: 'suspicious',
    score: 50,
    feed: { url: 'https://check.torproject.org/torbulkexitlist', format: 'lines' },
    attribution: 'The Tor Project, TorDNSEL bulk exit list',
    minEntries: 100,
  },
  {
    name: 'feodo_c2',
    title: 'Botnet C2 server (abuse.ch Feodo Tracker)',
    verdict: 'malicious',
    score: 90,
    feed: { url: 'https://feodotracker.abuse.ch/downloads/ipblocklist.txt', format: 'lines' },
    attribution: 'abuse.ch Feodo Tracker, CC0',
    minEntries: 1,
  },
  {
    name: 'threatfox_ip',
    title: 'Malware infrastructure (abuse.ch ThreatFox)',
    verdict: 'malicious',
    score: 80,
    feed: { url: 'https://threatfox.abuse.ch/export/csv/ip-port/recent/', format: 'threatfox-csv' },
    attribution: 'abuse.ch ThreatFox, CC0',
    minEntries: 1,
  },
  {
    name: 'spamhaus_drop',
    title: 'Hijacked or criminal netblock (Spamhaus DROP)',
    verdict: 'malicious',
    score: 80,
    feed: { url: 'https://www.spamhaus.org/drop/drop_v4.json', format: 'spamhaus-drop' },
    attribution: 'The Spamhaus Project, DROP list (free for non-commercial and limited commercial use)',
    minEntries: 100,
  },
  {
    name: 'mining_pool',
    title: 'Cryptocurrency mining pool',
    verdict: 'suspicious',
    score: 60,
    attribution: "Vigil's curated list of public mining pools, from the pools' own connection pages",
    minEntries: 1,
  },
];

export function setDefinition(name: string): SetDefinition | undefined {
  return SET_DEFINITIONS.find((d) => d.name === name);
}
