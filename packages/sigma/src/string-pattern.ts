/** Where a Sigma string must sit in the field value. */
export type MatchMode = 'exact' | 'contains' | 'startswith' | 'endswith';

export type StringTest = (text: string) => boolean;

type Token = { kind: 'text'; text: string } | { kind: 'star' } | { kind: 'one' };

/**
 * Splits a Sigma string into literal text and wildcards. A backslash escapes `*`, `?` and
 * itself; before any other character (or at the end) it is a plain backslash, so Windows paths
 * need no doubling (Sigma specification, "Escaping").
 */
export function tokenize(value: string): Token[] {
  const tokens: Token[] = [];
  let text = '';
  const flush = () => {
    if (text) tokens.push({ kind: 'text', text });
    text = '';
  };
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\') {
      const next = value[i + 1];
      if (next === '*' || next === '?' || next === '\\') {
        text += next;
        i++;
      } else {
        text += c;
      }
    } else if (c === '*' || c === '?') {
      flush();
      tokens.push({ kind: c === '*' ? 'star' : 'one' });
    } else {
      text += c;
    }
  }
  flush();
  return tokens;
}

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\/]/g;

function regexSource(tokens: readonly Token[], escapeText: (t: string) => string): string {
  let source = '';
  for (const t of tokens) {
    if (t.kind === 'star') source += '.*';
    else if (t.kind === 'one') source += '.';
    else source += escapeText(t.text).replace(REGEX_SPECIAL, '\\$&');
  }
  return source;
}

/**
 * Compiles a Sigma string value into a test, once at load. Values without wildcards become
 * plain string comparisons (the common case); the rest become one anchored regular expression.
 */
export function compileStringTest(value: string, mode: MatchMode, cased: boolean): StringTest {
  const tokens = tokenize(value);
  if (tokens.every((t) => t.kind === 'text')) {
    const literal = tokens.map((t) => (t.kind === 'text' ? t.text : '')).join('');
    return literalTest(cased ? literal : literal.toLowerCase(), mode, cased);
  }
  const body = regexSource(tokens, (t) => t);
  const source = `${mode === 'exact' || mode === 'startswith' ? '^' : ''}${body}${mode === 'exact' || mode === 'endswith' ? '$' : ''}`;
  const regex = new RegExp(source, cased ? 's' : 'is');
  return (text) => regex.test(text);
}

function literalTest(literal: string, mode: MatchMode, cased: boolean): StringTest {
  const fold = cased ? (t: string) => t : (t: string) => t.toLowerCase();
  switch (mode) {
    case 'exact':
      // The length check skips lower-casing for almost every value that cannot match.
      return (text) => text.length === literal.length && fold(text) === literal;
    case 'contains':
      return (text) => text.length >= literal.length && fold(text).includes(literal);
    case 'startswith':
      return (text) => text.length >= literal.length && fold(text).startsWith(literal);
    case 'endswith':
      return (text) => text.length >= literal.length && fold(text).endsWith(literal);
  }
}

/** JSON text escapes `"`, `\` and control characters; a keyword must be looked for as it is written there. */
function asJsonText(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/**
 * A keyword (a value without a field) is looked for anywhere in the record's JSON text,
 * case-insensitively. `lower` is that text lower-cased, passed in so it is computed once per record.
 */
export function compileKeywordTest(value: string): (raw: string, lower: () => string) => boolean {
  const tokens = tokenize(value);
  if (tokens.every((t) => t.kind === 'text')) {
    const literal = asJsonText(tokens.map((t) => (t.kind === 'text' ? t.text : '')).join('')).toLowerCase();
    return (_raw, lower) => lower().includes(literal);
  }
  const regex = new RegExp(regexSource(tokens, asJsonText), 'is');
  return (raw) => regex.test(raw);
}
