import { emitReject } from './decode-context.ts';
import { type LaColumns, parseColumns, rowObject } from './log-analytics.ts';
import type { RecordDispatcher } from './record-dispatcher.ts';
import type { RecordLocation } from './types.ts';

function parseError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A table's `columns` text → columns, or why the table's rows cannot be read (rejected here). */
export function columnsFromText(
  d: RecordDispatcher,
  text: string | undefined,
  location: RecordLocation,
): LaColumns | string {
  if (text === undefined) return 'the columns array exceeds maxRecordBytes';
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return `columns are not valid JSON (${parseError(error)})`;
  }
  const columns = parseColumns(parsed);
  if (typeof columns === 'string') emitReject(d.ctx, location, `Log Analytics columns: ${columns}`, text);
  return columns;
}

/** One row's text, read with its table's columns (undefined when the rows came first). */
export function decodeRow(
  d: RecordDispatcher,
  where: string,
  columns: LaColumns | string | undefined,
  text: string,
  location: RecordLocation,
): void {
  const ctx = d.ctx;
  if (columns === undefined) {
    emitReject(ctx, location, `${where}: the row precedes its table's columns`, text);
    return;
  }
  if (typeof columns === 'string') {
    emitReject(ctx, location, `${where}: the table has no usable columns (${columns})`, text);
    return;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    emitReject(ctx, location, `${where}: invalid JSON: ${parseError(error)}`, text);
    return;
  }
  const record = rowObject(columns, parsed);
  if (typeof record === 'string') emitReject(ctx, location, `${where}: ${record}`, text);
  else d.row(record, location);
}
