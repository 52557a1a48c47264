import { StoreError } from '../errors.ts';

/** Profiles could not be read or written: an unreadable file, a corrupt item, a write that kept failing. */
export class ProfileStoreError extends StoreError {
  override name = 'ProfileStoreError';
}
