import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createTable, type Loopback, startDynalite } from '@vigil/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditStore } from './audit-store.ts';

describe('audit store on DynamoDB (dynalite)', () => {
  let ddb: Loopback<DynamoDBClient>;
  let now = Date.parse('2026-11-22T10:15:00Z');
  let store: AuditStore;
  beforeAll(async () => {
    ddb = await startDynalite();
    await createTable(ddb.client, 'audit');
    store = new AuditStore(ddb.client, 'audit', () => now);
  });
  afterAll(async () => ddb?.stop());

  const action = {
    findingUid: 'f1',
    playbook: 'block-ip' as const,
    actor: 'vigil:auto',
    account: '123456789012',
    region: 'us-east-1',
  };

  it('lets one run claim an action; another run gets nothing until the first failed', async () => {
    expect(await store.claim({ ...action, runId: 'run-1' })).toBe(true);
    expect(await store.claim({ ...action, runId: 'run-1' })).toBe(true);
    expect(await store.claim({ ...action, runId: 'run-2' })).toBe(false);
    expect(await store.handled('f1', 'block-ip')).toBe(true);
    await store.record('f1', 'block-ip', 'failed', 'vigil:auto', { error: { name: 'X', cause: 'y' } });
    expect(await store.handled('f1', 'block-ip')).toBe(false);
    expect(await store.claim({ ...action, runId: 'run-2' })).toBe(true);
    expect(await store.get('f1', 'block-ip')).toMatchObject({ status: 'claimed', runId: 'run-2' });
  });

  it('refuses to record on an action nobody claimed', async () => {
    await expect(store.record('nope', 'block-ip', 'succeeded', 'x')).rejects.toThrow(
      /no action record for block-ip on finding nope/,
    );
  });

  it('spends an hourly budget per account and starts afresh the next hour', async () => {
    expect(await store.spend('111111111111', 2)).toBe(true);
    expect(await store.spend('111111111111', 2)).toBe(true);
    expect(await store.spend('111111111111', 2)).toBe(false);
    expect(await store.actionsThisHour('111111111111')).toBe(2);
    expect(await store.spend('222222222222', 0)).toBe(false);
    now += 3_600_000;
    expect(await store.actionsThisHour('111111111111')).toBe(0);
    expect(await store.spend('111111111111', 2)).toBe(true);
  });
});
