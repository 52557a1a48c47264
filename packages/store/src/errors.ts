/** Base class of the store's errors: an AWS call that kept failing, or data a table cannot hold. */
export class StoreError extends Error {
  override name = 'StoreError';
}

/** Writes of state items still unprocessed after every retry. */
export class StateStoreError extends StoreError {
  override name = 'StateStoreError';
}

/** A finding could not be written: conditional writes kept conflicting, or an item was malformed. */
export class FindingsStoreError extends StoreError {
  override name = 'FindingsStoreError';
}

/** Entries EventBridge or SQS kept rejecting after every retry. */
export class PublishError extends StoreError {
  override name = 'PublishError';
}
