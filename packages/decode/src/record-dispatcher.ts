import { expandEnvelope } from './aws-envelopes.ts';
import { classifyRecord, formatName } from './classify-record.ts';
import { type DecodeContext, emitReject, emitSkip } from './decode-context.ts';
import { isJsonObject } from './describe-value.ts';
import type { FlowLayout } from './flow-layout.ts';
import { decodeFlowTokens } from './flow-line.ts';
import { JsonScanner } from './json-scanner.ts';
import { expandParsedContainer, hasContainerKey } from './parsed-container.ts';
import { serialize } from './serialize.ts';
import type { RecordLocation } from './types.ts';

function jsonErrorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const MAX_NESTING = 10;

/**
 * Where JSON text comes from, which says whether scanning it again can help: `line`, a whole
 * line (it may hold concatenated values or a container); `element`, one element or payload (it
 * may be a nested container); `scanned`, a top-level value the scanner has already walked.
 */
export type TextOrigin = 'line' | 'element' | 'scanned';

/** Turns parsed values, rows and flow lines into records, skips and rejects. */
export class RecordDispatcher {
  readonly ctx: DecodeContext;
  private depth = 0;

  constructor(ctx: DecodeContext) {
    this.ctx = ctx;
  }

  text(text: string, location: RecordLocation, origin: TextOrigin): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      // A line may hold several concatenated values: the scanner separates them (and rejects the broken ones).
      if (origin === 'line') this.rescan(text, location);
      else emitReject(this.ctx, location, `invalid JSON: ${jsonErrorMessage(error)}`, text);
      return;
    }
    this.value(value, text, location, origin);
  }

  value(value: unknown, raw: string, location: RecordLocation, origin: TextOrigin): void {
    const found = classifyRecord(value, this.ctx.format);
    if ('source' in found) {
      const native = value as Record<string, unknown>;
      const record = found.variant === 'eventbridge' ? (native.detail as Record<string, unknown>) : native;
      this.ctx.emit({
        kind: 'record',
        value: { source: found.source, variant: found.variant, record, raw, location },
      });
      return;
    }
    if (isJsonObject(value)) {
      if (hasContainerKey(value)) {
        // Rescanning keeps each element's exact text; text the scanner already walked is expanded as parsed.
        if (origin === 'scanned') expandParsedContainer(this, value, location);
        else this.rescan(raw, location);
        return;
      }
      if (expandEnvelope(this, value, raw, location)) return;
    }
    emitReject(this.ctx, location, found.reason, raw);
  }

  /** A Log Analytics row, already keyed by column name; the input row lacks the names, so `raw` is re-serialized. */
  row(record: Record<string, unknown>, location: RecordLocation): void {
    const found = classifyRecord(record, this.ctx.format);
    const raw = serialize(record);
    if (raw === undefined) {
      emitReject(this.ctx, location, 'Log Analytics row is nested too deeply to serialize');
      return;
    }
    if ('reason' in found) {
      emitReject(this.ctx, location, found.reason, raw);
      return;
    }
    this.ctx.emit({
      kind: 'record',
      value: { source: found.source, variant: found.variant, record, raw, location },
    });
  }

  flow(tokens: readonly string[], layout: FlowLayout, raw: string, location: RecordLocation): void {
    const result = decodeFlowTokens(tokens, layout);
    if (result.kind === 'skip') {
      emitSkip(this.ctx, location, result.reason);
      return;
    }
    if (result.kind === 'reject') {
      emitReject(this.ctx, location, result.reason, raw);
      return;
    }
    const format = this.ctx.format;
    if (format !== 'auto' && format !== 'vpcflow') {
      emitReject(
        this.ctx,
        location,
        `expected ${formatName(format)} record (--format ${format}), found vpcflow ${result.variant}`,
        raw,
      );
      return;
    }
    const value = {
      source: 'vpcflow' as const,
      variant: result.variant,
      record: result.record,
      raw,
      location,
    };
    this.ctx.emit({ kind: 'record', value });
  }

  /** Streams a container held in `text`, so each element keeps its exact text. */
  rescan(text: string, location: RecordLocation): void {
    this.nest(location, text, () => {
      const scanner = new JsonScanner(this, { line: location.line ?? 1, offset: location.offset ?? 0 });
      scanner.push(text);
      scanner.end();
    });
  }

  /**
   * Runs `expand` one level deeper. Real deliveries nest a few levels (Kinesis record → CloudWatch
   * Logs payload → record); refusing deeper input keeps the stack bounded on hostile input.
   */
  nest(location: RecordLocation, raw: string, expand: () => void): void {
    if (this.depth >= MAX_NESTING) {
      emitReject(this.ctx, location, `containers and payloads nested more than ${MAX_NESTING} deep`, raw);
      return;
    }
    this.depth++;
    try {
      expand();
    } finally {
      this.depth--;
    }
  }
}
