import { IntelConfigError } from '../errors.ts';
import { getJson } from '../http.ts';
import type { LookupResult, Provider } from '../types.ts';
import { type ClientOptions, clampScore, num, record, resolveClient, toOutcome } from './common.ts';

/**
 * IBM X-Force Exchange IP reputation (https://api.xforce.ibmcloud.com/doc/#IP_Reputation):
 * `GET /ipr/{ip}` with HTTP basic auth (API key and password); `score` 1-10 (higher is
 * riskier) and `cats` (category → confidence %).
 */
export const XFORCE_BASE_URL = 'https://api.xforce.ibmcloud.com/api';

export function parseXForce(body: unknown, ip: string): LookupResult {
  const b = record(body, 'body');
  const raw = num(b.score);
  const cats = b.cats && typeof b.cats === 'object' ? Object.keys(b.cats as object) : [];
  const score = clampScore(raw * 10);
  const details = { score: raw, categories: cats };
  const link = `https://exchange.xforce.ibmcloud.com/ip/${encodeURIComponent(ip)}`;
  const why = cats.length > 0 ? `X-Force risk ${raw}/10: ${cats.join(', ')}` : `X-Force risk ${raw}/10`;
  // X-Force labels 1 low, 4-6 medium-ish, 7+ high risk.
  if (raw >= 7) return { verdict: 'malicious', score, reason: why, details, link };
  if (raw >= 4) return { verdict: 'suspicious', score, reason: why, details, link };
  if (raw === 0) return { verdict: 'unknown', score: 0, reason: 'not scored by X-Force', details, link };
  return { verdict: 'harmless', score: 0, reason: why, details, link };
}

export function createXForce(opts: ClientOptions & { password: string }): Provider {
  const { base, policy } = resolveClient('xforce', opts, XFORCE_BASE_URL);
  if (typeof opts.password !== 'string' || opts.password === '')
    throw new IntelConfigError('xforce: the API password is required with the key');
  const auth = `Basic ${Buffer.from(`${opts.apiKey}:${opts.password}`).toString('base64')}`;
  return {
    name: 'xforce',
    supports: ['ipv4', 'ipv6'],
    async lookup(indicator, signal) {
      const outcome = await getJson(
        `${base}/ipr/${encodeURIComponent(indicator.value)}`,
        { authorization: auth },
        opts.http,
        policy,
        signal,
      );
      return toOutcome('xforce', outcome, (b) => parseXForce(b, indicator.value));
    },
  };
}
