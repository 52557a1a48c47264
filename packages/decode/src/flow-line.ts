import { KNOWN_FLOW_FIELDS } from './flow-fields.ts';
import type { FlowLayout } from './flow-layout.ts';

export type FlowLineResult =
  | { kind: 'record'; variant: string; record: Record<string, string> }
  | { kind: 'skip'; reason: string }
  | { kind: 'reject'; reason: string };

const NO_EVENT_STATUS: ReadonlyMap<string, string> = new Map([
  ['NODATA', 'VPC flow log-status NODATA: no traffic was recorded in the aggregation interval'],
  ['SKIPDATA', 'VPC flow log-status SKIPDATA: flow records were skipped in the aggregation interval'],
]);
const FIELD_NAME_SHAPE = /^[a-z][a-z-]*[a-z]$/;
const VERSION_SHAPE = /^[0-9]{1,3}$/;

/** AWS writes single spaces; anything else (tabs, runs of spaces) takes the slower general split. */
export function splitFlowTokens(line: string): string[] {
  const simple =
    line.indexOf('  ') < 0 &&
    line.indexOf('\t') < 0 &&
    line.charCodeAt(0) !== 32 &&
    line.charCodeAt(line.length - 1) !== 32;
  if (simple) return line.split(' ');
  const trimmed = line.trim();
  return trimmed === '' ? [] : trimmed.split(/\s+/);
}

function fieldName(token: string): string {
  return token.startsWith('${') && token.endsWith('}') ? token.slice(2, -1) : token;
}

/**
 * The field list when the tokens form a header line (`version account-id …`, or the
 * `${version} ${account-id} …` format string). Names newer than v5 are accepted when most names
 * are known, so a later-version header still sets the layout; data values never look like this
 * because they carry digits, dots or upper case.
 */
export function parseFlowHeader(tokens: readonly string[]): string[] | undefined {
  const first = tokens[0];
  if (first === undefined || !KNOWN_FLOW_FIELDS.has(fieldName(first))) return undefined;
  const names = tokens.map(fieldName);
  let known = 0;
  for (const name of names) {
    if (!FIELD_NAME_SHAPE.test(name)) return undefined;
    if (KNOWN_FLOW_FIELDS.has(name)) known++;
  }
  if (known * 2 < names.length || new Set(names).size !== names.length) return undefined;
  return names;
}

/** One VPC flow line (no newline) read with `layout`. */
export function decodeFlowTokens(tokens: readonly string[], layout: FlowLayout): FlowLineResult {
  const fields = layout.fields;
  if (tokens.length !== fields.length) {
    return {
      kind: 'reject',
      reason: `VPC flow line has ${tokens.length} fields, expected ${fields.length} (${layout.origin})`,
    };
  }
  if (layout.statusAt >= 0) {
    const status = NO_EVENT_STATUS.get(tokens[layout.statusAt]!);
    if (status !== undefined) return { kind: 'skip', reason: status };
  }
  let variant = 'v2';
  if (layout.versionAt >= 0) {
    const version = tokens[layout.versionAt]!;
    if (!VERSION_SHAPE.test(version)) {
      return {
        kind: 'reject',
        reason: `VPC flow line: version must be a number, got '${version.slice(0, 40)}' (${layout.origin})`,
      };
    }
    variant = `v${version}`;
  }
  const record: Record<string, string> = {};
  for (let i = 0; i < fields.length; i++) record[fields[i]!] = tokens[i]!;
  return { kind: 'record', variant, record };
}
