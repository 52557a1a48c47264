import type { z } from 'zod';

/**
 * Enforces an OCSF `at_least_one` constraint: the object (or event) must set one of `keys`.
 * `keys` lists the constrained attributes the schema models; the strict objects reject the rest.
 */
export function atLeastOne<T extends z.ZodObject>(schema: T, what: string, keys: readonly string[]): T {
  return schema.refine((value) => keys.some((k) => (value as Record<string, unknown>)[k] !== undefined), {
    message: `${what} needs at least one of ${keys.join(', ')}, got none`,
  });
}
