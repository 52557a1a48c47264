/** Base class for the decoder's own failures (bad configuration, misuse): never for bad input. */
export class DecodeError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DecodeError';
  }
}

/** Invalid `DecodeOptions`: thrown by `createDecoder` before any data flows. */
export class DecodeOptionsError extends DecodeError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DecodeOptionsError';
  }
}
