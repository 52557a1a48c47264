import { getJson } from '../http.ts';
import type { Indicator, LookupResult, Provider } from '../types.ts';
import { type ClientOptions, clampScore, num, record, resolveClient, toOutcome } from './common.ts';

/**
 * AlienVault OTX DirectConnect API v1 (https://otx.alienvault.com/api): `X-OTX-API-KEY`
 * header; `/api/v1/indicators/{IPv4|IPv6|domain|hostname|file}/{value}/general` with
 * `pulse_info.count` (community pulses naming it) and `validation` (allow-list hits).
 */
export const OTX_BASE_URL = 'https://otx.alienvault.com/api/v1';

function section(indicator: Indicator): string {
  switch (indicator.type) {
    case 'ipv4':
      return 'IPv4';
    case 'ipv6':
      return 'IPv6';
    case 'domain':
      // A name with more than two labels is a host in OTX's model; its domain section is the registered name.
      return indicator.value.split('.').length > 2 ? 'hostname' : 'domain';
    case 'hash':
      return 'file';
    case 'url':
      return 'url';
  }
}

export function parseOtx(body: unknown, indicator: Indicator): LookupResult {
  const b = record(body, 'body');
  const pulses = num(record(b.pulse_info ?? {}, 'pulse_info').count);
  const validation = Array.isArray(b.validation) ? b.validation.length : 0;
  const details = { pulses, validation };
  const link = `https://otx.alienvault.com/indicator/${section(indicator).toLowerCase()}/${encodeURIComponent(indicator.value)}`;
  if (validation > 0) return { verdict: 'harmless', score: 0, reason: 'on an OTX allow-list', details, link };
  if (pulses >= 3)
    return {
      verdict: 'malicious',
      score: clampScore(60 + 4 * pulses),
      reason: `in ${pulses} OTX pulses`,
      details,
      link,
    };
  if (pulses > 0)
    return { verdict: 'suspicious', score: 40, reason: `in ${pulses} OTX pulse(s)`, details, link };
  return { verdict: 'unknown', score: 0, reason: 'in no OTX pulse', details, link };
}

export function createOtx(opts: ClientOptions): Provider {
  const { base, policy } = resolveClient('otx', opts, OTX_BASE_URL);
  return {
    name: 'otx',
    supports: ['ipv4', 'ipv6', 'domain', 'hash'],
    async lookup(indicator, signal) {
      const url = `${base}/indicators/${section(indicator)}/${encodeURIComponent(indicator.value)}/general`;
      const outcome = await getJson(url, { 'X-OTX-API-KEY': opts.apiKey }, opts.http, policy, signal);
      return toOutcome('otx', outcome, (b) => parseOtx(b, indicator));
    },
  };
}
