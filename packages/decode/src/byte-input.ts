import { StringDecoder } from 'node:string_decoder';
import { type DecodeContext, emitReject } from './decode-context.ts';
import { type GunzipFailure, SyncGunzip } from './sync-gunzip.ts';
import type { TextRouter } from './text-router.ts';

/** Bounds the output of one inflate call (a gzip bomb still arrives in small pieces). */
const GZIP_SLICE = 16 * 1024;

/**
 * Bytes → text: sniffs gzip (1f 8b) and UTF-16LE (BOM ff fe) from the first two bytes, inflates
 * incrementally, decodes with a StringDecoder so characters split across chunks stay whole, and
 * drops a leading BOM.
 */
export class ByteInput {
  private readonly ctx: DecodeContext;
  private readonly router: TextRouter;
  private mode: 'sniff' | 'plain' | 'gzip' | 'failed' = 'sniff';
  private pending: Uint8Array | undefined;
  private decoder = new StringDecoder('utf8');
  private gunzip: SyncGunzip | undefined;
  private compressed = 0;
  private decoded = 0;
  private atStart = true;
  private readonly onInflated = (bytes: Buffer): void => this.text(this.decoder.write(bytes));

  constructor(ctx: DecodeContext, router: TextRouter) {
    this.ctx = ctx;
    this.router = router;
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
    if (this.mode === 'failed') return;
    if (this.gunzip !== undefined) {
      const failure = this.gunzip.finish(this.onInflated);
      this.gunzip.close();
      if (failure !== undefined) {
        this.fail(failure, `gzip stream ends early after ${this.compressed} compressed bytes`);
        return;
      }
    }
    this.text(this.decoder.end());
    this.router.end();
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
    if (this.gunzip !== undefined) this.inflate(chunk);
    else this.text(this.decoder.write(chunk));
  }

  private start(head: Uint8Array): void {
    if (head[0] === 0x1f && head[1] === 0x8b) {
      this.mode = 'gzip';
      this.gunzip = new SyncGunzip();
      this.inflate(head);
      return;
    }
    this.mode = 'plain';
    if (head[0] === 0xff && head[1] === 0xfe) this.decoder = new StringDecoder('utf16le');
    this.text(this.decoder.write(head));
  }

  private inflate(chunk: Uint8Array): void {
    for (let at = 0; at < chunk.length && this.mode !== 'failed'; at += GZIP_SLICE) {
      const slice = chunk.subarray(at, at + GZIP_SLICE);
      const failure = this.gunzip!.write(slice, this.onInflated);
      if (failure !== undefined) {
        this.gunzip!.close();
        const end = this.compressed + slice.length;
        this.fail(failure, `gzip stream is corrupt in compressed bytes ${this.compressed}..${end}`);
        return;
      }
      this.compressed += slice.length;
    }
  }

  /** A broken gzip stream ends the file: one reject, and the partly decoded record is dropped with it. */
  private fail(failure: GunzipFailure, where: string): void {
    this.mode = 'failed';
    const reason = `${where} (zlib ${failure.code}: ${failure.message}); the rest of the file is skipped`;
    emitReject(this.ctx, { file: this.ctx.file, offset: this.decoded }, reason);
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
