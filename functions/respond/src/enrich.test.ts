import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { s3SetReader } from '@vigil/fn-intel-refresh/s3-sets';
import { createDynamoCache, type FetchLike, SNAPSHOT_DIR } from '@vigil/intel';
import { type ProviderServer, sampleFinding, startProviderServer } from '@vigil/intel/testing';
import { createTable, type Loopback, startDynalite } from '@vigil/store/testing';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { intelEnrich } from './enrich.ts';
import { readSecretString } from './secrets.ts';

const ARN = (name: string) =>
  `arn:aws:secretsmanager:us-east-1:111122223333:secret:vigil/intel/${name}-AbCdEf`;
const MALICIOUS = '93.184.216.34';

let server: ProviderServer;
let dynamo: Loopback<DynamoDBClient>;
let cacheTable: string;
const secrets = mockClient(SecretsManagerClient);
const s3 = mockClient(S3Client);

beforeAll(async () => {
  server = await startProviderServer();
  dynamo = await startDynalite();
  cacheTable = await createTable(dynamo.client, 'intelCache');
});
afterAll(async () => {
  await server.stop();
  await dynamo.stop();
  secrets.restore();
  s3.restore();
});
beforeEach(() => {
  secrets.reset();
  s3.reset();
  server.malicious.clear();
  server.malicious.add(MALICIOUS);
  // Secrets as the operator sets them: plain keys, X-Force as JSON; otx's never set.
  const values: Record<string, string> = {
    [ARN('virustotal')]: server.keys.virustotal,
    [ARN('abuseipdb')]: server.keys.abuseipdb,
    [ARN('xforce')]: JSON.stringify({ key: server.keys.xforce, password: server.keys.xforcePassword }),
    [ARN('shodan')]: JSON.stringify({ key: 'missing the apiKey property' }),
  };
  secrets.on(GetSecretValueCommand).callsFake((input: { SecretId: string }) => {
    const value = values[input.SecretId];
    if (value === undefined)
      throw Object.assign(new Error('not found'), { name: 'ResourceNotFoundException' });
    return { ARN: input.SecretId, Name: input.SecretId, SecretString: value };
  });
});

const secretIds = {
  virustotal: ARN('virustotal'),
  abuseipdb: ARN('abuseipdb'),
  otx: ARN('otx'),
  shodan: ARN('shodan'),
  xforce: ARN('xforce'),
};

describe('the triage enrich step with real providers', () => {
  it('reads each provider key from its secret, looks up through the providers, caches in the intel-cache table', async () => {
    const warnings: { message: string; details: Record<string, unknown> }[] = [];
    const deps = {
      clock: Date.now,
      setsDir: SNAPSHOT_DIR,
      secretIds,
      getSecret: readSecretString,
      cache: createDynamoCache({ client: dynamo.client, tableName: cacheTable }),
      fetch: globalThis.fetch as FetchLike,
      baseUrls: server.baseUrls,
      warn: (message: string, details: Record<string, unknown>) => warnings.push({ message, details }),
    };
    const enrich = await intelEnrich(deps);
    const { findings } = await enrich([sampleFinding('f-1', MALICIOUS)]);
    const providers = new Set((findings[0]!.enrichments ?? []).map((e) => e.provider));
    expect(providers).toEqual(new Set(['virustotal', 'abuseipdb', 'xforce']));
    expect(findings[0]!.severity_id).toBe(4); // malicious: raised one level from Medium
    // Exactly the configured secrets were read; the ones missing or malformed are named, no value logged.
    const read = secrets.commandCalls(GetSecretValueCommand).map((c) => c.args[0].input.SecretId);
    expect(new Set(read)).toEqual(new Set(Object.values(secretIds)));
    const text = JSON.stringify(warnings);
    expect(text).toContain('otx');
    expect(text).toContain('shodan');
    for (const key of Object.values(server.keys)) expect(text).not.toContain(key);

    // A new instance (cold start) finds the verdicts in the table: no provider is called again.
    const calls = () => ['virustotal', 'abuseipdb', 'xforce'].map((p) => server.requests(p as never));
    const before = calls();
    const again = await (await intelEnrich(deps))([sampleFinding('f-2', MALICIOUS)]);
    expect(calls()).toEqual(before);
    expect(new Set((again.findings[0]!.enrichments ?? []).map((e) => e.provider))).toEqual(providers);
  });

  it('matches the sets intel-refresh wrote to S3, each missing one from the bundled snapshot', async () => {
    const tor = '93.184.216.35';
    s3.on(GetObjectCommand).callsFake((input: { Bucket: string; Key: string }) => {
      if (input.Key !== 'sets/tor_exit.txt') throw new NoSuchKey({ message: 'no such key', $metadata: {} });
      const body = `# set: tor_exit\n# source: https://check.torproject.org/torbulkexitlist\n# fetched: 2026-11-22\n# entries: 1\n${tor}\n`;
      return { Body: { transformToString: async () => body } } as never;
    });
    const warnings: string[] = [];
    const enrich = await intelEnrich({
      clock: Date.now,
      setsDir: SNAPSHOT_DIR,
      readSet: s3SetReader(new S3Client({ region: 'us-east-1' }), { bucket: 'vigil-intel', prefix: 'sets/' }),
      warn: (message, details) => warnings.push(`${message} ${JSON.stringify(details)}`),
    });
    const { findings } = await enrich([sampleFinding('f-3', tor)]);
    // The refreshed list has this address; the bundled snapshot does not.
    expect((findings[0]!.enrichments ?? []).map((e) => [e.provider, e.value])).toEqual([
      ['set:tor_exit', tor],
    ]);
    const keys = s3
      .commandCalls(GetObjectCommand)
      .map((c) => `${c.args[0].input.Bucket}/${c.args[0].input.Key}`);
    expect(keys).toContain('vigil-intel/sets/tor_exit.txt');
    expect(keys.length).toBeGreaterThan(1);
    // Every other set came from the snapshot; the warning names it and the error class only.
    expect(warnings.join('\n')).toMatch(/"set":"feodo_c2","error":"NotFound"/);
    expect(warnings.join('\n')).not.toMatch(/reason/);
  });
});
