import { describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';
import { ConfigError } from './errors.ts';

const env = {
  VIGIL_FINDINGS_TABLE: 'vigil-findings',
  VIGIL_STATE_TABLE: 'vigil-detect-state',
  VIGIL_PROFILES_TABLE: 'vigil-profiles',
  VIGIL_IDEMPOTENCY_TABLE: 'vigil-idempotency',
  VIGIL_FINDINGS_BUS: 'vigil-findings',
  VIGIL_DLQ_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/vigil-detect-dlq',
};

describe('readConfig', () => {
  it('reads the tables, bus and queue, and defaults the rule folders to the copies next to the bundle', () => {
    const config = readConfig(env);
    expect(config).toMatchObject({
      findingsTable: 'vigil-findings',
      dlqUrl: env.VIGIL_DLQ_URL,
      retentionDays: 90,
    });
    expect(config.catalogDir).toMatch(/\/catalog\/$/);
    expect(config.sigmaDir).toMatch(/\/sigma\/$/);
    expect(config.modelsDir).toMatch(/\/models\/$/);
    expect(config.ipDbDir).toMatch(/\/ip-db\/$/);
    expect(config.intelSetsDir).toMatch(/\/intel-sets\/$/);
    expect(readConfig({ ...env, VIGIL_MODELS_DIR: '/opt/models' }).modelsDir).toBe('/opt/models');
    expect(readConfig({ ...env, VIGIL_CATALOG_DIR: '/opt/rules' }).catalogDir).toBe('/opt/rules');
  });

  it('reads the refreshed sets from the intel bucket only when one is given', () => {
    expect(readConfig(env).intelSetsBucket).toBeUndefined();
    expect(readConfig({ ...env, VIGIL_INTEL_SETS_BUCKET: 'vigil-intel' }).intelSetsBucket).toEqual({
      bucket: 'vigil-intel',
      prefix: 'sets/',
    });
    expect(
      readConfig({ ...env, VIGIL_INTEL_SETS_BUCKET: 'vigil-intel', VIGIL_INTEL_SETS_PREFIX: 'intel/' })
        .intelSetsBucket,
    ).toEqual({ bucket: 'vigil-intel', prefix: 'intel/' });
  });

  it.each(Object.keys(env))('names %s when it is missing', (name) => {
    expect(() => readConfig({ ...env, [name]: ' ' })).toThrow(
      new ConfigError(`detect: environment variable ${name} is required and empty or unset`),
    );
  });

  it('rejects a retention that is not a whole number of days', () => {
    expect(() => readConfig({ ...env, VIGIL_FINDING_RETENTION_DAYS: '1.5' })).toThrow(
      /VIGIL_FINDING_RETENTION_DAYS.*"1.5"/,
    );
  });
});
