import { fileURLToPath } from 'node:url';
import type { SetsLocation } from '@vigil/fn-intel-refresh/s3-sets';
import { ConfigError } from './errors.ts';

export interface DetectConfig {
  findingsTable: string;
  stateTable: string;
  /** Behaviour profiles of the ML features (`TABLES.profiles`). */
  profilesTable: string;
  idempotencyTable: string;
  findingsBus: string;
  dlqUrl: string;
  /** Vigil's YAML rule catalog and Sigma rules: copies bundled next to index.mjs by default. */
  catalogDir: string;
  sigmaDir: string;
  /** `manifest.json` and the ONNX models it lists. */
  modelsDir: string;
  /** The IPv4 → AS and country tables the features read (`asn-ipv4-num.csv`, `geo-whois-asn-country-ipv4-num.csv`). */
  ipDbDir: string;
  /** Offline intel sets (`<name>.txt`) for the catalog's `inSet` conditions. */
  intelSetsDir: string;
  /**
   * Where intel-refresh writes the sets daily (`VIGIL_INTEL_SETS_BUCKET`, `VIGIL_INTEL_SETS_PREFIX`);
   * preferred to the bundled copy when set, which stays each set's fallback.
   */
  intelSetsBucket?: SetsLocation;
  /** Days a finding stays in the findings table after its last event. */
  retentionDays: number;
}

type Env = Readonly<Record<string, string | undefined>>;

function required(env: Env, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new ConfigError(`detect: environment variable ${name} is required and empty or unset`);
  return value;
}

function dir(env: Env, name: string, bundled: string): string {
  return env[name]?.trim() || fileURLToPath(new URL(bundled, import.meta.url));
}

/** Reads the VIGIL_* environment once, at cold start; a missing variable names itself. */
export function readConfig(env: Env = process.env): DetectConfig {
  const retention = env.VIGIL_FINDING_RETENTION_DAYS?.trim() || '90';
  const retentionDays = Number(retention);
  if (!Number.isInteger(retentionDays) || retentionDays < 1) {
    throw new ConfigError(
      `detect: VIGIL_FINDING_RETENTION_DAYS must be a whole number of days ≥ 1, got "${retention}"`,
    );
  }
  const bucket = env.VIGIL_INTEL_SETS_BUCKET?.trim();
  return {
    // The prefix defaults to intel-refresh's own.
    ...(bucket
      ? { intelSetsBucket: { bucket, prefix: env.VIGIL_INTEL_SETS_PREFIX?.trim() ?? 'sets/' } }
      : {}),
    findingsTable: required(env, 'VIGIL_FINDINGS_TABLE'),
    stateTable: required(env, 'VIGIL_STATE_TABLE'),
    profilesTable: required(env, 'VIGIL_PROFILES_TABLE'),
    idempotencyTable: required(env, 'VIGIL_IDEMPOTENCY_TABLE'),
    findingsBus: required(env, 'VIGIL_FINDINGS_BUS'),
    dlqUrl: required(env, 'VIGIL_DLQ_URL'),
    catalogDir: dir(env, 'VIGIL_CATALOG_DIR', './catalog/'),
    sigmaDir: dir(env, 'VIGIL_SIGMA_DIR', './sigma/'),
    modelsDir: dir(env, 'VIGIL_MODELS_DIR', './models/'),
    ipDbDir: dir(env, 'VIGIL_IP_DB_DIR', './ip-db/'),
    intelSetsDir: dir(env, 'VIGIL_INTEL_SETS_DIR', './intel-sets/'),
    retentionDays,
  };
}
