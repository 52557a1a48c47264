import { isJsonSpace } from './json-chars.ts';
import { JsonScanner } from './json-scanner.ts';
import { LineDecoder } from './line-decoder.ts';
import type { RecordDispatcher } from './record-dispatcher.ts';

interface TextEngine {
  push(text: string): void;
  end(): void;
}

/** A container file starts with its key, so it is recognised before its (maybe huge) first line ends. */
const CONTAINER_PREFIX = /^\{\s*"(?:Records|records|value|entries|tables)"\s*:\s*\[/;
const PREFIX_CHARS = 256;

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Picks the engine for one file from its first non-blank text. `[` → the JSON scanner. `{` →
 * JSON lines (NDJSON: a line that is not JSON is rejected as such) when the first line is a
 * complete JSON value or the second line starts another object; otherwise the scanner
 * (containers, pretty-printed or concatenated values). Anything else (flow text, base64
 * payloads) → text lines.
 */
export class TextRouter {
  private readonly d: RecordDispatcher;
  private engine: TextEngine | undefined;
  private parts: string[] = [];
  private held = 0;
  private newlineAt = -1;
  private firstLineParses: boolean | undefined;
  private line = 1;
  private offset = 0;

  constructor(d: RecordDispatcher) {
    this.d = d;
  }

  push(text: string): void {
    if (this.engine !== undefined) {
      this.engine.push(text);
      return;
    }
    let piece = text;
    if (this.held === 0) {
      let i = 0;
      while (i < text.length && isJsonSpace(text.charCodeAt(i))) {
        if (text.charCodeAt(i) === 10) this.line++;
        i++;
      }
      this.offset += i;
      if (i === text.length) return;
      piece = text.slice(i);
    }
    if (this.newlineAt < 0) {
      const newline = piece.indexOf('\n');
      if (newline >= 0) this.newlineAt = this.held + newline;
    }
    this.parts.push(piece);
    this.held += piece.length;
    this.decide(false);
  }

  end(): void {
    if (this.engine === undefined) {
      if (this.held === 0) return;
      this.decide(true);
    }
    this.engine?.end();
  }

  private decide(eof: boolean): void {
    const first = this.parts[0]!.charCodeAt(0);
    if (first !== 123) {
      this.start(first === 91 ? 'scanner' : 'text-lines');
      return;
    }
    if (CONTAINER_PREFIX.test(this.head())) {
      this.start('scanner');
      return;
    }
    const max = this.d.ctx.settings.maxRecordBytes;
    const lineEnd = this.newlineAt < 0 ? this.held : this.newlineAt;
    if (lineEnd > max) {
      this.start('scanner');
      return;
    }
    if (this.newlineAt < 0 && !eof) return;
    const text = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    this.parts = [text];
    if (this.firstLineParses === undefined) {
      const firstLine = text.slice(0, lineEnd);
      this.firstLineParses = parsesAsJson(firstLine.endsWith('\r') ? firstLine.slice(0, -1) : firstLine);
    }
    if (this.firstLineParses) {
      this.start('json-lines');
      return;
    }
    // An NDJSON file whose first line is broken still has its next record start at column 0.
    if (lineEnd + 1 < text.length)
      this.start(text.charCodeAt(lineEnd + 1) === 123 ? 'json-lines' : 'scanner');
    else if (eof) this.start('scanner');
  }

  private head(): string {
    let head = '';
    for (const part of this.parts) {
      head += part.slice(0, PREFIX_CHARS - head.length);
      if (head.length >= PREFIX_CHARS) break;
    }
    return head;
  }

  /** `json-lines`: NDJSON; `text-lines`: flow text or base64 payloads, one per line. */
  private start(kind: 'scanner' | 'json-lines' | 'text-lines'): void {
    const position = { line: this.line, offset: this.offset };
    const engine =
      kind === 'scanner'
        ? new JsonScanner(this.d, position)
        : new LineDecoder(this.d, position, kind === 'json-lines');
    this.engine = engine;
    for (const part of this.parts) engine.push(part);
    this.parts = [];
  }
}
