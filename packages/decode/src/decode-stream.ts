import { gunzipStream } from './gunzip-stream.ts';
import { openDecoder } from './open-decoder.ts';
import { type DecodeOptions, resolveOptions } from './options.ts';
import type { DecodeItem } from './types.ts';

type Chunk = Uint8Array | string;

async function* chunksOf(input: AsyncIterable<Chunk> | Iterable<Chunk>): AsyncGenerator<Chunk> {
  yield* input;
}

/** Reads chunks until the first two bytes are known (a text chunk first means text, not gzip). */
async function readHead(chunks: AsyncIterator<Chunk>): Promise<{ held: Chunk[]; gzip: boolean }> {
  const held: Chunk[] = [];
  const lead: number[] = [];
  while (lead.length < 2) {
    const next = await chunks.next();
    if (next.done) break;
    held.push(next.value);
    if (typeof next.value === 'string') break;
    for (const byte of next.value.subarray(0, 2 - lead.length)) lead.push(byte);
  }
  return { held, gzip: lead[0] === 0x1f && lead[1] === 0x8b };
}

async function* bytesOf(chunks: AsyncIterable<Chunk>): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
}

async function* oneByOne(chunks: AsyncIterable<Chunk>): AsyncGenerator<readonly Chunk[]> {
  for await (const chunk of chunks) yield [chunk];
}

/**
 * Decodes a Node Readable, or any iterable or async iterable of chunks, yielding the items of
 * each chunk as one batch. Gzip (sniffed from the first two bytes) is inflated as it streams,
 * so a file of any size takes bounded memory; a corrupt or truncated gzip stream ends the file
 * with one reject. Errors of `input` itself are rethrown.
 */
export async function* decodeStream(
  input: AsyncIterable<Chunk> | Iterable<Chunk>,
  options: DecodeOptions,
): AsyncGenerator<DecodeItem[]> {
  const settings = resolveOptions(options);
  let batch: DecodeItem[] = [];
  const chunks = chunksOf(input);
  const { held, gzip } = await readHead(chunks);
  const rest = (async function* () {
    yield* held;
    yield* chunks;
  })();
  const decoder = openDecoder(settings, (item) => batch.push(item), gzip ? 'utf8' : 'sniff');
  const pieces = gzip ? gunzipStream(bytesOf(rest), decoder.fail) : oneByOne(rest);
  try {
    for await (const piece of pieces) {
      for (const chunk of piece) decoder.write(chunk);
      if (batch.length > 0) {
        yield batch;
        batch = [];
      }
    }
  } finally {
    // A consumer that stops early, even before the held chunks are used up, still closes `input`.
    await chunks.return(undefined);
  }
  decoder.end();
  if (batch.length > 0) yield batch;
}
