import { type Cidr, parseCidr } from '@vigil/detect';
import type { ModifierSet } from './modifiers.ts';
import { compileStringTest, type StringTest } from './string-pattern.ts';
import { fail, ok, type Result } from './types.ts';

/** A test of one native value (a string, number, boolean, object or null). */
export type ValueTest = (value: unknown) => boolean;

/** A YAML scalar a rule may compare with. */
export type SigmaScalar = string | number | boolean | null;

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value;
}

/**
 * Runs a string test on the text forms of a value: numbers and booleans as written, the
 * `{value, localizedValue}` objects of Azure REST events by either text, other objects and
 * nested lists as their JSON text (as Log Analytics compares `dynamic` columns).
 */
function onText(test: StringTest): ValueTest {
  return (value) => {
    if (typeof value === 'string') return test(value);
    if (typeof value === 'number' || typeof value === 'boolean') return test(String(value));
    if (value === null || typeof value !== 'object') return false;
    if ('localizedValue' in value) {
      const { value: v, localizedValue: l } = value as { value?: unknown; localizedValue?: unknown };
      return (typeof v === 'string' && test(v)) || (typeof l === 'string' && test(l));
    }
    return test(JSON.stringify(value));
  };
}

/** A number as itself or as numeric text (`"50053"`); anything else is not a number. */
function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isNaN(n) ? undefined : n;
}

function equalsNumber(expected: number): ValueTest {
  const text = String(expected);
  return (value) => value === expected || value === text || numberOf(value) === expected;
}

function equalsBoolean(expected: boolean): ValueTest {
  const text = String(expected);
  return (value) => value === expected || (typeof value === 'string' && value.toLowerCase() === text);
}

const COMPARE = {
  lt: (a: number, b: number) => a < b,
  lte: (a: number, b: number) => a <= b,
  gt: (a: number, b: number) => a > b,
  gte: (a: number, b: number) => a >= b,
} as const;

/** One rule value under the field's modifiers, compiled once at load. */
export function compileValueTest(value: SigmaScalar, mods: ModifierSet): Result<ValueTest> {
  switch (mods.kind) {
    case 're': {
      if (typeof value !== 'string')
        return fail(`'re' expects a regular expression string, got ${describe(value)}`);
      try {
        const regex = new RegExp(value, mods.reFlags);
        return ok(onText((text) => regex.test(text)));
      } catch (error) {
        return fail(`invalid regular expression ${JSON.stringify(value)}: ${(error as Error).message}`);
      }
    }
    case 'cidr': {
      let cidr: Cidr | undefined;
      try {
        cidr = typeof value === 'string' ? parseCidr(value) : undefined;
      } catch {
        cidr = undefined;
      }
      if (!cidr)
        return fail(`'cidr' expects an IPv4 or IPv6 prefix like 10.0.0.0/8, got ${JSON.stringify(value)}`);
      const prefix = cidr;
      return ok((v) => typeof v === 'string' && prefix.contains(v));
    }
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte': {
      if (typeof value !== 'number') return fail(`'${mods.kind}' expects a number, got ${describe(value)}`);
      const compare = COMPARE[mods.kind];
      return ok((v) => {
        const n = numberOf(v);
        return n !== undefined && compare(n, value);
      });
    }
    case 'exists':
      return fail(`'exists' is handled per field, not per value`);
    default: {
      if (value === null) return fail(`null cannot be used with modifier '${mods.kind}'`);
      if (mods.kind === 'exact' && typeof value === 'number') return ok(equalsNumber(value));
      if (mods.kind === 'exact' && typeof value === 'boolean') return ok(equalsBoolean(value));
      return ok(onText(compileStringTest(String(value), mods.kind, mods.cased)));
    }
  }
}
