import { isDelimiter, stringEnd, trailingBackslashes } from './json-chars.ts';

/**
 * Finds where one JSON value ends by bracket depth, across chunks, without parsing it: string
 * bodies are skipped with `indexOf`, so the per-character loop only sees structure.
 */
export class ValueScan {
  /** Newlines met outside strings since the last `takeNewlines`. */
  private newlines = 0;
  private depth = 0;
  private inString = false;
  private bare = false;
  private carry = 0;

  /** Starts a value whose first character is `s[i]`; returns where scanning continues. */
  begin(s: string, i: number): number {
    const c = s.charCodeAt(i);
    this.inString = c === 34;
    this.bare = c !== 34 && c !== 123 && c !== 91;
    this.depth = c === 123 || c === 91 ? 1 : 0;
    this.carry = 0;
    return this.bare ? i : i + 1;
  }

  /** Continues an object whose opening brace was already read. */
  resumeObject(): void {
    this.depth = 1;
    this.inString = false;
    this.bare = false;
  }

  takeNewlines(): number {
    const count = this.newlines;
    this.newlines = 0;
    return count;
  }

  /** Index just past the value's end in `s`, or -1 when `s` ends first. */
  scan(s: string, from: number): number {
    const n = s.length;
    let i = from;
    if (this.bare) {
      while (i < n && !isDelimiter(s.charCodeAt(i))) i++;
      return i < n ? i : -1;
    }
    let depth = this.depth;
    if (this.inString) {
      const end = stringEnd(s, i, this.carry);
      if (end < 0) {
        this.carry = trailingBackslashes(s, i, this.carry);
        return -1;
      }
      this.inString = false;
      i = end + 1;
      if (depth === 0) return i;
    }
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 34) {
        const end = stringEnd(s, i + 1, 0);
        if (end < 0) {
          this.inString = true;
          this.carry = trailingBackslashes(s, i + 1, 0);
          this.depth = depth;
          return -1;
        }
        i = end + 1;
        continue;
      }
      if (c === 123 || c === 91) depth++;
      else if (c === 125 || c === 93) {
        if (--depth === 0) return i + 1;
      } else if (c === 10) this.newlines++;
      i++;
    }
    this.depth = depth;
    return -1;
  }
}
