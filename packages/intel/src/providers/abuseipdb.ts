import { getJson } from '../http.ts';
import type { LookupResult, Provider } from '../types.ts';
import { type ClientOptions, clampScore, num, record, resolveClient, toOutcome } from './common.ts';

/**
 * AbuseIPDB API v2 `check` (https://docs.abuseipdb.com/#check-endpoint): `Key` header,
 * `ipAddress` and `maxAgeInDays` query; `data.abuseConfidenceScore` 0-100, `totalReports`,
 * `isTor`, `isWhitelisted`. Errors come as `{"errors":[{"detail","status"}]}`.
 */
export const ABUSEIPDB_BASE_URL = 'https://api.abuseipdb.com/api/v2';

export function parseAbuseIpdb(body: unknown): LookupResult {
  const data = record(record(body, 'body').data, 'data');
  const score = clampScore(num(data.abuseConfidenceScore));
  const reports = num(data.totalReports);
  const details = {
    abuseConfidenceScore: score,
    totalReports: reports,
    isTor: data.isTor === true,
    ...(typeof data.usageType === 'string' ? { usageType: data.usageType } : {}),
    ...(typeof data.countryCode === 'string' ? { countryCode: data.countryCode } : {}),
  };
  const link = `https://www.abuseipdb.com/check/${encodeURIComponent(String(data.ipAddress ?? ''))}`;
  if (data.isWhitelisted === true)
    return { verdict: 'harmless', score: 0, reason: 'whitelisted by AbuseIPDB', details, link };
  // AbuseIPDB suggests blocking at 75-100; 25+ with reports is worth an analyst's look.
  if (score >= 75)
    return {
      verdict: 'malicious',
      score,
      reason: `abuse confidence ${score}% over ${reports} reports`,
      details,
      link,
    };
  if (score >= 25 || data.isTor === true)
    return {
      verdict: 'suspicious',
      score: Math.max(score, 30),
      reason: `abuse confidence ${score}%${data.isTor === true ? ', Tor exit' : ''}`,
      details,
      link,
    };
  if (reports === 0) return { verdict: 'unknown', score: 0, reason: 'no reports', details, link };
  return {
    verdict: 'harmless',
    score: 0,
    reason: `abuse confidence ${score}% over ${reports} reports`,
    details,
    link,
  };
}

export function createAbuseIpdb(opts: ClientOptions & { maxAgeInDays?: number }): Provider {
  const { base, policy } = resolveClient('abuseipdb', opts, ABUSEIPDB_BASE_URL);
  const maxAge = opts.maxAgeInDays ?? 90;
  return {
    name: 'abuseipdb',
    supports: ['ipv4', 'ipv6'],
    async lookup(indicator, signal) {
      const query = new URLSearchParams({ ipAddress: indicator.value, maxAgeInDays: String(maxAge) });
      const outcome = await getJson(
        `${base}/check?${query}`,
        { Key: opts.apiKey },
        opts.http,
        policy,
        signal,
      );
      return toOutcome('abuseipdb', outcome, parseAbuseIpdb);
    },
  };
}
