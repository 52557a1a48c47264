import { isContainerKey, TABLES_KEY } from './container-keys.ts';
import { emitReject, type TextPosition } from './decode-context.ts';
import { canStartValue, isJsonSpace, stringEnd, trailingBackslashes } from './json-chars.ts';
import type { LaColumns } from './log-analytics.ts';
import { columnsFromText, decodeRow } from './log-analytics-rows.ts';
import type { RecordDispatcher } from './record-dispatcher.ts';
import { TextCapture } from './text-capture.ts';
import type { RecordLocation } from './types.ts';
import { ValueScan } from './value-scan.ts';

/**
 * root: a top-level object, captured whole unless a container key shows up; container: a
 * top-level object known to hold records; table: one Log Analytics table; elements, tables,
 * rows: arrays whose items are records, tables and row arrays.
 */
type Role = 'root' | 'container' | 'table' | 'elements' | 'tables' | 'rows';

interface Frame {
  role: Role;
  /** Path for reasons: `Records`, `tables[0].rows`. */
  readonly name: string;
  state: number;
  /** Arrays: items started so far. */
  count: number;
  /** Objects: raw text of the key whose value comes next (escapes left as written). */
  key: string;
  keyTooLong: boolean;
  keyCarry: number;
  /** Tables: parsed columns, or why there are none; undefined until `columns` is read. */
  columns: LaColumns | string | undefined;
  /** Rows: the table they belong to. */
  readonly table: Frame | undefined;
}

const A_FIRST = 0;
const A_SEP = 1;
const A_VALUE = 2;
const O_FIRST = 3;
const O_KEY = 4;
const O_IN_KEY = 5;
const O_COLON = 6;
const O_VALUE = 7;
const O_SEP = 8;
const EXPECTED = ['a key or }', 'a key', '', "':'", 'a value', "',' or '}'"];

/** What to do with a value once its end is found. */
const SKIP = 0;
const ELEMENT = 1;
const ROW = 2;
const COLUMNS = 3;
const BROKEN_ROOT = 4;

/** Longest key worth keeping across a chunk boundary: only container keys are ever compared. */
const MAX_KEY = 16;
const EXCERPT = 200;

/**
 * Streaming JSON scanner: finds the boundaries of container elements (`[…]`, `{"Records":[…]}`,
 * `{"records":[…]}`, `{"value":[…]}`, `{"entries":[…]}`, Log Analytics `{"tables":[…]}`) and of
 * concatenated or pretty-printed top-level values, and hands each element's text to the
 * dispatcher to parse. Only the current element is held in memory.
 */
export class JsonScanner {
  private readonly d: RecordDispatcher;
  private readonly file: string;
  private readonly capture: TextCapture;
  private readonly value = new ValueScan();
  private readonly frames: Frame[] = [];
  private chunk = '';
  private base: number;
  private line: number;
  private dead = false;
  private garbage = false;
  private inValue = false;
  private purpose = SKIP;

  constructor(d: RecordDispatcher, start: TextPosition) {
    this.d = d;
    this.file = d.ctx.file;
    this.capture = new TextCapture(d.ctx.settings.maxRecordBytes, d.ctx.settings.rejectRawLimit);
    this.base = start.offset;
    this.line = start.line;
  }

  push(text: string): void {
    if (this.dead) return;
    this.chunk = text;
    const n = text.length;
    let i = 0;
    while (i < n && !this.dead) {
      if (this.inValue) i = this.scanValue(i);
      else if (this.garbage) i = this.scanGarbage(i);
      else {
        const frame = this.frames[this.frames.length - 1];
        if (frame === undefined) i = this.stepTop(i);
        else if (frame.state < O_FIRST) i = this.stepArray(frame, i);
        else i = this.stepObject(frame, i);
      }
    }
    if (this.capture.active) this.capture.spill(text);
    this.base += n;
  }

  end(): void {
    if (this.dead) return;
    this.dead = true;
    // Everything pushed is already counted in `base` and spilled into the capture.
    this.chunk = '';
    if (this.garbage) {
      this.endGarbage(0);
      return;
    }
    if (this.frames.length === 0 && !this.inValue) return;
    const capture = this.capture;
    const raw = capture.active ? capture.soFar() : undefined;
    const cut = capture.active && capture.head !== undefined;
    const outer = this.frames[0];
    if (outer === undefined || outer.role === 'root') {
      const where = `the JSON value that starts at line ${capture.line}, offset ${capture.offset}`;
      const reason = `truncated JSON: input ended inside ${where}`;
      emitReject(this.d.ctx, this.captured(undefined), reason, raw, cut);
      return;
    }
    const array = this.frames.findLast((frame) => frame.state < O_FIRST);
    const where = array === undefined ? 'a JSON container' : `${array.name} after ${array.count} items`;
    const location = raw === undefined ? this.here(0) : this.captured(array?.count);
    emitReject(this.d.ctx, location, `truncated JSON: input ended inside ${where}`, raw, cut);
  }

  private here(i: number): RecordLocation {
    return { file: this.file, line: this.line, offset: this.base + i };
  }

  /** Location of the captured value. */
  private captured(index: number | undefined): RecordLocation {
    const location: RecordLocation = {
      file: this.file,
      line: this.capture.line,
      offset: this.capture.offset,
    };
    if (index !== undefined) location.index = index;
    return location;
  }

  private beginCapture(i: number): void {
    this.capture.begin(i, this.line, this.base + i);
  }

  /** The captured text up to `end`, or undefined after rejecting it as longer than maxRecordBytes. */
  private endCapture(end: number, index: number | undefined): string | undefined {
    const capture = this.capture;
    const text = capture.end(this.chunk, end);
    if (text !== undefined) return text;
    const max = this.d.ctx.settings.maxRecordBytes;
    const reason = `JSON value of ${capture.length} characters exceeds maxRecordBytes (${max})`;
    emitReject(this.d.ctx, this.captured(index), reason, capture.head, true);
    return undefined;
  }

  private pushFrame(role: Role, name: string, state: number, table?: Frame): void {
    const frame = {
      role,
      name,
      state,
      count: 0,
      key: '',
      keyTooLong: false,
      keyCarry: 0,
      columns: undefined,
      table,
    };
    this.frames.push(frame);
  }

  /** Ends decoding: a broken container cannot be resynchronised. */
  private fail(expected: string, i: number): number {
    const found = JSON.stringify(this.chunk.charAt(i));
    const at = `line ${this.line}, offset ${this.base + i}`;
    const reason = `invalid JSON container: expected ${expected}, found ${found} at ${at}; the rest of the input is skipped`;
    const excerpt = this.chunk.slice(i, i + EXCERPT);
    emitReject(this.d.ctx, this.here(i), reason, excerpt, i + EXCERPT < this.chunk.length);
    this.dead = true;
    this.capture.abort();
    return this.chunk.length;
  }

  // ---- top level ------------------------------------------------------------------------

  private stepTop(i: number): number {
    const s = this.chunk;
    const n = s.length;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 10) this.line++;
      else if (!isJsonSpace(c)) {
        if (c === 91) {
          this.pushFrame('elements', 'the top-level array', A_FIRST);
          return i + 1;
        }
        this.beginCapture(i);
        if (c !== 123) {
          this.garbage = true;
          return i;
        }
        this.pushFrame('root', 'the top-level object', O_FIRST);
        return i + 1;
      }
      i++;
    }
    return n;
  }

  /** Text between top-level values that is not JSON: rejected up to the end of its line. */
  private scanGarbage(i: number): number {
    const newline = this.chunk.indexOf('\n', i);
    if (newline < 0) return this.chunk.length;
    this.endGarbage(newline);
    return newline;
  }

  private endGarbage(end: number): void {
    this.garbage = false;
    const text = this.endCapture(end, undefined);
    if (text === undefined) return;
    const found = text.trimEnd();
    const shown = found.length > 40 ? `${found.slice(0, 40)}…` : found;
    emitReject(
      this.d.ctx,
      this.captured(undefined),
      `expected a JSON object or array, found text '${shown}'`,
      found,
    );
  }

  // ---- arrays ---------------------------------------------------------------------------

  private stepArray(frame: Frame, i: number): number {
    const s = this.chunk;
    const n = s.length;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 10) this.line++;
      else if (!isJsonSpace(c)) {
        if (frame.state === A_SEP) {
          if (c === 44) frame.state = A_VALUE;
          else if (c === 93) return this.closeFrame(i + 1);
          else return this.fail(`',' or ']' after ${frame.name}[${frame.count - 1}]`, i);
        } else if (c === 93 && frame.state === A_FIRST) return this.closeFrame(i + 1);
        else if (!canStartValue(c)) return this.fail(`a value in ${frame.name}`, i);
        else return this.startItem(frame, i);
      }
      i++;
    }
    return n;
  }

  private startItem(frame: Frame, i: number): number {
    frame.state = A_SEP;
    if (frame.role === 'tables' && this.chunk.charCodeAt(i) === 123) {
      this.pushFrame('table', `tables[${frame.count++}]`, O_FIRST);
      return i + 1;
    }
    this.beginCapture(i);
    return this.beginValue(i, frame.role === 'rows' ? ROW : ELEMENT);
  }

  // ---- objects --------------------------------------------------------------------------

  private stepObject(frame: Frame, i: number): number {
    const s = this.chunk;
    const n = s.length;
    while (i < n) {
      if (frame.state === O_IN_KEY) {
        const end = stringEnd(s, i, frame.keyCarry);
        if (end < 0) {
          this.growKey(frame, s.slice(i));
          frame.keyCarry = trailingBackslashes(s, i, frame.keyCarry);
          return n;
        }
        this.growKey(frame, s.slice(i, end));
        frame.state = O_COLON;
        i = end + 1;
        continue;
      }
      const c = s.charCodeAt(i);
      if (c === 10) this.line++;
      else if (!isJsonSpace(c)) {
        const state = frame.state;
        if (c === 34 && (state === O_FIRST || state === O_KEY)) {
          frame.state = O_IN_KEY;
          frame.key = '';
          frame.keyTooLong = false;
          frame.keyCarry = 0;
        } else if (c === 125 && (state === O_FIRST || state === O_SEP)) return this.closeFrame(i + 1);
        else if (c === 58 && state === O_COLON) frame.state = O_VALUE;
        else if (c === 44 && state === O_SEP) frame.state = O_KEY;
        else if (state === O_VALUE && canStartValue(c)) return this.startMember(frame, i);
        else return this.objectError(frame, i);
      }
      i++;
    }
    return n;
  }

  private growKey(frame: Frame, piece: string): void {
    if (frame.keyTooLong) return;
    if (frame.key.length + piece.length > MAX_KEY) {
      frame.keyTooLong = true;
      frame.key = '';
    } else frame.key += piece;
  }

  private objectError(frame: Frame, i: number): number {
    if (frame.role !== 'root') return this.fail(`${EXPECTED[frame.state - O_FIRST]} in ${frame.name}`, i);
    // A top-level object that is not valid JSON: find its end by bracket depth and let JSON.parse say why.
    this.frames.pop();
    this.inValue = true;
    this.purpose = BROKEN_ROOT;
    this.value.resumeObject();
    return i;
  }

  private startMember(frame: Frame, i: number): number {
    frame.state = O_SEP;
    const key = frame.keyTooLong ? '' : frame.key;
    const isArray = this.chunk.charCodeAt(i) === 91;
    if (frame.role === 'table') {
      if (key === 'rows' && isArray) {
        this.pushFrame('rows', `${frame.name}.rows`, A_FIRST, frame);
        return i + 1;
      }
      if (key !== 'columns') return this.beginValue(i, SKIP);
      this.beginCapture(i);
      return this.beginValue(i, COLUMNS);
    }
    if (!isArray || !isContainerKey(key)) return this.beginValue(i, SKIP);
    if (frame.role === 'root') {
      this.capture.abort();
      frame.role = 'container';
    }
    this.pushFrame(key === TABLES_KEY ? 'tables' : 'elements', key, A_FIRST);
    return i + 1;
  }

  private closeFrame(i: number): number {
    const frame = this.frames.pop()!;
    if (frame.role === 'root') {
      const text = this.endCapture(i, undefined);
      if (text !== undefined) this.d.text(text, this.captured(undefined), 'scanned');
    }
    return i;
  }

  // ---- one value ------------------------------------------------------------------------

  private beginValue(i: number, purpose: number): number {
    this.inValue = true;
    this.purpose = purpose;
    return this.value.begin(this.chunk, i);
  }

  private scanValue(from: number): number {
    const end = this.value.scan(this.chunk, from);
    this.line += this.value.takeNewlines();
    if (end < 0) return this.chunk.length;
    this.inValue = false;
    const purpose = this.purpose;
    if (purpose === SKIP) return end;
    if (purpose === BROKEN_ROOT) {
      const text = this.endCapture(end, undefined);
      if (text !== undefined) this.d.text(text, this.captured(undefined), 'scanned');
      return end;
    }
    const frame = this.frames[this.frames.length - 1]!;
    if (purpose === COLUMNS) {
      frame.columns = columnsFromText(this.d, this.endCapture(end, undefined), this.captured(undefined));
      return end;
    }
    const index = frame.count++;
    const text = this.endCapture(end, index);
    if (text === undefined) return end;
    const location = this.captured(index);
    if (purpose === ELEMENT) this.d.text(text, location, 'element');
    else decodeRow(this.d, `Log Analytics ${frame.name}[${index}]`, frame.table?.columns, text, location);
    return end;
  }
}
