import { pathsFor, type SourceKind } from './field-aliases.ts';
import { compileFieldResolver, someValue } from './field-path.ts';
import { parseModifiers } from './modifiers.ts';
import { compileKeywordTest } from './string-pattern.ts';
import { fail, type MatchInput, ok, type Predicate, type Result } from './types.ts';
import { compileValueTest, type SigmaScalar, type ValueTest } from './value-tests.ts';

function isScalar(value: unknown): value is SigmaScalar {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function scalarsOf(value: unknown): Result<SigmaScalar[]> {
  const values = Array.isArray(value) ? value : [value];
  if (values.length === 0) return fail('expected a value or a non-empty list of values, got an empty list');
  for (const v of values) {
    if (!isScalar(v))
      return fail(
        `expected a string, number, boolean or null, got ${Array.isArray(v) ? 'a list' : typeof v}`,
      );
  }
  return { ok: true, value: values as SigmaScalar[] };
}

function lowerRaw(input: MatchInput): () => string {
  return () => {
    if (input.lowerRaw === undefined) input.lowerRaw = input.raw.toLowerCase();
    return input.lowerRaw;
  };
}

/** Values without a field: looked for anywhere in the record's JSON text. */
export function compileKeywords(values: readonly unknown[], all: boolean): Result<Predicate> {
  const tests: ((raw: string, lower: () => string) => boolean)[] = [];
  for (const v of values) {
    if (typeof v !== 'string' && typeof v !== 'number') {
      return fail(`keywords must be strings or numbers, got ${v === null ? 'null' : typeof v}`);
    }
    tests.push(compileKeywordTest(String(v)));
  }
  if (tests.length === 0) return fail('expected at least one keyword');
  return ok((input) => {
    const lower = lowerRaw(input);
    return all ? tests.every((t) => t(input.raw, lower)) : tests.some((t) => t(input.raw, lower));
  });
}

function anyOf(tests: readonly ValueTest[]): ValueTest {
  if (tests.length === 1) return tests[0]!;
  return (value) => {
    for (const t of tests) if (t(value)) return true;
    return false;
  };
}

/** One `field|modifiers: value(s)` entry of a selection map, as a predicate on the native record. */
export function compileFieldMatcher(key: string, value: unknown, source: SourceKind): Result<Predicate> {
  const [field = '', ...modifierNames] = key.split('|');
  const mods = parseModifiers(modifierNames);
  if (!mods.ok) return mods;
  const values = scalarsOf(value);
  if (!values.ok) return values;
  if (field === '') {
    if (mods.value.kind !== 'exact' && mods.value.kind !== 'contains') {
      return fail(`keywords take only the 'all' modifier, got '${mods.value.kind}'`);
    }
    return compileKeywords(values.value, mods.value.all);
  }
  const resolver = compileFieldResolver(field, pathsFor(source, field));
  if (mods.value.kind === 'exists') {
    const [expected] = values.value;
    if (values.value.length !== 1 || typeof expected !== 'boolean') {
      return fail(`'exists' expects true or false, got ${JSON.stringify(value)}`);
    }
    return ok((input) => (someValue(input.record, resolver, () => true) === true) === expected);
  }
  if (mods.value.all && values.value.length < 2) {
    return fail(`'all' needs a list of at least two values; use a plain value instead`);
  }
  const tests: ValueTest[] = [];
  let matchesNull = false;
  for (const v of values.value) {
    if (v === null && mods.value.kind === 'exact' && !mods.value.all) {
      matchesNull = true;
      continue;
    }
    const test = compileValueTest(v, mods.value);
    if (!test.ok) return test;
    tests.push(test.value);
  }
  if (mods.value.all) {
    return ok((input) => tests.every((t) => someValue(input.record, resolver, t) === true));
  }
  const any = tests.length > 0 ? anyOf(tests) : undefined;
  const notNull = (v: unknown) => v !== null;
  return ok((input) => {
    if (any && someValue(input.record, resolver, any) === true) return true;
    // `null` matches a field that is missing or null.
    return matchesNull && someValue(input.record, resolver, notNull) !== true;
  });
}
