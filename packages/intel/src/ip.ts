/**
 * IP parsing for set matching and for deciding what may leave the network. IPv4 becomes a
 * number (fast path for flow logs), IPv6 a bigint.
 */
export type ParsedIp = { version: 4; value: number } | { version: 6; value: bigint };

export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (p.length === 0 || p.length > 3) return undefined;
    let octet = 0;
    for (let i = 0; i < p.length; i++) {
      const c = p.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return undefined;
      octet = octet * 10 + c;
    }
    if (octet > 255) return undefined;
    n = n * 256 + octet;
  }
  return n;
}

export function parseIpv6(text: string): bigint | undefined {
  if (!text.includes(':')) return undefined;
  let body = text;
  const zone = body.indexOf('%');
  if (zone >= 0) body = body.slice(0, zone);
  const tail: number[] = [];
  const lastColon = body.lastIndexOf(':');
  const last = body.slice(lastColon + 1);
  if (last.includes('.')) {
    const v4 = parseIpv4(last);
    if (v4 === undefined) return undefined;
    tail.push(Math.floor(v4 / 65536), v4 % 65536);
    body = body.slice(0, lastColon + 1);
    if (body.endsWith(':') && !body.endsWith('::')) body = body.slice(0, -1);
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0] ?? '');
  const rest = halves.length === 2 ? groups(halves[1] ?? '') : [];
  const missing = 8 - tail.length - head.length - rest.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0 || (halves.length === 2 && missing < 1))
    return undefined;
  let n = 0n;
  for (const g of [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest]) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    n = (n << 16n) | BigInt(Number.parseInt(g, 16));
  }
  for (const t of tail) n = (n << 16n) | BigInt(t);
  return n;
}

export function parseIp(text: string): ParsedIp | undefined {
  const v4 = parseIpv4(text);
  if (v4 !== undefined) return { version: 4, value: v4 };
  const v6 = parseIpv6(text);
  return v6 === undefined ? undefined : { version: 6, value: v6 };
}

/** Inclusive numeric range of a CIDR (`a.b.c.d/n`, `x::/n`, or a bare address). */
export type IpRange = { version: 4; start: number; end: number } | { version: 6; start: bigint; end: bigint };

export function parseCidrRange(text: string): IpRange | undefined {
  const slash = text.indexOf('/');
  const addr = slash >= 0 ? text.slice(0, slash) : text;
  const bitsText = slash >= 0 ? text.slice(slash + 1) : undefined;
  const ip = parseIp(addr.trim());
  if (!ip) return undefined;
  const width = ip.version === 4 ? 32 : 128;
  const bits = bitsText === undefined ? width : Number(bitsText);
  if (
    !Number.isInteger(bits) ||
    bits < 0 ||
    bits > width ||
    (bitsText !== undefined && !/^\d+$/.test(bitsText))
  )
    return undefined;
  if (ip.version === 4) {
    const size = 2 ** (32 - bits);
    const start = Math.floor(ip.value / size) * size;
    return { version: 4, start, end: start + size - 1 };
  }
  const hostBits = BigInt(128 - bits);
  const mask = (1n << hostBits) - 1n;
  const start = ip.value & ~mask;
  return { version: 6, start, end: start | mask };
}

/**
 * Addresses that must never be sent to a third party: private, loopback, link-local, shared,
 * documentation, benchmarking, multicast and reserved space (IANA special-purpose registries).
 */
const NON_PUBLIC = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '192.88.99.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/3',
  '::/127',
  '::ffff:0:0/96',
  '64:ff9b::/96',
  '64:ff9b:1::/48',
  '100::/64',
  '2001::/23',
  '2001:db8::/32',
  '2002::/16',
  'fc00::/7',
  'fe80::/10',
  'ff00::/8',
].map((c) => parseCidrRange(c) as IpRange);

/** True only for a well-formed address outside every special-purpose range. */
export function isPublicIp(text: string): boolean {
  const ip = parseIp(text);
  if (!ip) return false;
  for (const r of NON_PUBLIC) {
    if (r.version !== ip.version) continue;
    if (ip.value >= r.start && ip.value <= r.end) return false;
  }
  return true;
}

/** Canonical text of an address: dotted quad, or fully compressed lower-case IPv6 (RFC 5952). */
export function canonicalIp(text: string): string | undefined {
  const ip = parseIp(text);
  if (!ip) return undefined;
  if (ip.version === 4) return text;
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((ip.value >> BigInt(i * 16)) & 0xffffn));
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}
