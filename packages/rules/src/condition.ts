import type { OcsfEvent } from '@vigil/schema';
import { compileTester, type FieldTester } from './path.ts';

/**
 * The `where` language of rule files: a map of field → expected value is an AND; a list of
 * values is any-of; operator objects test values; `all`, `any` and `not` combine. String
 * equality ignores case, since sources disagree on it (Azure upper-cases operation names).
 */
/** Native record of the event, for `native.` paths. */
type Native = Readonly<Record<string, unknown>> | undefined;

/** Takes the event and native record as arguments, not a scope object: nothing is allocated per event. */
export type Condition = (event: OcsfEvent, native?: Native) => boolean;

export class ConditionError extends Error {
  override name = 'ConditionError';
}

/** A named set of addresses or domains (Tor exits, C2 lists); implemented by `@vigil/intel`. */
export interface SetLookup {
  contains(value: string): boolean;
}

export interface ConditionOptions {
  /**
   * Sets `{inSet: name}` resolves against. Given, an unknown name is an error naming the known
   * ones; omitted, set tests match nothing (the rule still loads, e.g. for listing the catalog).
   */
  sets?: ReadonlyMap<string, SetLookup>;
}

type ValueTest = (v: unknown) => boolean;

const SET_NAME = /^[a-z][a-z0-9_]*$/;

const OPERATORS: Readonly<
  Record<string, (arg: unknown, where: string, options: ConditionOptions) => ValueTest>
> = {
  equals: (arg) => equalsTest(arg),
  inSet: (arg, where, options) => setTest(arg, where, options),
  in: (arg, where) => {
    if (!Array.isArray(arg)) throw new ConditionError(`${where}: in expects a list`);
    return listTest(arg);
  },
  startsWith: (arg, where) => stringTest(arg, where, 'start'),
  endsWith: (arg, where) => stringTest(arg, where, 'end'),
  contains: (arg, where) => stringTest(arg, where, 'contains'),
  regex: (arg, where) => {
    if (typeof arg !== 'string') throw new ConditionError(`${where}: regex expects a string`);
    let re: RegExp;
    try {
      re = new RegExp(arg, 'i');
    } catch (error) {
      throw new ConditionError(`${where}: invalid regex ${arg}: ${(error as Error).message}`);
    }
    return (v) => typeof v === 'string' && re.test(v);
  },
  gt: (arg, where) => numberTest(arg, where, (v, a) => v > a),
  gte: (arg, where) => numberTest(arg, where, (v, a) => v >= a),
  lt: (arg, where) => numberTest(arg, where, (v, a) => v < a),
  lte: (arg, where) => numberTest(arg, where, (v, a) => v <= a),
};

/** Any-of over a list: strings go in one lower-cased set, so long lists cost one lookup. */
function listTest(values: readonly unknown[]): ValueTest {
  const strings = new Set<string>();
  const others: ValueTest[] = [];
  for (const v of values) {
    if (typeof v === 'string') strings.add(v.toLowerCase());
    else others.push(equalsTest(v));
  }
  return (v) =>
    (typeof v === 'string'
      ? strings.has(isLowerAscii(v) ? v : v.toLowerCase())
      : typeof v === 'number' && strings.has(String(v))) ||
    (others.length > 0 && some(others, v));
}

/** True when lower-casing cannot change `v`: the common case costs a scan instead of a new string. */
function isLowerAscii(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c >= 128 || (c >= 65 && c <= 90)) return false;
  }
  return true;
}

/**
 * `v.toLowerCase() === lower` for a `v` as long as the rule's value, without building the lower-cased
 * string while `v` is ASCII (ASCII lower-cases char by char); past any other char, the exact test.
 */
function equalsLower(v: string, lower: string): boolean {
  for (let i = 0; i < v.length; i++) {
    let c = v.charCodeAt(i);
    if (c >= 128) return v.toLowerCase() === lower;
    if (c >= 65 && c <= 90) c += 32;
    if (c !== lower.charCodeAt(i)) return false;
  }
  return lower.length === v.length;
}

/**
 * Membership in named sets: `{inSet: tor_exit}` or `{inSet: [feodo_c2, threatfox_ip]}`. The sets
 * are resolved once, here, so an event costs one lookup per set.
 */
function setTest(arg: unknown, where: string, options: ConditionOptions): ValueTest {
  const names = Array.isArray(arg) ? arg : [arg];
  if (names.length === 0) throw new ConditionError(`${where}: inSet expects a set name or a list of them`);
  const sets: SetLookup[] = [];
  for (const name of names) {
    if (typeof name !== 'string' || !SET_NAME.test(name))
      throw new ConditionError(`${where}: set names are snake_case words, got ${JSON.stringify(name)}`);
    if (!options.sets) continue;
    const set = options.sets.get(name);
    if (!set)
      throw new ConditionError(
        `${where}: unknown set ${name} (known: ${[...options.sets.keys()].sort().join(', ') || 'none'})`,
      );
    sets.push(set);
  }
  if (sets.length === 0) return () => false;
  return (v) => {
    if (typeof v !== 'string') return false;
    for (const s of sets) if (s.contains(v)) return true;
    return false;
  };
}

function anyOf(tests: readonly ValueTest[]): ValueTest {
  return (v) => some(tests, v);
}

/** Loops rather than `Array.some` with a closure: these run per event and value, allocation-free. */
function some(tests: readonly ValueTest[], v: unknown): boolean {
  for (let i = 0; i < tests.length; i++) if (tests[i]!(v)) return true;
  return false;
}

function every(tests: readonly ValueTest[], v: unknown): boolean {
  for (let i = 0; i < tests.length; i++) if (!tests[i]!(v)) return false;
  return true;
}

function equalsTest(arg: unknown): ValueTest {
  if (typeof arg === 'string') {
    const lower = arg.toLowerCase();
    // Most values differ in length or match exactly: lower-case only when it can matter.
    return (v) =>
      typeof v === 'string'
        ? v === arg || (v.length === arg.length && equalsLower(v, lower))
        : typeof v === 'number' && String(v) === arg;
  }
  if (typeof arg === 'number') return (v) => v === arg || (typeof v === 'string' && v === String(arg));
  return (v) => v === arg;
}

/**
 * startsWith / endsWith / contains over one or more needles, as one precompiled case-insensitive
 * regex: no per-event lower-casing or allocation.
 */
function stringTest(arg: unknown, where: string, kind: 'start' | 'end' | 'contains'): ValueTest {
  const needles = (Array.isArray(arg) ? arg : [arg]).map((a) => {
    if (typeof a !== 'string') throw new ConditionError(`${where}: expects a string or a list of strings`);
    return a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  });
  const body = `(?:${needles.join('|')})`;
  const re = new RegExp(kind === 'start' ? `^${body}` : kind === 'end' ? `${body}$` : body, 'i');
  return (v) => typeof v === 'string' && re.test(v);
}

function numberTest(arg: unknown, where: string, test: (v: number, a: number) => boolean): ValueTest {
  if (typeof arg !== 'number') throw new ConditionError(`${where}: expects a number`);
  return (v) => {
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
    return !Number.isNaN(n) && test(n, arg);
  };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A value test from a rule file's expected value: scalar, list (any-of) or operator object. */
function valueTest(
  expected: unknown,
  where: string,
  options: ConditionOptions,
): { test: ValueTest; exists?: boolean; negate?: boolean } {
  if (Array.isArray(expected)) {
    if (expected.every((e) => !isPlainObject(e))) return { test: listTest(expected) };
    return { test: anyOf(expected.map((e) => valueTest(e, where, options).test)) };
  }
  if (!isPlainObject(expected)) return { test: equalsTest(expected) };
  const keys = Object.keys(expected);
  if (keys.length === 1 && keys[0] === 'exists')
    return { test: () => true, exists: expected.exists === true };
  if (keys.length === 1 && keys[0] === 'not') {
    const inner = valueTest(expected.not, `${where}.not`, options);
    return { test: inner.test, negate: true };
  }
  const tests = keys.map((k) => {
    const op = OPERATORS[k];
    if (!op)
      throw new ConditionError(
        `${where}: unknown operator ${k} (known: ${Object.keys(OPERATORS).join(', ')}, exists, not)`,
      );
    return op(expected[k], `${where}.${k}`, options);
  });
  return { test: (v) => every(tests, v) };
}

const ALWAYS = () => true;

function fieldCondition(
  path: string,
  expected: unknown,
  where: string,
  options: ConditionOptions,
): Condition {
  const has: FieldTester = compileTester(path);
  const { test, exists, negate } = valueTest(expected, `${where}.${path}`, options);
  if (exists !== undefined) return (event, native) => has(event, native, ALWAYS) === exists;
  if (negate) return (event, native) => !has(event, native, test);
  return (event, native) => has(event, native, test);
}

/** Compiles a `where` block; throws ConditionError naming the place of any mistake. */
export function compileCondition(spec: unknown, where = 'where', options: ConditionOptions = {}): Condition {
  if (Array.isArray(spec)) return all(spec.map((s, i) => compileCondition(s, `${where}[${i}]`, options)));
  if (!isPlainObject(spec)) throw new ConditionError(`${where}: expected a map of field conditions`);
  const parts: Condition[] = [];
  for (const [key, value] of Object.entries(spec)) {
    if (key === 'all') {
      if (!Array.isArray(value)) throw new ConditionError(`${where}.all: expected a list`);
      parts.push(all(value.map((s, i) => compileCondition(s, `${where}.all[${i}]`, options))));
    } else if (key === 'any') {
      if (!Array.isArray(value)) throw new ConditionError(`${where}.any: expected a list`);
      const choices = value.map((s, i) => compileCondition(s, `${where}.any[${i}]`, options));
      parts.push((event, native) => {
        for (const c of choices) if (c(event, native)) return true;
        return false;
      });
    } else if (key === 'not') {
      const inner = compileCondition(value, `${where}.not`, options);
      parts.push((event, native) => !inner(event, native));
    } else {
      parts.push(fieldCondition(key, value, where, options));
    }
  }
  return all(parts);
}

function all(parts: readonly Condition[]): Condition {
  if (parts.length === 1) return parts[0]!;
  return (event, native) => {
    for (const p of parts) if (!p(event, native)) return false;
    return true;
  };
}
