import { decodeBase64Payload } from './aws-envelopes.ts';
import { formatName } from './classify-record.ts';
import { type DecodeContext, emitReject, emitSkip, type TextPosition } from './decode-context.ts';
import { type FlowLayout, flowLayout } from './flow-layout.ts';
import { parseFlowHeader, splitFlowTokens } from './flow-line.ts';
import { type LineSink, LineSplitter } from './line-splitter.ts';
import type { RecordDispatcher } from './record-dispatcher.ts';
import type { RecordLocation } from './types.ts';

/** Base64 of gzip (`H4sI`) or of JSON (`ey`, `ew`): Kinesis/Firehose record data pasted into a file. */
const BASE64_PAYLOAD = /^(?:H4sI|ey|ew)[A-Za-z0-9+/]*={0,2}$/;
const BASE64_BODY = /^[A-Za-z0-9+/]+={0,2}$/;
/** Line widths of `base64` (76, MIME) and of PEM-style (64) wrapping. */
const WRAP_WIDTHS: ReadonlySet<number> = new Set([64, 76]);

interface WrappedBase64 {
  parts: string[];
  length: number;
  readonly width: number;
  readonly location: RecordLocation;
}

function startsWithSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 0xfeff || c === 0xa0;
}

function isLowerLetterOrDollar(c: number): boolean {
  return (c >= 97 && c <= 122) || c === 36;
}

/**
 * Line-oriented input: NDJSON (the fast path: one `JSON.parse` per line), VPC flow text with or
 * without a header, and base64 payloads one per line (or wrapped at 64/76 columns).
 */
export class LineDecoder implements LineSink {
  private readonly d: RecordDispatcher;
  private readonly ctx: DecodeContext;
  private readonly file: string;
  private readonly splitter: LineSplitter;
  private layout: FlowLayout;
  private block: WrappedBase64 | undefined;
  private readonly json: boolean;

  /** `json`: the file is JSON lines, so a line that is not an object is broken JSON, not a flow line. */
  constructor(d: RecordDispatcher, start: TextPosition, json: boolean) {
    this.d = d;
    this.json = json;
    this.ctx = d.ctx;
    this.file = d.ctx.file;
    this.layout = d.ctx.defaultFlow;
    const settings = d.ctx.settings;
    this.splitter = new LineSplitter(this, settings.maxRecordBytes, settings.rejectRawLimit, start);
  }

  push(text: string): void {
    this.splitter.push(text);
  }

  end(): void {
    this.splitter.end();
    this.flushBlock();
  }

  line(text: string, line: number, offset: number): void {
    if (this.block !== undefined && this.extendBlock(text)) return;
    const first = text.charCodeAt(0);
    if (first === 123) {
      this.d.text(text, { file: this.file, line, offset }, 'line');
      return;
    }
    if (startsWithSpace(first)) {
      const trimmed = text.trimStart();
      if (trimmed.length > 0) this.line(trimmed, line, offset + text.length - trimmed.length);
      return;
    }
    if (text.length === 0) return;
    const location = { file: this.file, line, offset };
    if (first === 91) this.d.rescan(text, location);
    else if (BASE64_PAYLOAD.test(text)) this.base64Line(text, location);
    else if (this.json) this.jsonLine(text, location);
    else this.textLine(text, location);
  }

  tooLong(head: string, length: number, line: number, offset: number): void {
    this.flushBlock();
    const reason = `line of ${length} characters exceeds maxRecordBytes (${this.ctx.settings.maxRecordBytes})`;
    emitReject(this.ctx, { file: this.file, line, offset }, reason, head, true);
  }

  /** In a JSON-lines file a line that is not an object is still meant as JSON, never as a flow line. */
  private jsonLine(text: string, location: RecordLocation): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const reason = `invalid JSON on line ${location.line}: ${error instanceof Error ? error.message : String(error)}`;
      emitReject(this.ctx, location, reason, text);
      return;
    }
    this.d.value(value, text, location, 'line');
  }

  private textLine(text: string, location: RecordLocation): void {
    const format = this.ctx.format;
    if (format !== 'auto' && format !== 'vpcflow') {
      const reason = `expected ${formatName(format)} JSON record (--format ${format}), found a text line`;
      emitReject(this.ctx, location, reason, text);
      return;
    }
    const tokens = splitFlowTokens(text);
    if (isLowerLetterOrDollar(text.charCodeAt(0))) {
      const header = parseFlowHeader(tokens);
      if (header !== undefined) {
        this.layout = flowLayout(header, `header at line ${location.line}`);
        emitSkip(this.ctx, location, `VPC flow header line (${header.length} fields)`);
        return;
      }
    }
    this.d.flow(tokens, this.layout, text, location);
  }

  private base64Line(text: string, location: RecordLocation): void {
    if (WRAP_WIDTHS.has(text.length) && !text.endsWith('=')) {
      this.block = { parts: [text], length: text.length, width: text.length, location };
      return;
    }
    decodeBase64Payload(this.d, text, location);
  }

  /** True when `text` continues the wrapped base64 block; otherwise the block is decoded first. */
  private extendBlock(text: string): boolean {
    const block = this.block!;
    if (text.length > block.width || !BASE64_BODY.test(text)) {
      this.flushBlock();
      return false;
    }
    block.length += text.length;
    // Past the limit only the first line is kept, for the reject.
    if (block.length <= this.ctx.settings.maxRecordBytes) block.parts.push(text);
    else block.parts.length = 1;
    if (text.length < block.width || text.endsWith('=')) this.flushBlock();
    return true;
  }

  private flushBlock(): void {
    const block = this.block;
    if (block === undefined) return;
    this.block = undefined;
    const max = this.ctx.settings.maxRecordBytes;
    if (block.length > max) {
      const reason = `wrapped base64 payload of ${block.length} characters exceeds maxRecordBytes (${max})`;
      emitReject(this.ctx, block.location, reason, block.parts[0], true);
      return;
    }
    decodeBase64Payload(this.d, block.parts.join(''), block.location);
  }
}
