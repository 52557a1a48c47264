import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { IpDatabaseError } from './errors.ts';

/** What the features know about an address: its autonomous system and its country. */
export interface IpInfo {
  asn?: number;
  asnName?: string;
  country?: string;
}

export type IpLookup = (ip: string) => IpInfo | undefined;

/** Sorted, non-overlapping IPv4 ranges with a value each, searched by bisection. */
export interface RangeTable {
  starts: Uint32Array;
  ends: Uint32Array;
  /** AS numbers, or indexes into `labels` for label tables (countries). */
  values: Int32Array;
  /** Index into `labels` of each range's AS holder name (AS tables). */
  names?: Int32Array;
  labels: string[];
}

/** A network the public databases cannot know: documentation space, a lab, your own egress. */
export interface NetworkEntry {
  cidr: string;
  asn: number;
  asnName?: string;
  country?: string;
}

/** IPv4 text → unsigned 32-bit integer, or -1 when the text is not a dotted quad. */
export function ipv4ToInt(ip: string): number {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < ip.length; i++) {
    const c = ip.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || part > 255) return -1;
      value = value * 256 + part;
      part = 0;
      digits = 0;
      dots++;
      continue;
    }
    if (c < 48 || c > 57 || ++digits > 3) return -1;
    part = part * 10 + (c - 48);
  }
  if (dots !== 3 || digits === 0 || part > 255) return -1;
  return value * 256 + part;
}

function find(table: RangeTable, n: number): number {
  let lo = 0;
  let hi = table.starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (table.starts[mid]! <= n) lo = mid + 1;
    else hi = mid - 1;
  }
  return hi >= 0 && table.ends[hi]! >= n ? hi : -1;
}

/**
 * Parses ip-location-db's numeric IPv4 CSV (`start,end,value[,name]`, sorted by start). With
 * `numeric`, the third column is an AS number and the fourth its holder; otherwise the third
 * column is a label (a country code).
 */
export function parseRangeCsv(text: string, numeric: boolean, file = 'csv'): RangeTable {
  // Scanned in place, without splitting into 400,000 line strings: the tables load at every
  // start of the CLI and of a Lambda container.
  let rows = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) rows++;
  const starts = new Uint32Array(rows);
  const ends = new Uint32Array(rows);
  const values = new Int32Array(rows);
  const names = new Int32Array(numeric ? rows : 0);
  const labels: string[] = [];
  const labelIndex = new Map<string, number>();
  const intern = (label: string): number => {
    let index = labelIndex.get(label);
    if (index === undefined) {
      index = labels.length;
      labels.push(label);
      labelIndex.set(label, index);
    }
    return index;
  };
  // An AS keeps one holder name: look the name up once per AS, not once per range.
  const nameOfAsn = new Map<number, number>();
  let n = 0;
  let previous = -1;
  let line = 0;
  let pos = 0;
  const bad = (why: string, from: number) => {
    const eol = text.indexOf('\n', from);
    return new IpDatabaseError(
      `${file}:${line}: ${why}, got "${text.slice(from, eol < 0 ? undefined : eol).slice(0, 60)}"`,
    );
  };
  while (pos < text.length) {
    line++;
    const lineStart = pos;
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = text.length;
    pos = eol + 1;
    if (eol === lineStart) continue;
    const fields: number[] = [];
    let cursor = lineStart;
    // start, end, and for AS tables the AS number: plain decimal integers.
    for (let f = 0; f < (numeric ? 3 : 2); f++) {
      let value = 0;
      let digits = 0;
      while (cursor < eol) {
        const c = text.charCodeAt(cursor);
        if (c < 48 || c > 57) break;
        value = value * 10 + (c - 48);
        digits++;
        cursor++;
      }
      const separator = text.charCodeAt(cursor);
      if (digits === 0 || (separator !== 44 && !(f === 2 && (cursor === eol || separator === 13))))
        throw bad('expected start,end,value', lineStart);
      fields.push(value);
      cursor++;
    }
    const [start, end] = fields as [number, number];
    if (!(start >= previous && end >= start && end <= 0xffffffff))
      throw bad('ranges must be sorted IPv4 integers', lineStart);
    previous = start;
    if (numeric) {
      const asn = fields[2]!;
      values[n] = asn;
      let name = nameOfAsn.get(asn);
      if (name === undefined) {
        name = intern(cursor < eol ? unquote(text.slice(cursor, eol)) : '');
        nameOfAsn.set(asn, name);
      }
      names[n] = name;
    } else {
      values[n] = intern(text.slice(cursor, eol).trim());
    }
    starts[n] = start;
    ends[n] = end;
    n++;
  }
  const table: RangeTable = {
    starts: starts.slice(0, n),
    ends: ends.slice(0, n),
    values: values.slice(0, n),
    labels,
  };
  if (numeric) table.names = names.slice(0, n);
  return table;
}

function unquote(text: string): string {
  const t = text.trim();
  return t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).replaceAll('""', '"') : t;
}

/** Ranges of the given networks, for lookups layered over the public tables. */
export function networkTable(entries: readonly NetworkEntry[]): { table: RangeTable; infos: IpInfo[] } {
  const rows = entries.map((entry, i) => {
    const [base, bitsText] = entry.cidr.split('/');
    const bits = Number(bitsText ?? 32);
    const start = base === undefined ? -1 : ipv4ToInt(base);
    if (start < 0 || !Number.isInteger(bits) || bits < 0 || bits > 32)
      throw new IpDatabaseError(`network ${i + 1}: "${entry.cidr}" is not an IPv4 CIDR`);
    const size = 2 ** (32 - bits);
    const first = start - (start % size);
    return { start: first, end: first + size - 1, i };
  });
  rows.sort((a, b) => a.start - b.start || b.end - a.end);
  const infos: IpInfo[] = [];
  const table: RangeTable = {
    starts: Uint32Array.from(rows.map((r) => r.start)),
    ends: Uint32Array.from(rows.map((r) => r.end)),
    values: Int32Array.from(rows.map((_, k) => k)),
    labels: [],
  };
  for (const r of rows) {
    const e = entries[r.i]!;
    infos.push({
      asn: e.asn,
      ...(e.asnName ? { asnName: e.asnName } : {}),
      ...(e.country ? { country: e.country } : {}),
    });
  }
  return { table, infos };
}

export interface IpDatabase {
  asn: RangeTable;
  country: RangeTable;
}

/** Where the bundled ip-location-db files are (for the CLI; the Lambda passes its own copies). */
export function bundledIpDatabasePaths(): { asnCsv: string; countryCsv: string } {
  const require = createRequire(import.meta.url);
  return {
    asnCsv: require.resolve('@ip-location-db/asn/asn-ipv4-num.csv'),
    countryCsv: require.resolve('@ip-location-db/geo-whois-asn-country/geo-whois-asn-country-ipv4-num.csv'),
  };
}

/** Reads the AS and country tables once; about 750,000 ranges, a few hundred milliseconds. */
export async function readIpDatabase(paths: { asnCsv: string; countryCsv: string }): Promise<IpDatabase> {
  const read = async (path: string) => {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      throw new IpDatabaseError(`cannot read IP database ${path}: ${(error as NodeJS.ErrnoException).code}`, {
        cause: error,
      });
    }
  };
  const [asn, country] = await Promise.all([read(paths.asnCsv), read(paths.countryCsv)]);
  return {
    asn: parseRangeCsv(asn, true, paths.asnCsv),
    country: parseRangeCsv(country, false, paths.countryCsv),
  };
}

/** How many distinct addresses the lookup remembers before it starts over. */
const CACHE_LIMIT = 65_536;

/**
 * Address → AS and country: the given networks first (their ranges win, most specific first),
 * then the public tables. Answers are cached, since logs repeat a few thousand addresses.
 */
export function createIpLookup(database?: IpDatabase, networks: readonly NetworkEntry[] = []): IpLookup {
  const overlay = networkTable(networks);
  const cache = new Map<string, IpInfo | undefined>();
  return (ip) => {
    const hit = cache.get(ip);
    if (hit !== undefined || cache.has(ip)) return hit;
    const n = ipv4ToInt(ip);
    let info: IpInfo | undefined;
    if (n >= 0) info = overlayInfo(overlay, n) ?? (database ? publicInfo(database, n) : undefined);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(ip, info);
    return info;
  };
}

function overlayInfo(overlay: { table: RangeTable; infos: IpInfo[] }, n: number): IpInfo | undefined {
  // Nested networks: the innermost range containing n starts last among those that contain it.
  const { starts, ends } = overlay.table;
  let best = -1;
  for (let i = 0; i < starts.length && starts[i]! <= n; i++) if (ends[i]! >= n) best = i;
  return best >= 0 ? overlay.infos[best] : undefined;
}

function publicInfo(db: IpDatabase, n: number): IpInfo | undefined {
  const a = find(db.asn, n);
  const c = find(db.country, n);
  if (a < 0 && c < 0) return undefined;
  const info: IpInfo = {};
  if (a >= 0) {
    info.asn = db.asn.values[a]!;
    const name = db.asn.labels[db.asn.names![a]!];
    if (name) info.asnName = name;
  }
  if (c >= 0) info.country = db.country.labels[db.country.values[c]!]!;
  return info;
}
