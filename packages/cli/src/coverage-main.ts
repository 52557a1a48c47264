import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadCatalog } from '@vigil/rules';
import { coverageMarkdown, navigatorLayer, ruleTable } from './coverage.ts';

/** `pnpm rules` lists the catalog; `pnpm coverage [--out DIR]` writes the Navigator layer and a Markdown table. */
const [command, ...rest] = process.argv.slice(2);
const { values } = parseArgs({
  args: rest,
  options: { out: { type: 'string', default: 'vigil-coverage' }, rules: { type: 'string', multiple: true } },
});
const rules = await loadCatalog(values.rules ?? []);
if (command === 'list') {
  process.stdout.write(ruleTable(rules));
} else {
  mkdirSync(values.out, { recursive: true });
  const layer = path.join(values.out, 'attack-navigator-layer.json');
  const table = path.join(values.out, 'coverage.md');
  writeFileSync(layer, `${JSON.stringify(navigatorLayer(rules), null, 2)}\n`);
  writeFileSync(table, coverageMarkdown(rules));
  process.stdout.write(`wrote ${layer} and ${table}\n`);
}
