import { z } from 'zod';

/** What one attribute of a zod object looks like once optional and array wrappers are peeled off. */
export interface FieldShape {
  readonly optional: boolean;
  readonly array: boolean;
  readonly inner: z.ZodType;
}

export function fieldShape(schema: z.ZodType): FieldShape {
  let inner = schema;
  let optional = false;
  if (inner instanceof z.ZodOptional) {
    optional = true;
    inner = inner.unwrap() as z.ZodType;
  }
  const array = inner instanceof z.ZodArray;
  if (inner instanceof z.ZodArray) inner = inner.element as z.ZodType;
  return { optional, array, inner };
}

/** The values a literal or a union of literals admits; undefined for anything else. */
export function literalValues(schema: z.ZodType): unknown[] | undefined {
  if (schema instanceof z.ZodLiteral) return [...schema.values];
  if (!(schema instanceof z.ZodUnion)) return undefined;
  const values: unknown[] = [];
  for (const option of schema.options as z.ZodType[]) {
    const v = literalValues(option);
    if (!v) return undefined;
    values.push(...v);
  }
  return values;
}

export type ZodKind = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'record' | 'unknown' | 'other';

/** The JSON kind a schema accepts; integer literals count as integers. */
export function zodKind(schema: z.ZodType): ZodKind {
  const literals = literalValues(schema);
  if (literals) return literals.every((v) => Number.isInteger(v)) ? 'integer' : 'other';
  if (schema instanceof z.ZodString) return 'string';
  if (schema instanceof z.ZodNumber) return schema.isInt ? 'integer' : 'number';
  if (schema instanceof z.ZodBoolean) return 'boolean';
  if (schema instanceof z.ZodObject) return 'object';
  if (schema instanceof z.ZodRecord) return 'record';
  if (schema instanceof z.ZodUnknown) return 'unknown';
  return 'other';
}
