import { ByteInput } from './byte-input.ts';
import type { DecodeContext } from './decode-context.ts';
import { DecodeError } from './errors.ts';
import { V2_DEFAULT_FLOW_FIELDS } from './flow-fields.ts';
import { flowLayout } from './flow-layout.ts';
import { type DecodeOptions, resolveOptions } from './options.ts';
import { RecordDispatcher } from './record-dispatcher.ts';
import { TextRouter } from './text-router.ts';
import type { DecodeItem } from './types.ts';

export interface Decoder {
  /** Feeds the next chunk; items are emitted synchronously, before `write` returns. */
  write(chunk: Uint8Array | string): void;
  /** Flushes the last partial record (or rejects it as truncated). */
  end(): void;
}

/**
 * Synchronous push decoder for one file. Never throws on bad input: every record, reject and
 * skip goes to `emit`. Throws `DecodeOptionsError` on invalid options, and `DecodeError` when
 * used after `end()`.
 */
export function createDecoder(options: DecodeOptions, emit: (item: DecodeItem) => void): Decoder {
  const settings = resolveOptions(options);
  const flowFields = settings.flowFields;
  const ctx: DecodeContext = {
    settings,
    file: settings.file,
    format: settings.format,
    defaultFlow: flowLayout(
      flowFields ?? V2_DEFAULT_FLOW_FIELDS,
      flowFields ? 'flowFields option' : 'v2 default',
    ),
    emit,
  };
  const input = new ByteInput(ctx, new TextRouter(new RecordDispatcher(ctx)));
  let ended = false;
  const open = (): void => {
    if (ended) throw new DecodeError(`decoder for ${settings.file} is already ended`);
  };
  return {
    write(chunk) {
      open();
      input.write(chunk);
    },
    end() {
      open();
      ended = true;
      input.end();
    },
  };
}
