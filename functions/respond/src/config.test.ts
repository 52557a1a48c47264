import { describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';

const env = { VIGIL_AUDIT_TABLE: 'audit', VIGIL_RESPONDER_EXTERNAL_ID: 'vigil-responder-external-id' };

describe('respond config', () => {
  it('names a missing variable', () => {
    expect(() => readConfig({ VIGIL_AUDIT_TABLE: 'audit' })).toThrow(
      'respond: environment variable VIGIL_RESPONDER_EXTERNAL_ID is required and empty or unset',
    );
  });

  it('stays in dry-run unless the deployment says exactly false', () => {
    expect(readConfig(env).forceDryRun).toBe(true);
    expect(readConfig({ ...env, VIGIL_DRY_RUN: 'no' }).forceDryRun).toBe(true);
    expect(readConfig({ ...env, VIGIL_DRY_RUN: 'false' }).forceDryRun).toBe(false);
  });

  it('finds the guardrails and intel sets next to the bundle unless told otherwise', () => {
    const c = readConfig(env);
    expect(c.guardrailsFile).toMatch(/functions\/respond\/src\/guardrails\.yml$/);
    expect(readConfig({ ...env, VIGIL_GUARDRAILS_FILE: '/etc/g.yml' }).guardrailsFile).toBe('/etc/g.yml');
  });

  it('reads the intel wiring of the enrich function, and names what is wrong with it', () => {
    const c = readConfig({
      ...env,
      VIGIL_INTEL_SECRETS: JSON.stringify({ virustotal: 'arn:vt', xforce: 'arn:xf' }),
      VIGIL_INTEL_CACHE_TABLE: 'vigil-intel-cache',
      VIGIL_INTEL_SETS_BUCKET: 'intel-bucket',
      VIGIL_INTEL_SETS_PREFIX: 'sets/',
    });
    expect(c).toMatchObject({
      intelSecrets: { virustotal: 'arn:vt', xforce: 'arn:xf' },
      intelCacheTable: 'vigil-intel-cache',
      intelSetsBucket: { bucket: 'intel-bucket', prefix: 'sets/' },
    });
    // The other respond functions get none of it.
    expect(readConfig(env)).not.toHaveProperty('intelSecrets');
    expect(() => readConfig({ ...env, VIGIL_INTEL_SECRETS: 'arn:vt' })).toThrow(/must be JSON/);
    expect(() => readConfig({ ...env, VIGIL_INTEL_SECRETS: '{"greynoise":"arn:x"}' })).toThrow(
      /unknown provider "greynoise"/,
    );
    expect(() => readConfig({ ...env, VIGIL_INTEL_SECRETS: '{"otx":""}' })).toThrow(
      /VIGIL_INTEL_SECRETS.otx/,
    );
  });
});
