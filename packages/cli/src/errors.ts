/** Base class of errors the CLI reports as a one-line message and exit status 2. */
export class CliError extends Error {
  override name = 'CliError';
  readonly exitCode: number = 2;
}

export class UsageError extends CliError {
  override name = 'UsageError';
}

export class InputError extends CliError {
  override name = 'InputError';
  constructor(
    readonly path: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${path}: ${reason}`, options);
  }
}
