export type { Classification } from './classification.ts';
export { classifyRecord } from './classify-record.ts';
export { createDecoder, type Decoder } from './create-decoder.ts';
export { decodeStream } from './decode-stream.ts';
export { DecodeError, DecodeOptionsError } from './errors.ts';
export { KNOWN_FLOW_FIELDS, V2_DEFAULT_FLOW_FIELDS } from './flow-fields.ts';
export type { DecodeOptions } from './options.ts';
export * from './types.ts';
