/** A technique the replay cannot produce (no plan, unsupported platform): a configuration error. */
export class StratusReplayError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StratusReplayError';
  }
}
