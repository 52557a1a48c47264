import { fileURLToPath } from 'node:url';
import type { ConditionOptions } from './condition.ts';
import type { RuleDefinition } from './rule.ts';
import { loadRuleDirectory } from './rule-file.ts';

/** Vigil's own rules, shipped as YAML files next to this package's sources. */
export const CATALOG_DIR = fileURLToPath(new URL('../catalog/', import.meta.url));

/**
 * Loads Vigil's catalog, then any extra rule folders the user gives (their ids must not clash).
 * `catalogDir` is where the catalog itself lives: a Lambda bundle ships it next to its code,
 * where this module's own location no longer points. `options.sets` are the named sets
 * (`inSet`) the rules resolve against.
 */
export async function loadCatalog(
  extraDirs: readonly string[] = [],
  catalogDir: string = CATALOG_DIR,
  options: ConditionOptions = {},
): Promise<RuleDefinition[]> {
  const rules = await loadRuleDirectory(catalogDir, options);
  const ids = new Set(rules.map((r) => r.id));
  for (const dir of extraDirs) {
    for (const rule of await loadRuleDirectory(dir, options)) {
      if (ids.has(rule.id))
        throw new Error(`${rule.source}: rule id ${rule.id} is already used by Vigil's catalog`);
      ids.add(rule.id);
      rules.push(rule);
    }
  }
  return rules;
}
