import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TABLES } from '@vigil/store';
import { IntelError } from '../errors.ts';
import type { IndicatorType, Verdict, VerdictKind } from '../types.ts';
import { type CachedVerdict, cacheKey, indicatorKey, type VerdictCache } from './cache.ts';

const DEF = TABLES.intelCache;
const PK = DEF.partitionKey.name;
const SK = DEF.sortKey.name;
const TTL = DEF.timeToLiveAttribute;
/** DynamoDB limits: 100 keys per BatchGetItem, 25 puts per BatchWriteItem. */
const GET_CHUNK = 100;
const PUT_CHUNK = 25;
const MAX_ROUNDS = 5;

export interface DynamoCacheOptions {
  client: DynamoDBClient;
  tableName: string;
  /** Waits between rounds of unprocessed keys; injected so tests need not wait. */
  sleep?: (ms: number) => Promise<void>;
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * The verdict cache on the `intelCache` table (indicator, provider, expires_at TTL). DynamoDB
 * deletes expired items lazily, so reads compare `expires_at` themselves.
 */
export function createDynamoCache(opts: DynamoCacheOptions): VerdictCache {
  const doc = DynamoDBDocumentClient.from(opts.client, { marshallOptions: { removeUndefinedValues: true } });
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  return {
    async getMany(keys, nowMs) {
      const out = new Map<string, Verdict>();
      const unique = [
        ...new Map(
          keys.map((k) => [cacheKey(k), { [PK]: indicatorKey(k.indicator), [SK]: k.provider }]),
        ).values(),
      ];
      for (const chunk of chunks(unique, GET_CHUNK)) {
        let pending: Record<string, unknown>[] | undefined = chunk;
        for (let round = 0; pending && pending.length > 0; round++) {
          if (round >= MAX_ROUNDS)
            throw new IntelError(
              `intel cache ${opts.tableName}: keys left unprocessed after ${MAX_ROUNDS} rounds`,
            );
          if (round > 0) await sleep(50 * 2 ** round);
          const res = await doc.send(
            new BatchGetCommand({ RequestItems: { [opts.tableName]: { Keys: pending } } }),
          );
          for (const item of res.Responses?.[opts.tableName] ?? []) {
            const verdict = fromItem(item);
            if (verdict && Number(item[TTL]) * 1000 > nowMs)
              out.set(cacheKey({ indicator: verdict.indicator, provider: verdict.provider }), verdict);
          }
          pending = res.UnprocessedKeys?.[opts.tableName]?.Keys as Record<string, unknown>[] | undefined;
        }
      }
      return out;
    },
    async putMany(entries) {
      for (const chunk of chunks(entries, PUT_CHUNK)) {
        let pending = chunk.map((e) => ({ PutRequest: { Item: toItem(e) } }));
        for (let round = 0; pending.length > 0; round++) {
          if (round >= MAX_ROUNDS)
            throw new IntelError(
              `intel cache ${opts.tableName}: writes left unprocessed after ${MAX_ROUNDS} rounds`,
            );
          if (round > 0) await sleep(50 * 2 ** round);
          const res = await doc.send(new BatchWriteCommand({ RequestItems: { [opts.tableName]: pending } }));
          pending = (res.UnprocessedItems?.[opts.tableName] ?? []) as typeof pending;
        }
      }
    },
  };
}

function toItem(e: CachedVerdict): Record<string, unknown> {
  const v = e.verdict;
  return {
    [PK]: indicatorKey(v.indicator),
    [SK]: v.provider,
    [TTL]: e.expiresAt,
    verdict: v.verdict,
    score: v.score,
    time: v.time,
    reason: v.reason,
    details: v.details,
    link: v.link,
  };
}

const TYPES = new Set<IndicatorType>(['ipv4', 'ipv6', 'domain', 'url', 'hash']);
const KINDS = new Set<VerdictKind>(['malicious', 'suspicious', 'harmless', 'unknown']);

/** An item another version wrote in a shape this one does not know is a miss, not a crash. */
function fromItem(item: Record<string, unknown>): Verdict | undefined {
  const key = String(item[PK] ?? '');
  const colon = key.indexOf(':');
  const type = key.slice(0, colon) as IndicatorType;
  if (colon < 0 || !TYPES.has(type) || !KINDS.has(item.verdict as VerdictKind)) return undefined;
  return {
    provider: String(item[SK]),
    indicator: { type, value: key.slice(colon + 1) },
    verdict: item.verdict as VerdictKind,
    score: Number(item.score ?? 0),
    time: Number(item.time ?? 0),
    ...(typeof item.reason === 'string' ? { reason: item.reason } : {}),
    ...(item.details && typeof item.details === 'object'
      ? { details: item.details as Record<string, unknown> }
      : {}),
    ...(typeof item.link === 'string' ? { link: item.link } : {}),
  };
}
