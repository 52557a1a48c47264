import { FeedParseError } from '../errors.ts';
import { parseCidrRange } from '../ip.ts';
import type { FeedFormat } from './definitions.ts';

const DOMAIN = /^([a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

function isEntry(text: string): boolean {
  return parseCidrRange(text) !== undefined || DOMAIN.test(text.toLowerCase());
}

/** Parses a downloaded feed into set entries (IPs, CIDRs, domains); names the line of any error. */
export function parseFeed(text: string, format: FeedFormat, source: string): string[] {
  switch (format) {
    case 'lines':
      return parseLines(text, source);
    case 'spamhaus-drop':
      return parseSpamhausDrop(text, source);
    case 'threatfox-csv':
      return parseThreatFoxCsv(text, source);
  }
}

/** One IP, CIDR or domain per line; `#` starts a comment (Tor bulk list, Feodo, our snapshots). */
export function parseLines(text: string, source: string): string[] {
  const out: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') return;
    const entry = line.split(/\s+/)[0] as string;
    if (!isEntry(entry))
      throw new FeedParseError(`${source}:${i + 1}: "${entry.slice(0, 80)}" is not an IP, CIDR or domain`);
    out.push(entry);
  });
  return out;
}

/**
 * Spamhaus DROP: the JSON-lines export (`{"cidr":"…","sblid":"…","rir":"…"}`, closed by a
 * `{"type":"metadata",…}` line) or the older text form (`1.10.16.0/20 ; SBL256894`, `;` comments).
 */
export function parseSpamhausDrop(text: string, source: string): string[] {
  const out: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith(';')) return;
    let cidr: string;
    if (line.startsWith('{')) {
      let doc: { cidr?: unknown; type?: unknown };
      try {
        doc = JSON.parse(line);
      } catch {
        throw new FeedParseError(`${source}:${i + 1}: not valid JSON`);
      }
      if (doc.type === 'metadata') return;
      cidr = String(doc.cidr ?? '');
    } else {
      cidr = (line.split(';')[0] ?? '').trim();
    }
    if (!parseCidrRange(cidr) || !cidr.includes('/'))
      throw new FeedParseError(`${source}:${i + 1}: "${cidr.slice(0, 80)}" is not a CIDR`);
    out.push(cidr);
  });
  return out;
}

/**
 * ThreatFox CSV export (`first_seen_utc, ioc_id, ioc_value, ioc_type, …`, quoted, `#` header
 * comments): the IP of every `ip:port` IOC.
 */
export function parseThreatFoxCsv(text: string, source: string): string[] {
  const out: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const fields = line.split(/",\s*"/).map((f) => f.replace(/^"|"$/g, '').trim());
    const value = fields[2];
    const type = fields[3];
    if (value === undefined || type === undefined)
      throw new FeedParseError(`${source}:${i + 1}: expected at least 4 quoted fields`);
    if (type !== 'ip:port') return;
    const ip = value.startsWith('[')
      ? value.slice(1, value.indexOf(']'))
      : value.slice(0, value.lastIndexOf(':'));
    if (!parseCidrRange(ip))
      throw new FeedParseError(`${source}:${i + 1}: "${value.slice(0, 80)}" is not ip:port`);
    out.push(ip);
  });
  return out;
}
