import { createDecoder } from './create-decoder.ts';
import type { DecodeOptions } from './options.ts';
import type { DecodeItem } from './types.ts';

/** Decodes a Node Readable (or any async iterable of chunks), yielding the items of each chunk as one batch. */
export async function* decodeStream(
  input: AsyncIterable<Uint8Array | string>,
  options: DecodeOptions,
): AsyncGenerator<DecodeItem[]> {
  let batch: DecodeItem[] = [];
  const decoder = createDecoder(options, (item) => batch.push(item));
  for await (const chunk of input) {
    decoder.write(chunk);
    if (batch.length > 0) {
      yield batch;
      batch = [];
    }
  }
  decoder.end();
  if (batch.length > 0) yield batch;
}
