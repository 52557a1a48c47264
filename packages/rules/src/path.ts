import type { OcsfEvent } from '@vigil/schema';
import { DERIVED, type Derived } from './derived.ts';
import { accountOf, actorLabel, actorOf } from './fields.ts';

/** Where a rule's field names are resolved: the OCSF event, or `native.` for the source record. */
export interface FieldScope {
  event: OcsfEvent;
  native?: Readonly<Record<string, unknown>>;
}

/** Names that read as fields in rule files but are derived, so every rule means the same thing. */
const VIRTUAL: Readonly<Record<string, (event: OcsfEvent) => unknown>> = {
  actor: actorOf,
  actor_label: actorLabel,
  account: accountOf,
};

export type FieldReader = (scope: FieldScope) => unknown[];

/**
 * Compiles a dotted field path to a reader returning every value found: a step over an array
 * visits each element, so `resources.uid` yields the uid of every resource.
 */
export function compilePath(path: string): FieldReader {
  if (path.startsWith('@')) {
    const derived = derivedField(path);
    return ({ event, native }) => flat(derived(event, native));
  }
  const virtual = VIRTUAL[path];
  if (virtual) return ({ event }) => wrap(virtual(event));
  const native = path.startsWith('native.');
  const steps = (native ? path.slice('native.'.length) : path).split('.');
  return (scope) => {
    const out: unknown[] = [];
    walk(native ? scope.native : scope.event, steps, 0, out);
    return out;
  };
}

function derivedField(path: string): Derived {
  const derived = DERIVED[path.slice(1)];
  if (!derived)
    throw new UnknownFieldError(
      `unknown derived field ${path} (known: ${Object.keys(DERIVED)
        .map((k) => `@${k}`)
        .join(', ')})`,
    );
  return derived;
}

export class UnknownFieldError extends Error {
  override name = 'UnknownFieldError';
}

function flat(v: unknown): unknown[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

function wrap(v: unknown): unknown[] {
  return v === undefined ? [] : [v];
}

function walk(value: unknown, steps: readonly string[], i: number, out: unknown[]): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const v of value) walk(v, steps, i, out);
    return;
  }
  if (i === steps.length) {
    out.push(value);
    return;
  }
  if (typeof value !== 'object') return;
  walk((value as Record<string, unknown>)[steps[i]!], steps, i + 1, out);
}

/**
 * The first scalar at a path as a string, for keys: the value the path's reader would list
 * first, found by walking without collecting the others.
 */
export function compileFirstString(
  path: string,
): (event: OcsfEvent, native?: Readonly<Record<string, unknown>>) => string | undefined {
  const has = compileTester(path);
  let found: string | undefined;
  const pick = (v: unknown): boolean => {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return false;
    found = String(v);
    return true;
  };
  return (event, native) => {
    found = undefined;
    has(event, native, pick);
    return found;
  };
}

/**
 * Every non-object value at a path as text joined with `, `, undefined when there is none: what
 * summaries print, built while walking instead of from a list of the values.
 */
export function compileScalarList(
  path: string,
): (event: OcsfEvent, native?: Readonly<Record<string, unknown>>) => string | undefined {
  const visit = compileTester(path);
  let text = '';
  let count = 0;
  const add = (v: unknown): boolean => {
    if (typeof v !== 'object') {
      text = count === 0 ? String(v) : `${text}, ${String(v)}`;
      count++;
    }
    return false;
  };
  return (event, native) => {
    text = '';
    count = 0;
    visit(event, native, add);
    return count > 0 ? text : undefined;
  };
}

/** Tests whether any value at a path passes `test`, walking without collecting values. */
export type FieldTester = (
  event: OcsfEvent,
  native: Readonly<Record<string, unknown>> | undefined,
  test: (v: unknown) => boolean,
) => boolean;

export function compileTester(path: string): FieldTester {
  // Derived and virtual values are tested as compilePath reads them, without its scope object
  // and result list: a derived value is flattened and null skipped, a virtual one only undefined.
  if (path.startsWith('@')) {
    const derived = derivedField(path);
    return (event, native, test) => {
      const v = derived(event, native);
      if (v === undefined || v === null) return false;
      return Array.isArray(v) ? v.some(test) : test(v);
    };
  }
  const virtual = VIRTUAL[path];
  if (virtual) {
    return (event, _native, test) => {
      const v = virtual(event);
      return v !== undefined && test(v);
    };
  }
  const native = path.startsWith('native.');
  const steps = (native ? path.slice('native.'.length) : path).split('.');
  const depth = steps.length;
  function fromArray(list: readonly unknown[], i: number, test: (v: unknown) => boolean): boolean {
    for (const v of list) if (walkFrom(v, i, test)) return true;
    return false;
  }
  function walkFrom(start: unknown, from: number, test: (v: unknown) => boolean): boolean {
    let v = start;
    // Objects along the path are the common case: a loop, with recursion only at arrays.
    for (let i = from; i < depth; i++) {
      if (v === undefined || v === null || typeof v !== 'object') return false;
      if (Array.isArray(v)) return fromArray(v, i, test);
      v = (v as Record<string, unknown>)[steps[i]!];
    }
    if (v === undefined || v === null) return false;
    return Array.isArray(v) ? fromArray(v, depth, test) : test(v);
  }
  return native
    ? (_event, nat, test) => walkFrom(nat, 0, test)
    : (event, _nat, test) => walkFrom(event, 0, test);
}
