import { DecodeOptionsError } from './errors.ts';
import { KNOWN_FLOW_FIELDS } from './flow-fields.ts';
import type { InputFormat } from './types.ts';

export interface DecodeOptions {
  /** Path as given by the user, or `-` for stdin; copied into every location. */
  file: string;
  /** `auto` (default) sniffs each file and classifies each record; a family name forces it. */
  format?: InputFormat;
  /** A longer record or line is rejected and skipped to its end (default 8 MiB, counted in UTF-16 units). */
  maxRecordBytes?: number;
  /** VPC flow field names for header-less lines (default: the 14 version 2 fields). */
  flowFields?: string[];
  /** Characters of raw text kept in a Reject (default 64 KiB; longer text is cut and `truncated` set). */
  rejectRawLimit?: number;
}

export interface DecodeSettings {
  readonly file: string;
  readonly format: InputFormat;
  readonly maxRecordBytes: number;
  readonly flowFields: readonly string[] | undefined;
  readonly rejectRawLimit: number;
}

const FORMATS: readonly InputFormat[] = ['auto', 'cloudtrail', 'azure', 'gcp', 'vpcflow'];
const OPTION_KEYS = ['file', 'format', 'maxRecordBytes', 'flowFields', 'rejectRawLimit'];
const DEFAULT_MAX_RECORD_BYTES = 8 * 1024 * 1024;
const DEFAULT_REJECT_RAW_LIMIT = 64 * 1024;

function positiveInteger(name: string, value: unknown, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new DecodeOptionsError(`decode option ${name} must be an integer >= ${min}, got ${String(value)}`);
  }
  return value;
}

function flowFieldList(value: unknown): readonly string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0) {
    throw new DecodeOptionsError(
      'decode option flowFields must be a non-empty array of VPC flow field names',
    );
  }
  const seen = new Set<string>();
  for (const name of value) {
    if (typeof name !== 'string' || !KNOWN_FLOW_FIELDS.has(name)) {
      throw new DecodeOptionsError(
        `decode option flowFields: unknown VPC flow field ${JSON.stringify(name)}`,
      );
    }
    if (seen.has(name)) throw new DecodeOptionsError(`decode option flowFields: duplicate field '${name}'`);
    seen.add(name);
  }
  return [...seen];
}

/** Validates options before any data flows, so a typo fails loudly instead of silently defaulting. */
export function resolveOptions(options: DecodeOptions): DecodeSettings {
  if (typeof options !== 'object' || options === null) {
    throw new DecodeOptionsError(`decode options must be an object, got ${String(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.includes(key)) {
      throw new DecodeOptionsError(
        `unknown decode option '${key}' (expected one of ${OPTION_KEYS.join(', ')})`,
      );
    }
  }
  if (typeof options.file !== 'string' || options.file.length === 0) {
    throw new DecodeOptionsError('decode option file must be a non-empty string (a path or "-")');
  }
  const format = options.format ?? 'auto';
  if (!FORMATS.includes(format)) {
    throw new DecodeOptionsError(
      `decode option format must be one of ${FORMATS.join(', ')}, got ${String(format)}`,
    );
  }
  return {
    file: options.file,
    format,
    maxRecordBytes: positiveInteger('maxRecordBytes', options.maxRecordBytes, DEFAULT_MAX_RECORD_BYTES, 1),
    flowFields: flowFieldList(options.flowFields),
    rejectRawLimit: positiveInteger('rejectRawLimit', options.rejectRawLimit, DEFAULT_REJECT_RAW_LIMIT, 0),
  };
}
