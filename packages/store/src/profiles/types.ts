import type { Profile } from '@vigil/features';

/**
 * Where behaviour profiles live between runs. Batched on purpose: the Lambda reads the
 * profiles a Kinesis batch needs in one go before the batch, and writes the changed ones in
 * one go after it; the CLI reads and writes a whole folder.
 */
export interface ProfileStore {
  /** The stored profiles among `keys`; unknown keys are simply absent. */
  load(keys: readonly string[]): Promise<Profile[]>;
  /** Writes these profiles (whole), replacing what was stored under their keys. */
  save(profiles: readonly Profile[]): Promise<void>;
}

/** How long a profile nobody updates is kept: past it, the principal is new again. */
export const DEFAULT_FORGET_MS = 90 * 86_400_000;
