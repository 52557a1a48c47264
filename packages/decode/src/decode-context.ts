import type { FlowLayout } from './flow-layout.ts';
import type { DecodeSettings } from './options.ts';
import type { DecodeItem, InputFormat, RecordLocation } from './types.ts';

/** What every stage of one file's decoding shares. */
export interface DecodeContext {
  readonly settings: DecodeSettings;
  readonly file: string;
  readonly format: InputFormat;
  /** Layout for header-less flow lines and CloudWatch Logs flow messages. */
  readonly defaultFlow: FlowLayout;
  readonly emit: (item: DecodeItem) => void;
}

/** Where a decoded stretch of text starts: the next line number and character offset. */
export interface TextPosition {
  readonly line: number;
  readonly offset: number;
}

function cutAt(text: string, limit: number): string {
  if (text.length <= limit) return text;
  // Never leave half a surrogate pair at the cut.
  const end = limit > 0 && (text.charCodeAt(limit - 1) & 0xfc00) === 0xd800 ? limit - 1 : limit;
  return text.slice(0, end);
}

/** `cut` says `raw` is already an excerpt of a longer text (it is marked truncated whatever its length). */
export function emitReject(
  ctx: DecodeContext,
  location: RecordLocation,
  reason: string,
  raw?: string,
  cut = false,
): void {
  if (raw === undefined) {
    ctx.emit({ kind: 'reject', value: { location, reason } });
    return;
  }
  const limit = ctx.settings.rejectRawLimit;
  if (raw.length <= limit && !cut) {
    ctx.emit({ kind: 'reject', value: { location, reason, raw } });
    return;
  }
  ctx.emit({ kind: 'reject', value: { location, reason, raw: cutAt(raw, limit), truncated: true } });
}

export function emitSkip(ctx: DecodeContext, location: RecordLocation, reason: string): void {
  ctx.emit({ kind: 'skip', value: { location, reason } });
}
