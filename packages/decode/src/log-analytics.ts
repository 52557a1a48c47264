import { describeValue, isJsonObject, jsonTypeName } from './describe-value.ts';

/** Column names of a Log Analytics query API table, and which ones are `dynamic`. */
export interface LaColumns {
  readonly names: readonly string[];
  readonly dynamic: readonly boolean[];
}

/** `[{"name":"TimeGenerated","type":"datetime"}, …]` → columns, or the reason it is not that. */
export function parseColumns(value: unknown): LaColumns | string {
  if (!Array.isArray(value)) return `columns must be an array, got ${jsonTypeName(value)}`;
  const names: string[] = [];
  const dynamic: boolean[] = [];
  for (let i = 0; i < value.length; i++) {
    const column: unknown = value[i];
    if (!isJsonObject(column) || typeof column.name !== 'string') {
      return `columns[${i}] must be an object with a string name, got ${describeValue(column)}`;
    }
    names.push(column.name);
    dynamic.push(column.type === 'dynamic');
  }
  return { names, dynamic };
}

/** The API returns `dynamic` cells as JSON text; objects and arrays are parsed back, like the portal shows them. */
function cellValue(cell: unknown, dynamic: boolean): unknown {
  if (!dynamic || typeof cell !== 'string') return cell;
  const first = cell.charCodeAt(0);
  if (first !== 123 && first !== 91) return cell;
  try {
    return JSON.parse(cell);
  } catch {
    return cell;
  }
}

/** One row array → an object keyed by column name, or the reason it cannot be. */
export function rowObject(columns: LaColumns, row: unknown): Record<string, unknown> | string {
  if (!Array.isArray(row)) return `row must be an array, got ${describeValue(row)}`;
  const names = columns.names;
  if (row.length !== names.length) return `row has ${row.length} values, expected ${names.length} columns`;
  const record: Record<string, unknown> = {};
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const cell = cellValue(row[i], columns.dynamic[i]!);
    if (name === '__proto__') {
      Object.defineProperty(record, name, {
        value: cell,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else {
      record[name] = cell;
    }
  }
  return record;
}
