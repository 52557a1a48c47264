import { fail, ok, type Result } from './types.ts';

export type ConditionAst =
  | { type: 'ref'; name: string }
  | { type: 'not'; operand: ConditionAst }
  | { type: 'and' | 'or'; left: ConditionAst; right: ConditionAst }
  /** `1 of x*` / `all of them`: `pattern` is `them` or a name with `*` wildcards. */
  | { type: 'of'; quantifier: 'one' | 'all'; pattern: string };

const KEYWORDS = new Set(['and', 'or', 'not', 'of', 'them', 'all']);

class ConditionSyntaxError extends Error {
  override name = 'ConditionSyntaxError';
}

function tokenize(text: string): string[] {
  return text.match(/[()]|[^\s()]+/g) ?? [];
}

/**
 * Recursive descent over the Sigma condition grammar, loosest first: `or`, `and`, `not`,
 * then `N of`, names and parentheses. Operators are case-insensitive.
 */
class Parser {
  private pos = 0;
  constructor(private readonly tokens: readonly string[]) {}

  parse(): ConditionAst {
    const ast = this.or();
    const extra = this.tokens[this.pos];
    if (extra !== undefined)
      throw new ConditionSyntaxError(`unexpected '${extra}' after a complete expression`);
    return ast;
  }

  private peek(): string | undefined {
    return this.tokens[this.pos]?.toLowerCase();
  }

  private or(): ConditionAst {
    let left = this.and();
    while (this.peek() === 'or') {
      this.pos++;
      left = { type: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): ConditionAst {
    let left = this.not();
    while (this.peek() === 'and') {
      this.pos++;
      left = { type: 'and', left, right: this.not() };
    }
    return left;
  }

  private not(): ConditionAst {
    if (this.peek() === 'not') {
      this.pos++;
      return { type: 'not', operand: this.not() };
    }
    return this.primary();
  }

  private primary(): ConditionAst {
    const token = this.tokens[this.pos];
    if (token === undefined)
      throw new ConditionSyntaxError(`unexpected end, expected a selection name, 'not', '(' or '1 of'`);
    const lower = token.toLowerCase();
    if (token === '(') {
      this.pos++;
      const inner = this.or();
      if (this.tokens[this.pos] !== ')') {
        throw new ConditionSyntaxError(`expected ')', got ${this.describe(this.tokens[this.pos])}`);
      }
      this.pos++;
      return inner;
    }
    if (lower === '1' || lower === 'all') return this.quantified(lower === '1' ? 'one' : 'all');
    if (token === ')' || KEYWORDS.has(lower))
      throw new ConditionSyntaxError(`unexpected '${token}', expected a selection name`);
    if (/^\d+$/.test(token))
      throw new ConditionSyntaxError(`'${token} of' is not supported, expected '1 of' or 'all of'`);
    if (token.includes('*'))
      throw new ConditionSyntaxError(`wildcard '${token}' is only allowed after '1 of' or 'all of'`);
    this.pos++;
    return { type: 'ref', name: token };
  }

  private quantified(quantifier: 'one' | 'all'): ConditionAst {
    this.pos++;
    if (this.peek() !== 'of')
      throw new ConditionSyntaxError(`expected 'of', got ${this.describe(this.tokens[this.pos])}`);
    this.pos++;
    const target = this.tokens[this.pos];
    if (target === undefined || target === '(' || target === ')') {
      throw new ConditionSyntaxError(
        `expected 'them' or a selection pattern after 'of', got ${this.describe(target)}`,
      );
    }
    const lower = target.toLowerCase();
    if (KEYWORDS.has(lower) && lower !== 'them') {
      throw new ConditionSyntaxError(`expected 'them' or a selection pattern after 'of', got '${target}'`);
    }
    this.pos++;
    return { type: 'of', quantifier, pattern: lower === 'them' ? 'them' : target };
  }

  private describe(token: string | undefined): string {
    return token === undefined ? 'the end' : `'${token}'`;
  }
}

/** Parses one condition string; syntax errors are values naming what was expected and found. */
export function parseCondition(text: string): Result<ConditionAst> {
  if (text.includes('|')) {
    return fail(
      `condition '${text}': aggregations ('| count() by …') are deprecated in Sigma and not supported; use a plain condition`,
    );
  }
  try {
    return ok(new Parser(tokenize(text)).parse());
  } catch (error) {
    if (error instanceof ConditionSyntaxError) return fail(`condition '${text}': ${error.message}`);
    throw error;
  }
}
