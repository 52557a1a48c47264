import type { SourceKind } from './field-aliases.ts';
import { compileFieldMatcher, compileKeywords } from './field-matcher.ts';
import { fail, ok, type Predicate, type Result } from './types.ts';

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value;
}

/** A map: every field entry must match (AND). */
function compileMap(map: Record<string, unknown>, source: SourceKind): Result<Predicate> {
  const entries = Object.entries(map);
  if (entries.length === 0) return fail('expected at least one field, got an empty map');
  const matchers: Predicate[] = [];
  for (const [key, value] of entries) {
    const m = compileFieldMatcher(key, value, source);
    if (!m.ok) return fail(`field '${key}': ${m.error}`);
    matchers.push(m.value);
  }
  if (matchers.length === 1) return ok(matchers[0]!);
  return ok((input) => {
    for (const m of matchers) if (!m(input)) return false;
    return true;
  });
}

/**
 * One search identifier of `detection`: a map of fields (AND), a list of maps (OR), or a list
 * of keywords (OR, anywhere in the record).
 */
export function compileSelection(name: string, item: unknown, source: SourceKind): Result<Predicate> {
  const where = `detection.${name}`;
  if (isMap(item)) {
    const m = compileMap(item, source);
    return m.ok ? m : fail(`${where}: ${m.error}`);
  }
  if (!Array.isArray(item)) return fail(`${where}: expected a map of fields or a list, got ${kindOf(item)}`);
  if (item.length === 0) return fail(`${where}: expected a non-empty list, got an empty list`);
  if (item.every((x) => !isMap(x))) {
    const k = compileKeywords(item, false);
    return k.ok ? k : fail(`${where}: ${k.error}`);
  }
  if (!item.every(isMap)) {
    return fail(`${where}: a list must hold only maps or only keywords, got a mix`);
  }
  const alternatives: Predicate[] = [];
  for (const [i, map] of item.entries()) {
    const m = compileMap(map, source);
    if (!m.ok) return fail(`${where}[${i}]: ${m.error}`);
    alternatives.push(m.value);
  }
  return ok((input) => {
    for (const m of alternatives) if (m(input)) return true;
    return false;
  });
}
