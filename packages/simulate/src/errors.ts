/** Base class of the simulator's own failures (bad options, misuse): never raised by data. */
export class SimulateError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SimulateError';
  }
}

/** Invalid `SimulateOptions`: thrown before anything is generated. */
export class SimulateOptionsError extends SimulateError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SimulateOptionsError';
  }
}
