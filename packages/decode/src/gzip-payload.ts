import { constants, gunzipSync } from 'node:zlib';
import { type ZlibFailure, zlibFailure } from './zlib-failure.ts';

const MIB = 1024 * 1024;
/** The push decoder holds a gzip payload whole until `end()`: Kinesis and CloudWatch Logs payloads are far smaller. */
export const MAX_GZIP_PAYLOAD_BYTES = 64 * MIB;
/** Bounds what one payload may inflate to (a gzip bomb is refused instead of exhausting memory). */
const MAX_INFLATED_PAYLOAD_BYTES = 512 * MIB;

const STREAMED = 'streamed gzip files go through decodeStream';

export interface InflatedPayload {
  /** Everything that could be inflated: all of it, or what precedes the cut of a truncated stream. */
  readonly bytes: Uint8Array;
  /** Why the payload could not be inflated in full (then the rest of the file is skipped). */
  readonly failure?: string;
}

function gunzip(
  compressed: Uint8Array,
  maxOutputLength: number,
  finishFlush: number,
): Uint8Array | ZlibFailure {
  try {
    return gunzipSync(compressed, { maxOutputLength, finishFlush });
  } catch (error) {
    return zlibFailure(error);
  }
}

function size(bytes: number): string {
  return bytes % MIB === 0 ? `${bytes / MIB} MiB` : `${bytes} bytes`;
}

/** The reject for gzip input past MAX_GZIP_PAYLOAD_BYTES. */
export const PAYLOAD_TOO_LARGE = `gzip input exceeds ${size(MAX_GZIP_PAYLOAD_BYTES)}: the push decoder (createDecoder) takes gzip only as a complete payload of at most ${size(MAX_GZIP_PAYLOAD_BYTES)} (${STREAMED}); the file is skipped`;

/**
 * Inflates a complete gzip payload (concatenated members included) with zlib's one-shot API. A
 * stream cut short keeps what precedes the cut, as the streaming path does: a sync flush at the
 * end of the input returns the output instead of failing on the missing trailer.
 */
export function gunzipPayload(
  compressed: Uint8Array,
  maxInflatedBytes = MAX_INFLATED_PAYLOAD_BYTES,
): InflatedPayload {
  const whole = gunzip(compressed, maxInflatedBytes, constants.Z_FINISH);
  if (whole instanceof Uint8Array) return { bytes: whole };
  const zlib = `(zlib ${whole.code}: ${whole.message})`;
  if (whole.code === 'ERR_BUFFER_TOO_LARGE') {
    return {
      bytes: new Uint8Array(0),
      failure: `gzip stream inflates to more than ${size(maxInflatedBytes)}, the push decoder's limit for one payload (${STREAMED}); the file is skipped`,
    };
  }
  if (whole.code === 'Z_BUF_ERROR') {
    const head = gunzip(compressed, maxInflatedBytes, constants.Z_SYNC_FLUSH);
    return {
      bytes: head instanceof Uint8Array ? head : new Uint8Array(0),
      failure: `gzip stream ends early after ${compressed.length} compressed bytes ${zlib}; the rest of the file is skipped`,
    };
  }
  return {
    bytes: new Uint8Array(0),
    failure: `gzip stream of ${compressed.length} compressed bytes is corrupt ${zlib}; the file is skipped`,
  };
}
