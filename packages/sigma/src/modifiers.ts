import { fail, ok, type Result } from './types.ts';

/** How a field's values are compared, from the modifiers after `|`. */
export interface ModifierSet {
  /** `exact` unless contains/startswith/endswith; `re`, `cidr`, `exists` and `lt`…`gte` are their own kinds. */
  kind:
    | 'exact'
    | 'contains'
    | 'startswith'
    | 'endswith'
    | 're'
    | 'cidr'
    | 'exists'
    | 'lt'
    | 'lte'
    | 'gt'
    | 'gte';
  all: boolean;
  cased: boolean;
  /** Flags of the `re` sub-modifiers `i`, `m`, `s`. */
  reFlags: string;
}

const KINDS = new Set<ModifierSet['kind']>([
  'contains',
  'startswith',
  'endswith',
  're',
  'cidr',
  'exists',
  'lt',
  'lte',
  'gt',
  'gte',
]);
const RE_FLAGS = new Set(['i', 'm', 's']);
/** Standard Sigma modifiers this engine does not implement; rules using them are refused at load. */
const UNSUPPORTED = new Set([
  'windash',
  'base64',
  'base64offset',
  'utf16',
  'utf16le',
  'utf16be',
  'wide',
  'expand',
  'fieldref',
  'neq',
  'minute',
  'hour',
  'day',
  'week',
  'month',
  'year',
]);

/** Parses `contains|all`-style modifier lists, refusing unknown, unsupported and conflicting ones. */
export function parseModifiers(modifiers: readonly string[]): Result<ModifierSet> {
  const set: ModifierSet = { kind: 'exact', all: false, cased: false, reFlags: '' };
  const seen = new Set<string>();
  for (const raw of modifiers) {
    const m = raw.toLowerCase();
    if (seen.has(m)) return fail(`modifier '${raw}' is given twice`);
    seen.add(m);
    if (UNSUPPORTED.has(m)) return fail(`modifier '${raw}' is not supported by Vigil's Sigma engine`);
    if (m === 'all') set.all = true;
    else if (m === 'cased') set.cased = true;
    else if (RE_FLAGS.has(m)) {
      if (set.kind !== 're') return fail(`modifier '${raw}' is a sub-modifier of 're' and must follow it`);
      set.reFlags += m;
    } else if (KINDS.has(m as ModifierSet['kind'])) {
      if (set.kind !== 'exact') return fail(`modifiers '${set.kind}' and '${raw}' cannot be combined`);
      set.kind = m as ModifierSet['kind'];
    } else {
      return fail(`unknown modifier '${raw}'`);
    }
  }
  const stringKind =
    set.kind === 'exact' || set.kind === 'contains' || set.kind === 'startswith' || set.kind === 'endswith';
  if (set.cased && !stringKind) return fail(`modifier 'cased' cannot be combined with '${set.kind}'`);
  if (set.all && set.kind === 'exists') return fail(`modifier 'all' cannot be combined with 'exists'`);
  return ok(set);
}
