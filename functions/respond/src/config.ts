import { fileURLToPath } from 'node:url';
import { ConfigError } from './errors.ts';

export interface RespondConfig {
  auditTable: string;
  /** Guardrails YAML: the copy bundled next to index.mjs unless overridden. */
  guardrailsFile: string;
  /** ExternalId the responder roles in member accounts require. */
  externalId: string;
  /** Offline intel sets (Tor exits, C2 lists…) bundled next to index.mjs. */
  intelSetsDir: string;
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

/** Reads the VIGIL_* environment once, at cold start; a missing variable names itself. */
export function readConfig(env: Env = process.env): RespondConfig {
  return {
    auditTable: required(env, 'VIGIL_AUDIT_TABLE'),
    externalId: required(env, 'VIGIL_RESPONDER_EXTERNAL_ID'),
    guardrailsFile: bundled(env, 'VIGIL_GUARDRAILS_FILE', './guardrails.yml'),
    intelSetsDir: bundled(env, 'VIGIL_INTEL_SETS_DIR', './intel-sets/'),
    forceDryRun: env.VIGIL_DRY_RUN?.trim() !== 'false',
  };
}
