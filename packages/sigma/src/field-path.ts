/** One dotted path step: the key as written, and its loose form for the fallback lookup. */
interface Step {
  readonly key: string;
  readonly loose: string;
  /** This step and the ones after it joined by dots, for keys that contain dots themselves. */
  readonly rest: string;
  readonly restLoose: string;
}

/** Where a Sigma field is looked for in a native record: candidate paths, first found wins. */
export interface FieldResolver {
  readonly field: string;
  readonly candidates: readonly (readonly Step[])[];
}

/** Case and underscores are ignored by the fallback, so `principal_email` finds `principalEmail`. */
export function looseKey(key: string): string {
  return key.toLowerCase().replaceAll('_', '');
}

function stepsOf(path: string): Step[] {
  const keys = path.split('.');
  return keys.map((key, i) => {
    const rest = keys.slice(i).join('.');
    return { key, loose: looseKey(key), rest, restLoose: looseKey(rest) };
  });
}

export function compileFieldResolver(field: string, paths: readonly string[]): FieldResolver {
  return { field, candidates: paths.map(stepsOf) };
}

const MISSING = 0;
const NO = 1;
const YES = 2;
type Outcome = typeof MISSING | typeof NO | typeof YES;

/** Log Analytics returns `dynamic` columns as JSON text; parsed once per record and column. */
const parsedJson = new WeakMap<object, Map<string, unknown>>();

function embeddedJson(owner: object, key: string, text: string): unknown {
  const first = text.charCodeAt(0);
  if (first !== 0x7b && first !== 0x5b) return text;
  let byKey = parsedJson.get(owner);
  if (!byKey) {
    byKey = new Map();
    parsedJson.set(owner, byKey);
  }
  if (byKey.has(key)) return byKey.get(key);
  let value: unknown = text;
  try {
    value = JSON.parse(text);
  } catch {
    // Text that only looks like JSON is matched as text.
  }
  byKey.set(key, value);
  return value;
}

function findKey(
  obj: Record<string, unknown>,
  key: string,
  loose: string,
  allowLoose: boolean,
): string | undefined {
  if (Object.hasOwn(obj, key)) return key;
  if (!allowLoose) return undefined;
  for (const k in obj) {
    // Dropping underscores only shortens a key, so a shorter key cannot match.
    if (k.length >= loose.length && looseKey(k) === loose) return k;
  }
  return undefined;
}

function terminal(value: unknown, test: (v: unknown) => boolean): Outcome {
  if (Array.isArray(value) && value.length > 0) {
    for (const v of value) if (terminal(v, test) === YES) return YES;
    return NO;
  }
  return test(value) ? YES : NO;
}

function visit(
  node: unknown,
  steps: readonly Step[],
  i: number,
  allowLoose: boolean,
  test: (v: unknown) => boolean,
): Outcome {
  if (i === steps.length) return terminal(node, test);
  if (Array.isArray(node)) {
    // A step over an array matches when any element matches.
    let outcome: Outcome = MISSING;
    for (const element of node) {
      const r = visit(element, steps, i, allowLoose, test);
      if (r === YES) return YES;
      if (r === NO) outcome = NO;
    }
    return outcome;
  }
  if (node === null || typeof node !== 'object') return MISSING;
  const obj = node as Record<string, unknown>;
  const step = steps[i]!;
  const key = findKey(obj, step.key, step.loose, allowLoose);
  if (key !== undefined) {
    const child = obj[key];
    const last = i + 1 === steps.length;
    const next = !last && typeof child === 'string' ? embeddedJson(obj, key, child) : child;
    return visit(next, steps, i + 1, allowLoose, test);
  }
  if (i + 1 < steps.length) {
    // JWT claim URIs and Sigma names like `ConsentContext.IsAdminConsent` are keys with dots.
    const whole = findKey(obj, step.rest, step.restLoose, allowLoose);
    if (whole !== undefined) return terminal(obj[whole], test);
  }
  return MISSING;
}

/**
 * Tests the values a field resolves to: true when one passes `test`, false when none does,
 * undefined when the field is missing. Candidate paths are tried with exact keys first, then
 * with the case-insensitive fallback, so an exact spelling always beats a look-alike column.
 */
export function someValue(
  record: unknown,
  resolver: FieldResolver,
  test: (value: unknown) => boolean,
): boolean | undefined {
  let r = firstFound(record, resolver, false, test);
  if (r === MISSING) r = firstFound(record, resolver, true, test);
  return r === MISSING ? undefined : r === YES;
}

function firstFound(
  record: unknown,
  resolver: FieldResolver,
  allowLoose: boolean,
  test: (value: unknown) => boolean,
): Outcome {
  for (const steps of resolver.candidates) {
    const r = visit(record, steps, 0, allowLoose, test);
    if (r !== MISSING) return r;
  }
  return MISSING;
}

/** Every value a field resolves to (terminal arrays flattened), for evidence. */
export function valuesOf(record: unknown, resolver: FieldResolver): unknown[] {
  const values: unknown[] = [];
  someValue(record, resolver, (v) => {
    values.push(v);
    return false;
  });
  return values;
}
