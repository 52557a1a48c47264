/** IPv4/IPv6 CIDR membership, for suppressions and rules. Returns false for anything unparsable. */

function parseV4(ip: string): bigint | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = (n << 8n) | BigInt(p);
  }
  return n;
}

function parseV6(ip: string): bigint | undefined {
  if (!ip.includes(':')) return undefined;
  let text = ip;
  let tail: bigint[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    const v4 = parseV4(text.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    tail = [v4 >> 16n, v4 & 0xffffn];
    // Keep a `::` that ended right before the dotted quad; drop the lone separator otherwise.
    const prefix = text.slice(0, lastColon);
    text = prefix.endsWith(':') ? `${prefix}:` : prefix;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  const missing = 8 - tail.length - head.length - rest.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return undefined;
  const all = [...head, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  let n = 0n;
  for (const g of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    n = (n << 16n) | BigInt(Number.parseInt(g, 16));
  }
  for (const t of tail) n = (n << 16n) | t;
  return n;
}

export interface Cidr {
  readonly text: string;
  contains(ip: string): boolean;
}

export class CidrError extends Error {
  override name = 'CidrError';
}

/** Parses `a.b.c.d/n` or `x::y/n` (a bare address is a /32 or /128); throws CidrError when malformed. */
export function parseCidr(text: string): Cidr {
  const [addr, bitsText] = text.split('/');
  const v4 = parseV4(addr ?? '');
  const v6 = v4 === undefined ? parseV6(addr ?? '') : undefined;
  const width = v4 !== undefined ? 32 : 128;
  const base = v4 ?? v6;
  const bits = bitsText === undefined ? width : Number(bitsText);
  if (base === undefined || !Number.isInteger(bits) || bits < 0 || bits > width) {
    throw new CidrError(`not a CIDR: ${text}`);
  }
  const shift = BigInt(width - bits);
  const prefix = base >> shift;
  return {
    text,
    contains(ip: string) {
      const n = width === 32 ? parseV4(ip) : parseV6(ip);
      return n !== undefined && n >> shift === prefix;
    },
  };
}
