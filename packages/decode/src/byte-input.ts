import { StringDecoder } from 'node:string_decoder';
import { type DecodeContext, emitReject } from './decode-context.ts';
import { gunzipPayload, MAX_GZIP_PAYLOAD_BYTES, PAYLOAD_TOO_LARGE } from './gzip-payload.ts';
import type { TextRouter } from './text-router.ts';

/** Inflated bytes go to the StringDecoder in pieces, so no string comes near V8's length limit. */
const TEXT_SLICE = 1024 * 1024;

/**
 * How the bytes start: `sniff` looks at the first two bytes for gzip (1f 8b) and UTF-16LE (BOM
 * ff fe); `utf8` is text `decodeStream` has already inflated.
 */
export type ByteStart = 'sniff' | 'utf8';

/**
 * Bytes → text: decodes with a StringDecoder so characters split across chunks stay whole, and
 * drops a leading BOM. Gzip is a complete payload here: its bytes are held until `end()` and
 * inflated in one call, since Node has no public synchronous streaming inflate (`decodeStream`
 * inflates files as they stream).
 */
export class ByteInput {
  private readonly ctx: DecodeContext;
  private readonly router: TextRouter;
  private mode: 'sniff' | 'plain' | 'gzip' | 'failed';
  private pending: Uint8Array | undefined;
  private decoder = new StringDecoder('utf8');
  private compressed: Uint8Array[] = [];
  private compressedBytes = 0;
  private decoded = 0;
  private atStart = true;

  constructor(ctx: DecodeContext, router: TextRouter, start: ByteStart) {
    this.ctx = ctx;
    this.router = router;
    this.mode = start === 'sniff' ? 'sniff' : 'plain';
  }

  write(chunk: Uint8Array | string): void {
    if (typeof chunk === 'string') {
      if (this.mode === 'sniff' && this.pending === undefined) this.mode = 'plain';
      if (this.mode === 'plain') this.text(chunk);
      else this.bytes(Buffer.from(chunk, 'utf8'));
      return;
    }
    this.bytes(chunk);
  }

  end(): void {
    if (this.mode === 'sniff' && this.pending !== undefined) this.start(this.pending);
    if (this.mode === 'gzip') this.inflate();
    if (this.mode === 'failed') return;
    this.text(this.decoder.end());
    this.router.end();
  }

  /** A broken gzip stream ends the file: one reject, and the partly decoded record is dropped with it. */
  fail(reason: string): void {
    if (this.mode === 'failed') return;
    this.mode = 'failed';
    this.compressed = [];
    emitReject(this.ctx, { file: this.ctx.file, offset: this.decoded }, reason);
  }

  private bytes(chunk: Uint8Array): void {
    if (this.mode === 'failed') return;
    if (this.mode === 'sniff') {
      const head = this.pending === undefined ? chunk : Buffer.concat([this.pending, chunk]);
      if (head.length < 2) {
        this.pending = head;
        return;
      }
      this.pending = undefined;
      this.start(head);
      return;
    }
    if (this.mode === 'gzip') this.hold(chunk);
    else this.text(this.decoder.write(chunk));
  }

  private start(head: Uint8Array): void {
    if (head[0] === 0x1f && head[1] === 0x8b) {
      this.mode = 'gzip';
      this.hold(head);
      return;
    }
    this.mode = 'plain';
    if (head[0] === 0xff && head[1] === 0xfe) this.decoder = new StringDecoder('utf16le');
    this.text(this.decoder.write(head));
  }

  private hold(chunk: Uint8Array): void {
    this.compressedBytes += chunk.length;
    if (this.compressedBytes > MAX_GZIP_PAYLOAD_BYTES) {
      this.fail(PAYLOAD_TOO_LARGE);
      return;
    }
    // A copy: the caller may reuse its buffer once write() returns.
    this.compressed.push(Buffer.from(chunk));
  }

  private inflate(): void {
    const pieces = this.compressed;
    this.compressed = [];
    this.mode = 'plain';
    const { bytes, failure } = gunzipPayload(pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces));
    for (let at = 0; at < bytes.length; at += TEXT_SLICE) {
      this.text(this.decoder.write(bytes.subarray(at, at + TEXT_SLICE)));
    }
    if (failure !== undefined) this.fail(failure);
  }

  private text(text: string): void {
    if (text.length === 0) return;
    let piece = text;
    if (this.atStart) {
      this.atStart = false;
      if (piece.charCodeAt(0) === 0xfeff) piece = piece.slice(1);
    }
    this.decoded += piece.length;
    this.router.push(piece);
  }
}
