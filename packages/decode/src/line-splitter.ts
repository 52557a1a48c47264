import type { TextPosition } from './decode-context.ts';

export interface LineSink {
  /** One line without its `\n` (and without a trailing `\r`). */
  line(text: string, line: number, offset: number): void;
  /** A line longer than the limit: only its head was kept. */
  tooLong(head: string, length: number, line: number, offset: number): void;
}

/** Splits text chunks into lines, holding at most one partial line of bounded size. */
export class LineSplitter {
  private readonly sink: LineSink;
  private readonly max: number;
  private readonly headLimit: number;
  private parts: string[] = [];
  private partLength = 0;
  private head: string | undefined;
  private line: number;
  private offset: number;

  constructor(sink: LineSink, max: number, headLimit: number, start: TextPosition) {
    this.sink = sink;
    this.max = max;
    this.headLimit = headLimit;
    this.line = start.line;
    this.offset = start.offset;
  }

  push(chunk: string): void {
    let start = 0;
    let newline = chunk.indexOf('\n');
    while (newline >= 0) {
      this.finish(chunk, start, newline);
      start = newline + 1;
      newline = chunk.indexOf('\n', start);
    }
    if (start < chunk.length) this.keep(start === 0 ? chunk : chunk.slice(start));
  }

  end(): void {
    if (this.partLength > 0) this.finish('', 0, 0);
  }

  private keep(piece: string): void {
    this.partLength += piece.length;
    if (this.head !== undefined) return;
    this.parts.push(piece);
    if (this.partLength > this.max) {
      this.head = this.parts.join('').slice(0, this.headLimit);
      this.parts = [];
    }
  }

  private finish(chunk: string, start: number, end: number): void {
    const line = this.line;
    const offset = this.offset;
    const length = this.partLength + end - start;
    this.line++;
    this.offset += length + 1;
    let text: string;
    if (this.partLength === 0) text = chunk.slice(start, end);
    else {
      const head = this.head;
      this.partLength = 0;
      this.head = undefined;
      if (head !== undefined) {
        this.sink.tooLong(head, length, line, offset);
        return;
      }
      text = this.parts.join('') + chunk.slice(start, end);
      this.parts = [];
    }
    if (text.length > this.max) {
      this.sink.tooLong(text.slice(0, this.headLimit), length, line, offset);
      return;
    }
    this.sink.line(text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text, line, offset);
  }
}
