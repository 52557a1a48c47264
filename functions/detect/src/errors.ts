import type { KinesisStreamBatchResponse } from 'aws-lambda';

/** The function's environment is missing or malformed: fails the cold start with the variable's name. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * A batch with item failures. Thrown inside the idempotent unit so Powertools forgets the batch
 * (a retry must run the failed records again, not replay a stored answer); the handler turns it
 * back into the partial batch response.
 */
export class PartialBatchError extends Error {
  override name = 'PartialBatchError';
  constructor(readonly response: KinesisStreamBatchResponse) {
    super(`${response.batchItemFailures.length} record(s) failed`);
  }
}
