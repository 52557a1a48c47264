import { openDecoder } from './open-decoder.ts';
import { type DecodeOptions, resolveOptions } from './options.ts';
import type { DecodeItem } from './types.ts';

export interface Decoder {
  /**
   * Feeds the next chunk; items are emitted synchronously, before `write` returns. Gzip input is
   * a complete payload: it is inflated, and its items emitted, at `end()`.
   */
  write(chunk: Uint8Array | string): void;
  /** Flushes the last partial record (or rejects it as truncated). */
  end(): void;
}

/**
 * Synchronous push decoder for one file or payload. Never throws on bad input: every record,
 * reject and skip goes to `emit`. Throws `DecodeOptionsError` on invalid options, and
 * `DecodeError` when used after `end()`. Gzip is held until `end()` (up to 64 MiB compressed);
 * `decodeStream` inflates gzip files of any size as they stream.
 */
export function createDecoder(options: DecodeOptions, emit: (item: DecodeItem) => void): Decoder {
  const decoder = openDecoder(resolveOptions(options), emit, 'sniff');
  return { write: decoder.write, end: decoder.end };
}
