import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCondition } from './condition.ts';
import { parseCondition } from './condition-parser.ts';

const NAMES = ['a', 'b', 'c', 'sel_1', 'sel_2', 'filter_1', '_hidden'] as const;
type Name = (typeof NAMES)[number];
type Truth = Readonly<Record<Name, boolean>>;

/** What each pattern must select, written out by hand so the reference does not reuse the engine's glob. */
const PATTERNS: Readonly<Record<string, readonly Name[]>> = {
  them: ['a', 'b', 'c', 'sel_1', 'sel_2', 'filter_1'],
  'sel_*': ['sel_1', 'sel_2'],
  '*_1': ['sel_1', 'filter_1'],
  'filter_*': ['filter_1'],
  '_*': ['_hidden'],
};

type Expr =
  | { t: 'ref'; name: Name }
  | { t: 'of'; all: boolean; pattern: string }
  | { t: 'not'; e: Expr }
  | { t: 'and' | 'or'; l: Expr; r: Expr };

const { expr } = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...NAMES).map((name): Expr => ({ t: 'ref', name })),
    fc
      .record({ all: fc.boolean(), pattern: fc.constantFrom(...Object.keys(PATTERNS)) })
      .map((o): Expr => ({ t: 'of', ...o })),
    tie('expr').map((e): Expr => ({ t: 'not', e })),
    fc.record({ t: fc.constantFrom('and' as const, 'or' as const), l: tie('expr'), r: tie('expr') }),
  ),
}));

function reference(e: Expr, t: Truth): boolean {
  switch (e.t) {
    case 'ref':
      return t[e.name];
    case 'of':
      return e.all ? PATTERNS[e.pattern]!.every((n) => t[n]) : PATTERNS[e.pattern]!.some((n) => t[n]);
    case 'not':
      return !reference(e.e, t);
    case 'and':
      return reference(e.l, t) && reference(e.r, t);
    case 'or':
      return reference(e.l, t) || reference(e.r, t);
  }
}

const PRECEDENCE = { or: 1, and: 2, not: 3, ref: 4, of: 4 } as const;

/** Prints with only the parentheses precedence needs (plus `extra` ones), keywords in mixed case. */
function print(e: Expr, extra: () => boolean, upper: () => boolean): string {
  const kw = (word: string) => (upper() ? word.toUpperCase() : word);
  const wrap = (child: Expr, min: number) => {
    const text = print(child, extra, upper);
    return PRECEDENCE[child.t] < min || extra() ? `(${text})` : text;
  };
  switch (e.t) {
    case 'ref':
      return e.name;
    case 'of':
      return `${e.all ? kw('all') : '1'} ${kw('of')} ${e.pattern === 'them' ? kw('them') : e.pattern}`;
    case 'not':
      return `${kw('not')} ${wrap(e.e, PRECEDENCE.not)}`;
    default:
      // The parser folds left, so a right operand of the same operator needs parentheses.
      return `${wrap(e.l, PRECEDENCE[e.t])} ${kw(e.t)} ${wrap(e.r, PRECEDENCE[e.t] + 1)}`;
  }
}

const truthArb = fc.record(
  Object.fromEntries(NAMES.map((n) => [n, fc.boolean()])) as Record<Name, fc.Arbitrary<boolean>>,
);
const selections = new Map(NAMES.map((n) => [n, (t: Truth) => t[n]]));

describe('condition parser properties', () => {
  it('evaluates like a reference boolean evaluator, whatever the parentheses and keyword case', () => {
    fc.assert(
      fc.property(
        expr,
        fc.infiniteStream(fc.boolean()),
        fc.infiniteStream(fc.boolean()),
        fc.array(truthArb, { minLength: 1, maxLength: 8 }),
        (e, extras, uppers, truths) => {
          // Prepare
          const extraIt = extras[Symbol.iterator]();
          const upperIt = uppers[Symbol.iterator]();
          const text = print(
            e,
            () => extraIt.next().value === true && extraIt.next().value === true,
            () => upperIt.next().value === true,
          );
          // Act
          const compiled = compileCondition(text, selections);
          // Assess
          expect(compiled.ok, `${text}: ${compiled.ok ? '' : compiled.error}`).toBe(true);
          if (!compiled.ok) return;
          for (const t of truths) expect(compiled.value(t)).toBe(reference(e, t));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary token sequences: it parses or says why not', () => {
    const token = fc.constantFrom(
      'a',
      'b',
      'sel_*',
      'and',
      'OR',
      'not',
      '(',
      ')',
      '1',
      'all',
      'of',
      'them',
      '2',
      '|',
      'count()',
      '>',
      'x*y',
      '',
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 12 }), fc.string({ maxLength: 20 }), (tokens, noise) => {
        // Prepare
        const text = `${tokens.join(' ')}${noise}`;
        // Act
        const parsed = parseCondition(text);
        const compiled = compileCondition(text, selections);
        // Assess
        expect(typeof parsed.ok).toBe('boolean');
        expect(compiled.ok || compiled.error.length > 0).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
