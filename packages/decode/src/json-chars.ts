/** Character-level helpers for scanning JSON text without parsing it. */

/** Index of the quote closing a string whose body resumes at `from` after `carry` backslashes, or -1. */
export function stringEnd(s: string, from: number, carry: number): number {
  let quote = s.indexOf('"', from);
  while (quote >= 0) {
    let k = quote - 1;
    while (k >= from && s.charCodeAt(k) === 92) k--;
    const run = quote - 1 - k + (k < from ? carry : 0);
    if ((run & 1) === 0) return quote;
    quote = s.indexOf('"', quote + 1);
  }
  return -1;
}

/** Backslashes ending an unterminated string body (they may escape a quote in the next chunk). */
export function trailingBackslashes(s: string, from: number, carry: number): number {
  let k = s.length - 1;
  while (k >= from && s.charCodeAt(k) === 92) k--;
  return s.length - 1 - k + (k < from ? carry : 0);
}

/** JSON whitespace, plus the byte order mark that concatenated files carry between values. */
export function isJsonSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9 || c === 0xfeff;
}

/** Where a bare value (number, literal) ends: the enclosing structure reads this character. */
export function isDelimiter(c: number): boolean {
  return c === 44 || c === 93 || c === 125 || c === 32 || c === 10 || c === 13 || c === 9;
}

export function canStartValue(c: number): boolean {
  return c !== 44 && c !== 93 && c !== 125 && c !== 58;
}
