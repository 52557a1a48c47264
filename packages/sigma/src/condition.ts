import { type ConditionAst, parseCondition } from './condition-parser.ts';
import { fail, ok, type Result } from './types.ts';

type Test<T> = (input: T) => boolean;

function globRegex(pattern: string): RegExp {
  const body = pattern.replace(/[.+?^${}()|[\]\\/]/g, '\\$&').replaceAll('*', '.*');
  return new RegExp(`^${body}$`);
}

/** `them` is every selection not starting with `_` (Sigma's convention for helper selections). */
function namesFor(pattern: string, names: readonly string[]): string[] {
  if (pattern === 'them') return names.filter((n) => !n.startsWith('_'));
  const regex = globRegex(pattern);
  return names.filter((n) => regex.test(n));
}

function problems(ast: ConditionAst, names: readonly string[], out: string[]): void {
  switch (ast.type) {
    case 'ref':
      if (!names.includes(ast.name)) out.push(`unknown selection '${ast.name}'`);
      return;
    case 'of':
      if (namesFor(ast.pattern, names).length === 0) out.push(`'${ast.pattern}' matches no selection`);
      return;
    case 'not':
      problems(ast.operand, names, out);
      return;
    default:
      problems(ast.left, names, out);
      problems(ast.right, names, out);
  }
}

function build<T>(ast: ConditionAst, selections: ReadonlyMap<string, Test<T>>): Test<T> {
  switch (ast.type) {
    case 'ref':
      return selections.get(ast.name)!;
    case 'not': {
      const operand = build(ast.operand, selections);
      return (x) => !operand(x);
    }
    case 'and': {
      const left = build(ast.left, selections);
      const right = build(ast.right, selections);
      return (x) => left(x) && right(x);
    }
    case 'or': {
      const left = build(ast.left, selections);
      const right = build(ast.right, selections);
      return (x) => left(x) || right(x);
    }
    case 'of': {
      const tests = namesFor(ast.pattern, [...selections.keys()]).map((n) => selections.get(n)!);
      return ast.quantifier === 'one' ? (x) => tests.some((t) => t(x)) : (x) => tests.every((t) => t(x));
    }
  }
}

/**
 * Compiles a Sigma condition (a string, or a list whose items are OR-ed) over named
 * selections into one closure. Unknown names and patterns that match nothing are errors.
 */
export function compileCondition<T>(
  condition: string | readonly string[],
  selections: ReadonlyMap<string, Test<T>>,
): Result<Test<T>> {
  const texts = typeof condition === 'string' ? [condition] : condition;
  if (texts.length === 0) return fail('condition: expected a condition, got an empty list');
  const names = [...selections.keys()];
  const tests: Test<T>[] = [];
  for (const text of texts) {
    const ast = parseCondition(text);
    if (!ast.ok) return ast;
    const found: string[] = [];
    problems(ast.value, names, found);
    if (found.length > 0) {
      return fail(`condition '${text}': ${found.join('; ')} (selections: ${names.join(', ') || 'none'})`);
    }
    tests.push(build(ast.value, selections));
  }
  return ok(tests.length === 1 ? tests[0]! : (x) => tests.some((t) => t(x)));
}
