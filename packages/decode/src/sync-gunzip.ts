import { constants, createGunzip, type Gunzip } from 'node:zlib';
import { DecodeError } from './errors.ts';

/** The native zlib handle behind a Node `Gunzip` stream (what `zlib.gunzipSync` drives). */
interface ZlibHandle {
  writeSync(
    flush: number,
    input: Uint8Array,
    inputOffset: number,
    inputLength: number,
    output: Uint8Array,
    outputOffset: number,
    outputLength: number,
  ): void;
  onerror: (message: string, errno: number, code?: string) => void;
}

interface GunzipInternals {
  _handle?: ZlibHandle;
  _writeState?: Uint32Array;
}

export interface GunzipFailure {
  readonly message: string;
  readonly code: string;
}

const OUTPUT_BYTES = 64 * 1024;
const NO_INPUT = new Uint8Array(0);

/**
 * Synchronous, incremental gunzip. Node offers only one-shot sync inflation (`gunzipSync`) or
 * asynchronous streams, and the push decoder must stay synchronous with bounded memory, so this
 * drives the stream's native handle the same way `gunzipSync` does internally, without closing
 * it after each call. Concatenated gzip members are inflated one after another by zlib itself.
 */
export class SyncGunzip {
  private readonly stream: Gunzip;
  private readonly handle: ZlibHandle;
  private readonly state: Uint32Array;
  private readonly output = Buffer.allocUnsafe(OUTPUT_BYTES);
  private failure: GunzipFailure | undefined;

  constructor() {
    this.stream = createGunzip();
    const internals = this.stream as unknown as GunzipInternals;
    if (internals._handle === undefined || internals._writeState === undefined) {
      throw new DecodeError('this Node.js zlib has no synchronous handle; gzip input cannot be decoded');
    }
    this.handle = internals._handle;
    this.state = internals._writeState;
    this.handle.onerror = (message, _errno, code) => {
      this.failure = { message, code: code ?? 'Z_ERROR' };
    };
  }

  /** Inflates `input`, handing each output piece to `sink` (the bytes are reused after it returns). */
  write(input: Uint8Array, sink: (bytes: Buffer) => void): GunzipFailure | undefined {
    return this.run(constants.Z_NO_FLUSH, input, sink);
  }

  /** Flushes the end of the stream; reports a stream that stopped before its gzip trailer. */
  finish(sink: (bytes: Buffer) => void): GunzipFailure | undefined {
    return this.run(constants.Z_FINISH, NO_INPUT, sink);
  }

  close(): void {
    this.stream.close();
  }

  private run(flush: number, input: Uint8Array, sink: (bytes: Buffer) => void): GunzipFailure | undefined {
    let offset = 0;
    let available = input.length;
    for (;;) {
      this.handle.writeSync(flush, input, offset, available, this.output, 0, OUTPUT_BYTES);
      if (this.failure !== undefined) return this.failure;
      const outputLeft = this.state[0]!;
      const inputLeft = this.state[1]!;
      offset += available - inputLeft;
      available = inputLeft;
      if (outputLeft < OUTPUT_BYTES) sink(this.output.subarray(0, OUTPUT_BYTES - outputLeft));
      // Room left in the output means zlib has taken all the input it can.
      if (outputLeft !== 0) return undefined;
    }
  }
}
