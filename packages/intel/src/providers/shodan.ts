import { getJson } from '../http.ts';
import type { LookupResult, Provider } from '../types.ts';
import { type ClientOptions, num, record, resolveClient, toOutcome } from './common.ts';

/**
 * Shodan host lookup (https://developer.shodan.io/api): `GET /shodan/host/{ip}?key=` with
 * `ports`, `vulns` and `tags`; 404 `{"error":"No information available for that IP."}`.
 * Shodan describes exposure, not guilt: a `malware`/`c2` tag or many known vulns makes an
 * address suspicious, nothing here alone makes it malicious.
 */
export const SHODAN_BASE_URL = 'https://api.shodan.io';

const BAD_TAGS = new Set(['c2', 'malware', 'compromised', 'honeypot', 'tor', 'scanner']);

export function parseShodan(body: unknown, ip: string): LookupResult {
  const b = record(body, 'body');
  const ports = Array.isArray(b.ports) ? b.ports.filter((p): p is number => typeof p === 'number') : [];
  const vulnList = Array.isArray(b.vulns)
    ? b.vulns
    : b.vulns && typeof b.vulns === 'object'
      ? Object.keys(b.vulns)
      : [];
  const tags = Array.isArray(b.tags) ? b.tags.filter((t): t is string => typeof t === 'string') : [];
  const details = {
    ports: ports.slice(0, 20),
    vulns: vulnList.length,
    tags,
    ...(typeof b.org === 'string' ? { org: b.org } : {}),
  };
  const link = `https://www.shodan.io/host/${encodeURIComponent(ip)}`;
  const bad = tags.filter((t) => BAD_TAGS.has(t.toLowerCase()));
  if (bad.length > 0 || vulnList.length >= 10)
    return {
      verdict: 'suspicious',
      score: Math.min(59, 30 + 5 * bad.length + num(vulnList.length)),
      reason:
        bad.length > 0 ? `tagged ${bad.join(', ')}` : `${vulnList.length} known vulnerabilities exposed`,
      details,
      link,
    };
  return {
    verdict: 'harmless',
    score: 0,
    reason: `${ports.length} open port(s), no threat tags`,
    details,
    link,
  };
}

export function createShodan(opts: ClientOptions): Provider {
  const { base, policy } = resolveClient('shodan', opts, SHODAN_BASE_URL);
  return {
    name: 'shodan',
    supports: ['ipv4', 'ipv6'],
    async lookup(indicator, signal) {
      const query = new URLSearchParams({ key: opts.apiKey, minify: 'true' });
      const url = `${base}/shodan/host/${encodeURIComponent(indicator.value)}?${query}`;
      const outcome = await getJson(url, {}, opts.http, policy, signal);
      return toOutcome('shodan', outcome, (b) => parseShodan(b, indicator.value));
    },
  };
}
