import { ELEMENT_KEYS, TABLES_KEY } from './container-keys.ts';
import { emitReject } from './decode-context.ts';
import { isJsonObject } from './describe-value.ts';
import { parseColumns, rowObject } from './log-analytics.ts';
import type { RecordDispatcher } from './record-dispatcher.ts';
import { serialize } from './serialize.ts';
import type { RecordLocation } from './types.ts';

export function hasContainerKey(value: Record<string, unknown>): boolean {
  if (Array.isArray(value[TABLES_KEY])) return true;
  for (const key of ELEMENT_KEYS) if (Array.isArray(value[key])) return true;
  return false;
}

function expandTables(d: RecordDispatcher, tables: unknown[], location: RecordLocation): void {
  for (let t = 0; t < tables.length; t++) {
    const table = tables[t];
    const columns = isJsonObject(table) ? parseColumns(table.columns) : 'table must be an object';
    if (typeof columns === 'string') {
      emitReject(d.ctx, location, `Log Analytics tables[${t}]: ${columns}`, serialize(table));
      continue;
    }
    const rows: unknown[] = isJsonObject(table) && Array.isArray(table.rows) ? table.rows : [];
    for (let index = 0; index < rows.length; index++) {
      const record = rowObject(columns, rows[index]);
      const at = { ...location, index };
      if (typeof record === 'string')
        emitReject(d.ctx, at, `Log Analytics tables[${t}].rows[${index}]: ${record}`);
      else d.row(record, at);
    }
  }
}

/**
 * A container the scanner could not stream because its key was written with escapes
 * (`"Rec\u006frds"`): its elements are expanded from the parsed value and re-serialized.
 */
export function expandParsedContainer(
  d: RecordDispatcher,
  value: Record<string, unknown>,
  location: RecordLocation,
): void {
  const tables = value[TABLES_KEY];
  if (Array.isArray(tables)) expandTables(d, tables, location);
  for (const key of ELEMENT_KEYS) {
    const items = value[key];
    if (!Array.isArray(items)) continue;
    for (let index = 0; index < items.length; index++) {
      const item: unknown = items[index];
      const raw = serialize(item);
      const at = { ...location, index };
      if (raw === undefined) emitReject(d.ctx, at, `${key}[${index}] is nested too deeply to serialize`);
      else d.value(item, raw, at, 'element');
    }
  }
}
