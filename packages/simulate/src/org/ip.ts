function toInt(ip: string): number {
  const [a, b, c, d] = ip.split('.').map(Number);
  return ((a! << 24) | (b! << 16) | (c! << 8) | d!) >>> 0;
}

function toIp(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** The `index`-th host of an IPv4 CIDR (1-based, skipping the network address), wrapping around. */
export function hostIn(cidr: string, index: number): string {
  const [base, bits] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  const usable = Math.max(1, size - 2);
  return toIp(toInt(base!) + 1 + (((index % usable) + usable) % usable));
}

/** Number of usable hosts of an IPv4 CIDR. */
export function hostCount(cidr: string): number {
  const bits = Number(cidr.split('/')[1]);
  return Math.max(1, 2 ** (32 - bits) - 2);
}
