import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';
import { InfraConfigError } from './errors.ts';

const configOf = (context: Record<string, unknown>) => readConfig(new App({ context }).node);

describe('readConfig', () => {
  it('gives a working single-account configuration with no context at all', () => {
    expect(configOf({})).toEqual({
      memberAccounts: [],
      enabledSources: ['cloudtrail', 'vpc-flow'],
      dryRun: true,
      notificationEmails: [],
      archiveRetentionDays: 365,
      responderExternalId: 'vigil-responder-external-id',
    });
  });

  it('reads cdk.json JSON values and -c strings alike', () => {
    const fromJson = configOf({
      'vigil:organizationId': 'o-abcdef1234',
      'vigil:memberAccounts': ['111111111111', '222222222222'],
      'vigil:enabledSources': ['cloudtrail'],
      'vigil:dryRun': false,
      'vigil:streamShards': 2,
    });
    const fromCli = configOf({
      'vigil:organizationId': 'o-abcdef1234',
      'vigil:memberAccounts': '111111111111, 222222222222',
      'vigil:enabledSources': 'cloudtrail',
      'vigil:dryRun': 'false',
      'vigil:streamShards': '2',
    });
    expect(fromCli).toEqual(fromJson);
    expect(fromJson).toMatchObject({
      memberAccounts: ['111111111111', '222222222222'],
      dryRun: false,
      streamShards: 2,
    });
  });

  it('ignores context that is not Vigil’s (feature flags, CDK internals)', () => {
    expect(configOf({ '@aws-cdk/core:target-partitions': ['aws'], 'cli-telemetry': false }).dryRun).toBe(
      true,
    );
  });

  it.each([
    [{ 'vigil:organizationId': 'abc' }, 'vigil:organizationId'],
    [{ 'vigil:memberAccounts': '12345' }, 'vigil:memberAccounts.0'],
    [{ 'vigil:enabledSources': 'cloudtrail,azure' }, 'vigil:enabledSources.1'],
    [{ 'vigil:enabledSources': '' }, 'vigil:enabledSources'],
    [{ 'vigil:notificationEmails': 'not-an-address' }, 'vigil:notificationEmails.0'],
    [{ 'vigil:dryrun': true }, 'dryrun'],
    [{ 'vigil:streamShards': 0 }, 'vigil:streamShards'],
  ])('rejects %j naming %s', (context, key) => {
    expect(() => configOf(context)).toThrow(InfraConfigError);
    expect(() => configOf(context)).toThrow(key);
  });
});
