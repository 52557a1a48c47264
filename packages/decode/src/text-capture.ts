/**
 * The text of the value being scanned, kept across chunks up to a limit. Past the limit only a
 * head (for the reject excerpt) is kept, so memory stays bounded whatever the value's size.
 */
export class TextCapture {
  active = false;
  /** Line and offset of the first character. */
  line = 0;
  offset = 0;
  /** Characters captured so far (also past the limit). */
  length = 0;
  /** Set once the text exceeded the limit: its first characters. */
  head: string | undefined;
  private readonly max: number;
  private readonly headLimit: number;
  private from = 0;
  private pieces: string[] = [];

  constructor(max: number, headLimit: number) {
    this.max = max;
    this.headLimit = headLimit;
  }

  begin(at: number, line: number, offset: number): void {
    this.active = true;
    this.from = at;
    this.pieces = [];
    this.length = 0;
    this.head = undefined;
    this.line = line;
    this.offset = offset;
  }

  /** At the end of `chunk`: keep its captured tail; the capture resumes at the next chunk's start. */
  spill(chunk: string): void {
    const piece = this.from === 0 ? chunk : chunk.slice(this.from);
    this.from = 0;
    this.length += piece.length;
    if (this.head !== undefined) return;
    this.pieces.push(piece);
    if (this.length > this.max) {
      this.head = this.pieces.join('').slice(0, this.headLimit);
      this.pieces = [];
    }
  }

  /** The whole text up to `end` of `chunk`, or undefined when it exceeds the limit (see `length`, `head`). */
  end(chunk: string, end: number): string | undefined {
    this.active = false;
    const tail = chunk.slice(this.from, end);
    this.length += tail.length;
    if (this.head === undefined && this.length <= this.max) {
      return this.pieces.length === 0 ? tail : this.pieces.join('') + tail;
    }
    this.head ??= (this.pieces.join('') + tail).slice(0, this.headLimit);
    this.pieces = [];
    return undefined;
  }

  /** Text captured so far, for the reject of a value the input ended inside; `head` says it was cut. */
  soFar(): string {
    return this.head ?? this.pieces.join('');
  }

  abort(): void {
    this.active = false;
    this.pieces = [];
  }
}
