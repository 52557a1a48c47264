import { getJson } from '../http.ts';
import type { Indicator, LookupResult, Provider } from '../types.ts';
import { type ClientOptions, clampScore, num, record, resolveClient, toOutcome } from './common.ts';

/**
 * VirusTotal API v3 (https://docs.virustotal.com/reference/overview): `x-apikey` header;
 * objects under `data.attributes` with `last_analysis_stats` (engine votes) and `reputation`
 * (community score, negative is bad). A URL's id is its unpadded base64url.
 */
export const VIRUSTOTAL_BASE_URL = 'https://www.virustotal.com/api/v3';

function pathOf(indicator: Indicator): string {
  const v = encodeURIComponent(indicator.value);
  switch (indicator.type) {
    case 'ipv4':
    case 'ipv6':
      return `/ip_addresses/${v}`;
    case 'domain':
      return `/domains/${v}`;
    case 'url':
      return `/urls/${Buffer.from(indicator.value).toString('base64url')}`;
    case 'hash':
      return `/files/${v}`;
  }
}

const GUI: Record<Indicator['type'], string> = {
  ipv4: 'ip-address',
  ipv6: 'ip-address',
  domain: 'domain',
  url: 'url',
  hash: 'file',
};

export function parseVirusTotal(body: unknown, indicator: Indicator): LookupResult {
  const attrs = record(record(record(body, 'body').data, 'data').attributes, 'data.attributes');
  const stats = record(attrs.last_analysis_stats ?? {}, 'last_analysis_stats');
  const malicious = num(stats.malicious);
  const suspicious = num(stats.suspicious);
  const engines = Object.values(stats).reduce<number>((n, v) => n + num(v), 0);
  const reputation = num(attrs.reputation);
  const details = { malicious, suspicious, engines, reputation };
  const id = indicator.type === 'url' ? Buffer.from(indicator.value).toString('base64url') : indicator.value;
  const link = `https://www.virustotal.com/gui/${GUI[indicator.type]}/${encodeURIComponent(id)}`;
  // Two or more engines agreeing is VirusTotal's usual bar; one engine alone is often a false positive.
  if (malicious >= 2)
    return {
      verdict: 'malicious',
      score: clampScore(60 + 2 * malicious),
      reason: `${malicious}/${engines} engines flag it malicious`,
      details,
      link,
    };
  if (malicious === 1 || suspicious >= 2 || reputation < -10)
    return {
      verdict: 'suspicious',
      score: Math.min(59, 30 + 5 * (malicious + suspicious)),
      reason: `${malicious} malicious, ${suspicious} suspicious of ${engines} engines; reputation ${reputation}`,
      details,
      link,
    };
  if (engines === 0) return { verdict: 'unknown', score: 0, reason: 'not analysed yet', details, link };
  return { verdict: 'harmless', score: 0, reason: `0/${engines} engines flag it`, details, link };
}

export function createVirusTotal(opts: ClientOptions): Provider {
  const { base, policy } = resolveClient('virustotal', opts, VIRUSTOTAL_BASE_URL);
  return {
    name: 'virustotal',
    supports: ['ipv4', 'ipv6', 'domain', 'url', 'hash'],
    async lookup(indicator, signal) {
      const outcome = await getJson(
        `${base}${pathOf(indicator)}`,
        { 'x-apikey': opts.apiKey },
        opts.http,
        policy,
        signal,
      );
      return toOutcome('virustotal', outcome, (b) => parseVirusTotal(b, indicator));
    },
  };
}
