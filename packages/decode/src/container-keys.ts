/**
 * Keys whose array value holds records: CloudTrail S3 files (`Records`), Azure diagnostic exports
 * and Event Hub batches (`records`), Azure REST list responses (`value`) and GCP
 * `entries.list` responses (`entries`).
 */
export const ELEMENT_KEYS: ReadonlySet<string> = new Set(['Records', 'records', 'value', 'entries']);

/** Log Analytics query API responses: `{"tables":[{"columns":[…],"rows":[[…]]}]}`. */
export const TABLES_KEY = 'tables';

export function isContainerKey(key: string): boolean {
  return key === TABLES_KEY || ELEMENT_KEYS.has(key);
}
