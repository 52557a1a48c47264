import { ByteInput, type ByteStart } from './byte-input.ts';
import type { DecodeContext } from './decode-context.ts';
import { DecodeError } from './errors.ts';
import { V2_DEFAULT_FLOW_FIELDS } from './flow-fields.ts';
import { flowLayout } from './flow-layout.ts';
import type { DecodeSettings } from './options.ts';
import { RecordDispatcher } from './record-dispatcher.ts';
import { TextRouter } from './text-router.ts';
import type { DecodeItem } from './types.ts';

/** The decoder behind `createDecoder` and `decodeStream`. */
export interface FileDecoder {
  write(chunk: Uint8Array | string): void;
  end(): void;
  /** Ends the file with one reject (a broken gzip stream): the partly decoded record is dropped. */
  fail(reason: string): void;
}

export function openDecoder(
  settings: DecodeSettings,
  emit: (item: DecodeItem) => void,
  start: ByteStart,
): FileDecoder {
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
  const input = new ByteInput(ctx, new TextRouter(new RecordDispatcher(ctx)), start);
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
    fail(reason) {
      open();
      input.fail(reason);
    },
  };
}
