import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createTable, type Loopback, startDynalite } from '@vigil/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Verdict } from '../types.ts';
import { createMemoryCache, type VerdictCache } from './cache.ts';
import { createDynamoCache } from './dynamo-cache.ts';

const NOW = Date.UTC(2026, 10, 22);
const verdict = (value: string, provider: string, kind: Verdict['verdict'] = 'malicious'): Verdict => ({
  provider,
  indicator: { type: 'ipv4', value },
  verdict: kind,
  score: kind === 'malicious' ? 90 : 0,
  time: NOW,
  reason: 'test',
  details: { totalReports: 3 },
  link: `https://example.com/${value}`,
});

let dynamo: Loopback<DynamoDBClient>;
let table: string;
beforeAll(async () => {
  dynamo = await startDynalite();
  table = await createTable(dynamo.client, 'intelCache');
});
afterAll(() => dynamo.stop());

describe.each([
  ['memory', () => createMemoryCache()],
  ['dynamodb', () => createDynamoCache({ client: dynamo.client, tableName: table, sleep: async () => {} })],
] as const)('%s verdict cache', (_name, make) => {
  it('returns what was stored until it expires, per indicator and provider', async () => {
    const cache: VerdictCache = make();
    const ip = `185.220.${_name.length}.1`;
    await cache.putMany([
      { verdict: verdict(ip, 'virustotal'), expiresAt: NOW / 1000 + 3600 },
      { verdict: verdict(ip, 'otx', 'unknown'), expiresAt: NOW / 1000 + 60 },
    ]);
    const keys = ['virustotal', 'otx', 'shodan'].map((provider) => ({
      indicator: { type: 'ipv4' as const, value: ip },
      provider,
    }));
    const hits = await cache.getMany(keys, NOW);
    expect([...hits.keys()].sort()).toEqual([`ipv4:${ip}|otx`, `ipv4:${ip}|virustotal`]);
    expect(hits.get(`ipv4:${ip}|virustotal`)).toEqual(verdict(ip, 'virustotal'));
    const later = await cache.getMany(keys, NOW + 120_000);
    expect([...later.keys()]).toEqual([`ipv4:${ip}|virustotal`]);
  });

  it('reads and writes batches larger than one DynamoDB request (100 gets, 25 puts)', async () => {
    const cache = make();
    const list = Array.from({ length: 230 }, (_, i) =>
      verdict(`45.${_name.length}.${Math.floor(i / 200)}.${i % 200}`, 'abuseipdb'),
    );
    await cache.putMany(list.map((v) => ({ verdict: v, expiresAt: NOW / 1000 + 3600 })));
    const hits = await cache.getMany(
      list.map((v) => ({ indicator: v.indicator, provider: v.provider })),
      NOW,
    );
    expect(hits.size).toBe(230);
  });
});
