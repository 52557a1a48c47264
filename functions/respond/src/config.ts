import { fileURLToPath } from 'node:url';
import { INTEL_SECRET_PROVIDERS, type IntelSecretProvider } from './enrich.ts';
import { ConfigError } from './errors.ts';

export interface RespondConfig {
  auditTable: string;
  /** Guardrails YAML: the copy bundled next to index.mjs unless overridden. */
  guardrailsFile: string;
  /** ExternalId the responder roles in member accounts require. */
  externalId: string;
  /** Offline intel sets (Tor exits, C2 lists…) bundled next to index.mjs. */
  intelSetsDir: string;
  /** Provider → secret ARN of its API key (`VIGIL_INTEL_SECRETS`, JSON); only the enrich function has it. */
  intelSecrets?: Partial<Record<IntelSecretProvider, string>>;
  /** The intel-cache table (`VIGIL_INTEL_CACHE_TABLE`). */
  intelCacheTable?: string;
  /** Where intel-refresh writes the sets (`VIGIL_INTEL_SETS_BUCKET`, `VIGIL_INTEL_SETS_PREFIX`). */
  intelSetsBucket?: { bucket: string; prefix: string };
  /**
   * The deployment's own dry-run switch: unless it is explicitly `false`, no playbook mutates
   * anything whatever the guardrails say, so going live takes both the guardrails and the deploy.
   */
  forceDryRun: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

function required(env: Env, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new ConfigError(`respond: environment variable ${name} is required and empty or unset`);
  return value;
}

function bundled(env: Env, name: string, relative: string): string {
  return env[name]?.trim() || fileURLToPath(new URL(relative, import.meta.url));
}

function intelSecrets(env: Env): RespondConfig['intelSecrets'] {
  const text = env.VIGIL_INTEL_SECRETS?.trim();
  if (!text) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ConfigError('respond: VIGIL_INTEL_SECRETS must be JSON {"<provider>": "<secret arn>"}');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ConfigError('respond: VIGIL_INTEL_SECRETS must be JSON {"<provider>": "<secret arn>"}');
  for (const [name, id] of Object.entries(value)) {
    if (!INTEL_SECRET_PROVIDERS.includes(name as IntelSecretProvider))
      throw new ConfigError(
        `respond: VIGIL_INTEL_SECRETS names unknown provider "${name}" (known: ${INTEL_SECRET_PROVIDERS.join(', ')})`,
      );
    if (typeof id !== 'string' || id.trim() === '')
      throw new ConfigError(`respond: VIGIL_INTEL_SECRETS.${name} must be a secret ARN or name`);
  }
  return value as RespondConfig['intelSecrets'];
}

/** Reads the VIGIL_* environment once, at cold start; a missing variable names itself. */
export function readConfig(env: Env = process.env): RespondConfig {
  const secrets = intelSecrets(env);
  const cacheTable = env.VIGIL_INTEL_CACHE_TABLE?.trim();
  const bucket = env.VIGIL_INTEL_SETS_BUCKET?.trim();
  return {
    ...(secrets ? { intelSecrets: secrets } : {}),
    ...(cacheTable ? { intelCacheTable: cacheTable } : {}),
    ...(bucket ? { intelSetsBucket: { bucket, prefix: env.VIGIL_INTEL_SETS_PREFIX?.trim() ?? '' } } : {}),
    auditTable: required(env, 'VIGIL_AUDIT_TABLE'),
    externalId: required(env, 'VIGIL_RESPONDER_EXTERNAL_ID'),
    guardrailsFile: bundled(env, 'VIGIL_GUARDRAILS_FILE', './guardrails.yml'),
    intelSetsDir: bundled(env, 'VIGIL_INTEL_SETS_DIR', './intel-sets/'),
    forceDryRun: env.VIGIL_DRY_RUN?.trim() !== 'false',
  };
}
