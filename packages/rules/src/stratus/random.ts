const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const HEX = '0123456789abcdef';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Seeded values for one replay: the same seed and salt always give the same sequence. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chars(alphabet: string, length: number): string;
  lower(length: number): string;
  lowerAlnum(length: number): string;
  digits(length: number): string;
  hex(length: number): string;
  /** Upper-case letters and digits 2-7, the alphabet of AWS access key ids. */
  keyChars(length: number): string;
  base64(length: number): string;
  uuid(): string;
}

/** FNV-1a, so that each technique replays a different stream for the same seed. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast and good enough for synthetic identifiers. */
export function createRandom(seed: number, salt: string): Random {
  let state = (hash(salt) ^ Math.imul(seed, 0x9e3779b1)) >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const chars = (alphabet: string, length: number): string => {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
    return out;
  };
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chars,
    lower: (length) => chars(LOWER, length),
    lowerAlnum: (length) => chars(LOWER + DIGITS, length),
    digits: (length) => chars(DIGITS, length),
    hex: (length) => chars(HEX, length),
    keyChars: (length) => chars(UPPER_ALNUM, length),
    base64: (length) => chars(BASE64, length),
    uuid: () => {
      const h = chars(HEX, 32);
      const variant = HEX[8 + Math.floor(next() * 4)];
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
  };
}
