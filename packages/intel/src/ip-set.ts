import { IntelConfigError } from './errors.ts';
import { type IpRange, parseCidrRange, parseIpv4, parseIpv6 } from './ip.ts';

/** What a rule or the enricher asks of a named set; the rules engine depends only on this shape. */
export interface SetLookup {
  contains(value: string): boolean;
}

/**
 * A set of CIDR ranges and domains, matched in memory. Ranges are merged and sorted once, so a
 * lookup is one binary search (IPv4 on numbers, IPv6 on bigints); domains match themselves and
 * their subdomains (a pool's `xmr.pool.example` is in a set listing `pool.example`).
 */
export class IpSet implements SetLookup {
  readonly size: number;
  private readonly v4Starts: Float64Array;
  private readonly v4Ends: Float64Array;
  private readonly v6: readonly { start: bigint; end: bigint }[];
  private readonly domains: ReadonlySet<string>;

  constructor(
    readonly name: string,
    entries: Iterable<string>,
  ) {
    const v4: { start: number; end: number }[] = [];
    const v6: { start: bigint; end: bigint }[] = [];
    const domains = new Set<string>();
    let size = 0;
    for (const raw of entries) {
      const entry = raw.trim().toLowerCase();
      if (entry === '') continue;
      size++;
      const range: IpRange | undefined = parseCidrRange(entry);
      if (range?.version === 4) v4.push(range);
      else if (range?.version === 6) v6.push(range);
      else if (/^[a-z0-9_-]+(\.[a-z0-9_-]+)+\.?$/.test(entry)) domains.add(entry.replace(/\.$/, ''));
      else throw new IntelConfigError(`set ${name}: "${raw}" is neither an IP, a CIDR nor a domain`);
    }
    const merged4 = mergeRanges(v4, 1);
    this.v4Starts = Float64Array.from(merged4, (r) => r.start);
    this.v4Ends = Float64Array.from(merged4, (r) => r.end);
    this.v6 = mergeRanges(v6, 1n);
    this.domains = domains;
    this.size = size;
  }

  contains(value: string): boolean {
    const v4 = parseIpv4(value);
    if (v4 !== undefined) return this.hasV4(v4);
    if (value.includes(':')) {
      const v6 = parseIpv6(value);
      return v6 !== undefined && this.hasV6(v6);
    }
    return this.hasDomain(value);
  }

  private hasV4(ip: number): boolean {
    const starts = this.v4Starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if ((starts[mid] as number) <= ip) lo = mid + 1;
      else hi = mid - 1;
    }
    return hi >= 0 && ip <= (this.v4Ends[hi] as number);
  }

  private hasV6(ip: bigint): boolean {
    let lo = 0;
    let hi = this.v6.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.v6[mid] as { start: bigint }).start <= ip) lo = mid + 1;
      else hi = mid - 1;
    }
    return hi >= 0 && ip <= (this.v6[hi] as { end: bigint }).end;
  }

  private hasDomain(value: string): boolean {
    if (this.domains.size === 0) return false;
    let d = value.toLowerCase().replace(/\.$/, '');
    for (;;) {
      if (this.domains.has(d)) return true;
      const dot = d.indexOf('.');
      if (dot < 0) return false;
      d = d.slice(dot + 1);
    }
  }
}

/** Sorts and merges overlapping or adjacent ranges, so a binary search finds at most one. */
function mergeRanges<T extends number | bigint>(
  ranges: { start: T; end: T }[],
  one: T,
): { start: T; end: T }[] {
  const sorted = [...ranges].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out: { start: T; end: T }[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= (last.end as bigint) + (one as bigint)) {
      if (r.end > last.end) last.end = r.end;
    } else out.push({ start: r.start, end: r.end });
  }
  return out;
}
