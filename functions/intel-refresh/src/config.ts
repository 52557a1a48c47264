import { ConfigError } from './errors.ts';

export interface RefreshConfig {
  /** Bucket the sets are written to, as `<prefix><set>.txt`. */
  bucket: string;
  prefix: string;
  /** Per-feed download timeout. */
  timeoutMs: number;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Reads the VIGIL_* environment once, at cold start; a missing variable names itself. */
export function readConfig(env: Env = process.env): RefreshConfig {
  const bucket = env.VIGIL_INTEL_SETS_BUCKET?.trim();
  if (!bucket)
    throw new ConfigError(
      'intel-refresh: environment variable VIGIL_INTEL_SETS_BUCKET is required and empty or unset',
    );
  const prefix = env.VIGIL_INTEL_SETS_PREFIX?.trim() ?? 'sets/';
  if (prefix !== '' && !/^[\w./-]+\/$/.test(prefix))
    throw new ConfigError(
      `intel-refresh: VIGIL_INTEL_SETS_PREFIX must be empty or end with "/", got "${prefix}"`,
    );
  const timeout = env.VIGIL_INTEL_FEED_TIMEOUT_MS?.trim() || '30000';
  if (!/^\d+$/.test(timeout) || Number(timeout) < 1000)
    throw new ConfigError(
      `intel-refresh: VIGIL_INTEL_FEED_TIMEOUT_MS must be a whole number ≥ 1000, got "${timeout}"`,
    );
  return { bucket, prefix, timeoutMs: Number(timeout) };
}
