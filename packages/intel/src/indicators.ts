import type { DetectionFinding } from '@vigil/schema';
import { canonicalIp, isPublicIp, parseIpv4 } from './ip.ts';
import type { Indicator } from './types.ts';

/** An indicator and where in the finding it was found (the OCSF enrichment's `name`). */
export interface FoundIndicator {
  indicator: Indicator;
  /** Attribute path, e.g. `evidences.src_endpoint.ip`. */
  name: string;
  /** False for private and reserved addresses: matched against local sets, never sent out. */
  shareable: boolean;
}

/**
 * Cloud providers' own service names appear as endpoints in audit logs (CloudTrail's
 * `sourceIPAddress: ec2.amazonaws.com`); asking a reputation service about them wastes quota.
 */
const CLOUD_SERVICE_SUFFIXES = [
  'amazonaws.com',
  'aws.internal',
  'googleapis.com',
  'google.com',
  'gserviceaccount.com',
  'azure.com',
  'windows.net',
  'microsoft.com',
  'microsoftonline.com',
  'internal',
  'local',
];

const DOMAIN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const HASH = /^(?:[a-f0-9]{32}|[a-f0-9]{40}|[a-f0-9]{64})$/;
const HASH_KEY = /(?:^|_|\b)(?:hash|sha256|sha1|md5|file_hash)s?$/i;
const URL_KEY = /(?:url|uri)s?$/i;
/** Nested request data is searched this deep, no deeper: big payloads must not cost much. */
const MAX_DEPTH = 4;

function isCloudService(domain: string): boolean {
  return CLOUD_SERVICE_SUFFIXES.some((s) => domain === s || domain.endsWith(`.${s}`));
}

export function ipIndicator(text: string): Indicator | undefined {
  const canonical = canonicalIp(text.trim());
  if (!canonical) return undefined;
  return { type: parseIpv4(canonical) !== undefined ? 'ipv4' : 'ipv6', value: canonical };
}

function domainIndicator(text: string): Indicator | undefined {
  const d = text.trim().toLowerCase().replace(/\.$/, '');
  return DOMAIN.test(d) && !isCloudService(d) ? { type: 'domain', value: d } : undefined;
}

function urlIndicator(text: string): Indicator | undefined {
  if (!/^https?:\/\//i.test(text)) return undefined;
  try {
    const u = new URL(text);
    const host = u.hostname.toLowerCase();
    if (isCloudService(host)) return undefined;
    const ip = ipIndicator(host.replace(/^\[|\]$/g, ''));
    if (ip && !isPublicIp(ip.value)) return undefined;
    return { type: 'url', value: u.toString() };
  } catch {
    return undefined;
  }
}

/** Every indicator in a finding's evidences and observables, once per (name, value). */
export function findingIndicators(finding: DetectionFinding): FoundIndicator[] {
  const found = new Map<string, FoundIndicator>();
  const add = (indicator: Indicator | undefined, name: string) => {
    if (!indicator) return;
    const key = `${name}|${indicator.type}:${indicator.value}`;
    if (found.has(key)) return;
    const shareable =
      indicator.type === 'ipv4' || indicator.type === 'ipv6' ? isPublicIp(indicator.value) : true;
    found.set(key, { indicator, name, shareable });
  };
  for (const e of finding.evidences) {
    for (const side of ['src_endpoint', 'dst_endpoint'] as const) {
      const ep = e[side];
      if (!ep) continue;
      if (ep.ip) add(ipIndicator(ep.ip), `evidences.${side}.ip`);
      if (ep.domain) add(ipIndicator(ep.domain) ?? domainIndicator(ep.domain), `evidences.${side}.domain`);
      if (ep.hostname)
        add(ipIndicator(ep.hostname) ?? domainIndicator(ep.hostname), `evidences.${side}.hostname`);
    }
    if (e.api?.request?.data) scan(e.api.request.data, 'evidences.api.request.data', 0, add);
    if (e.data) scan(e.data, 'evidences.data', 0, add);
  }
  for (const o of finding.observables ?? []) {
    if (!o.value) continue;
    const name = o.name ?? 'observables';
    if (o.type_id === 2) add(ipIndicator(o.value), name);
    else if (o.type_id === 1) add(domainIndicator(o.value), name);
    else if (o.type_id === 6) add(urlIndicator(o.value), name);
    else if (o.type_id === 8 && HASH.test(o.value.toLowerCase()))
      add({ type: 'hash', value: o.value.toLowerCase() }, name);
  }
  return [...found.values()];
}

function scan(
  value: unknown,
  path: string,
  depth: number,
  add: (i: Indicator | undefined, name: string) => void,
): void {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return;
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const name = Array.isArray(value) ? path : `${path}.${key}`;
    if (typeof v === 'string') {
      const leaf = Array.isArray(value) ? path.slice(path.lastIndexOf('.') + 1) : key;
      if (HASH_KEY.test(leaf) && HASH.test(v.toLowerCase()))
        add({ type: 'hash', value: v.toLowerCase() }, name);
      else if (URL_KEY.test(leaf)) add(urlIndicator(v), name);
    } else scan(v, name, depth + 1, add);
  }
}
