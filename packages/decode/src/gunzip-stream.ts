import { createGunzip, type Gunzip } from 'node:zlib';
import { zlibFailure } from './zlib-failure.ts';

/**
 * Compressed bytes per write. The next slice is written only once the output of this one has
 * been taken, so what is held stays bounded by what one slice inflates to (a gzip bomb
 * included), and nothing inflated before a corrupt byte is lost when zlib destroys the stream.
 */
const SLICE_BYTES = 16 * 1024;
const OUTPUT_CHUNK_BYTES = 64 * 1024;

/** Resolves once `act` calls back or the gunzip fails (a write that fails never calls back). */
function settle(gunzip: Gunzip, act: (done: () => void) => void): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      gunzip.off('error', done);
      resolve();
    };
    gunzip.on('error', done);
    act(done);
  });
}

function failureReason(error: Error, consumed: number, fed: number, ending: boolean): string {
  const { code, message } = zlibFailure(error);
  const where =
    ending && code === 'Z_BUF_ERROR'
      ? `gzip stream ends early after ${fed} compressed bytes`
      : `gzip stream is corrupt in compressed bytes ${consumed}..${fed}`;
  return `${where} (zlib ${code}: ${message}); the rest of the file is skipped`;
}

/**
 * Inflates a gzip byte stream (concatenated members included) with zlib's public streaming API,
 * yielding the output of each compressed slice. A corrupt or truncated stream ends the output,
 * and `onFailure` gets the reason, naming the compressed bytes where zlib failed; an error of
 * `source` itself is rethrown.
 */
export async function* gunzipStream(
  source: AsyncIterable<Uint8Array>,
  onFailure: (reason: string) => void,
): AsyncGenerator<Buffer[]> {
  const gunzip = createGunzip({ chunkSize: OUTPUT_CHUNK_BYTES });
  let inflated: Buffer[] = [];
  let failure: Error | undefined;
  gunzip.on('data', (bytes: Buffer) => inflated.push(bytes));
  gunzip.on('error', (error) => {
    failure ??= error;
  });
  const take = (): Buffer[] => {
    const out = inflated;
    inflated = [];
    return out;
  };
  let fed = 0;
  try {
    for await (const chunk of source) {
      for (let at = 0; at < chunk.length; at += SLICE_BYTES) {
        const slice = chunk.subarray(at, at + SLICE_BYTES);
        await settle(gunzip, (done) => gunzip.write(slice, done));
        fed += slice.length;
        if (inflated.length > 0) yield take();
        if (failure !== undefined) {
          onFailure(failureReason(failure, gunzip.bytesWritten, fed, false));
          return;
        }
      }
    }
    await settle(gunzip, (done) => {
      gunzip.once('end', done);
      gunzip.end();
    });
    if (inflated.length > 0) yield take();
    if (failure !== undefined) onFailure(failureReason(failure, gunzip.bytesWritten, fed, true));
  } finally {
    gunzip.destroy();
  }
}
