import { createDecoder } from './create-decoder.ts';
import { decodeStream } from './decode-stream.ts';
import type { DecodeOptions } from './options.ts';
import type { DecodeItem, Reject, Skip, SourceRecord } from './types.ts';

export interface Decoded {
  items: DecodeItem[];
  records: SourceRecord[];
  rejects: Reject[];
  skips: Skip[];
}

/** Byte or character positions at which input is cut into chunks (out-of-range cuts are ignored). */
export function splitAt<T extends string | Uint8Array>(input: T, cuts: readonly number[]): T[] {
  const points = [...new Set(cuts.filter((cut) => cut > 0 && cut < input.length))].sort((a, b) => a - b);
  const pieces: T[] = [];
  let from = 0;
  for (const cut of points) {
    pieces.push(input.slice(from, cut) as T);
    from = cut;
  }
  pieces.push(input.slice(from) as T);
  return pieces;
}

function decoded(items: DecodeItem[]): Decoded {
  return {
    items,
    records: items.flatMap((item) => (item.kind === 'record' ? [item.value] : [])),
    rejects: items.flatMap((item) => (item.kind === 'reject' ? [item.value] : [])),
    skips: items.flatMap((item) => (item.kind === 'skip' ? [item.value] : [])),
  };
}

/** Decodes `chunks` as one file named `f` with the push decoder (test inputs only). */
export function decodeChunks(
  chunks: readonly (string | Uint8Array)[],
  options: Partial<DecodeOptions> = {},
): Decoded {
  const items: DecodeItem[] = [];
  const decoder = createDecoder({ file: 'f', ...options }, (item) => items.push(item));
  for (const chunk of chunks) decoder.write(chunk);
  decoder.end();
  return decoded(items);
}

export function decodeText(
  input: string | Uint8Array,
  options: Partial<DecodeOptions> = {},
  cuts: readonly number[] = [],
): Decoded {
  return decodeChunks(splitAt(input, cuts), options);
}

/** Decodes `chunks` as one file named `f` with `decodeStream`, as the CLI reads files. */
export async function streamChunks(
  chunks: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>,
  options: Partial<DecodeOptions> = {},
): Promise<Decoded> {
  const items: DecodeItem[] = [];
  for await (const batch of decodeStream(chunks, { file: 'f', ...options })) items.push(...batch);
  return decoded(items);
}

export function streamText(
  input: string | Uint8Array,
  options: Partial<DecodeOptions> = {},
  cuts: readonly number[] = [],
): Promise<Decoded> {
  return streamChunks(splitAt(input, cuts), options);
}

/** Every position a chunk boundary can fall on, for "split at every byte" tests. */
export function everyCut(length: number): number[][] {
  return Array.from({ length: Math.max(0, length - 1) }, (_, i) => [i + 1]);
}

/** What every decoded item must look like, whatever the input: a message instead of a throw. */
export function itemProblem(item: DecodeItem, file = 'f'): string | undefined {
  const location = item.value.location;
  if (location.file !== file) return `location.file is ${String(location.file)}`;
  for (const key of ['line', 'offset', 'index'] as const) {
    const at = location[key];
    if (at !== undefined && (!Number.isInteger(at) || at < 0)) return `location.${key} is ${at}`;
  }
  if (item.kind === 'record') {
    const { source, variant, record, raw } = item.value;
    if (!['cloudtrail', 'azure', 'gcp', 'vpcflow'].includes(source)) return `source ${source}`;
    if (typeof variant !== 'string' || variant.length === 0) return 'empty variant';
    if (typeof record !== 'object' || record === null || Array.isArray(record))
      return 'record is not an object';
    if (typeof raw !== 'string') return 'raw is not a string';
    return undefined;
  }
  if (item.kind !== 'reject' && item.kind !== 'skip')
    return `kind ${String((item as { kind: unknown }).kind)}`;
  if (typeof item.value.reason !== 'string' || item.value.reason.length === 0) return 'empty reason';
  return undefined;
}
