import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DetectionFinding } from '@vigil/schema';
import { FindingsStoreError } from './errors.ts';
import { MAX_ATTEMPTS } from './retry.ts';
import { TABLES } from './tables.ts';

const { partitionKey: KEY, timeToLiveAttribute: TTL } = TABLES.findings;
const DAY_MS = 86_400_000;

export interface FindingsStoreOptions {
  client: DynamoDBDocumentClient;
  table: string;
  /** Days a finding is kept after its last event (the table's TTL). */
  retentionDays: number;
  /** Combines a stored finding with an incoming one of the same uid; undefined: nothing new. */
  merge: (stored: DetectionFinding, incoming: DetectionFinding) => DetectionFinding | undefined;
}

/** A finding as stored, with the item version that holds it. */
export interface StoredFinding {
  finding: DetectionFinding;
  version: number;
}

export interface WriteOutcome {
  /** Findings whose uid was not in the table. */
  created: StoredFinding[];
  /** Stored findings that the incoming ones extended, as written. */
  updated: StoredFinding[];
  /** Incoming findings the table already held entirely (replays). */
  unchanged: number;
  /** Stored findings a replay met whose latest version was never marked published (an earlier
   * attempt wrote them and then failed): publish these again, then `markPublished`. */
  unpublished: StoredFinding[];
}

/** The findings table's item for a finding: keys and index attributes beside the finding itself. */
export interface FindingItem {
  uid: string;
  day: string;
  time: number;
  severity_id: number;
  analytic: string;
  version: number;
  /** The version last put on the findings bus; absent until the first is. */
  published?: number;
  [TTL]: number;
  finding: DetectionFinding;
}

export function findingItem(finding: DetectionFinding, version: number, retentionDays: number): FindingItem {
  return {
    [KEY.name]: finding.finding_info.uid,
    day: new Date(finding.time).toISOString().slice(0, 10),
    time: finding.time,
    severity_id: finding.severity_id,
    analytic: finding.finding_info.analytic.uid ?? finding.finding_info.analytic.name ?? 'unknown',
    version,
    [TTL]: Math.ceil((finding.time + retentionDays * DAY_MS) / 1000),
    finding,
  } as FindingItem;
}

/**
 * Writes findings keyed by their deterministic uid. A new uid is a conditional put
 * (`attribute_not_exists`); a known uid is read, merged and written back only if its `version`
 * is still the one read (optimistic locking), so concurrent batches and replays never create
 * duplicates or lose each other's events.
 */
export async function writeFindings(
  options: FindingsStoreOptions,
  findings: readonly DetectionFinding[],
): Promise<WriteOutcome> {
  const outcome: WriteOutcome = { created: [], updated: [], unchanged: 0, unpublished: [] };
  for (const finding of findings) {
    const result = await writeOne(options, finding);
    if (result.kind === 'unchanged') {
      outcome.unchanged++;
      if (result.stored.published !== result.stored.version) {
        outcome.unpublished.push({ finding: result.stored.finding, version: result.stored.version });
      }
    } else {
      outcome[result.kind].push({ finding: result.finding, version: result.version });
    }
  }
  return outcome;
}

/**
 * Records that these versions reached the findings bus. A finding changed since (by another
 * batch) keeps its newer version unmarked: that batch publishes it.
 */
export async function markPublished(
  options: Pick<FindingsStoreOptions, 'client' | 'table'>,
  findings: readonly StoredFinding[],
): Promise<void> {
  for (const { finding, version } of findings) {
    try {
      await options.client.send(
        new UpdateCommand({
          TableName: options.table,
          Key: { [KEY.name]: finding.finding_info.uid },
          UpdateExpression: 'SET #p = :v',
          ConditionExpression: '#v = :v',
          ExpressionAttributeNames: { '#p': 'published', '#v': 'version' },
          ExpressionAttributeValues: { ':v': version },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}

type OneResult =
  | { kind: 'unchanged'; stored: FindingItem }
  | { kind: 'created' | 'updated'; finding: DetectionFinding; version: number };

async function writeOne(options: FindingsStoreOptions, incoming: DetectionFinding): Promise<OneResult> {
  const { client, table, retentionDays } = options;
  const uid = incoming.finding_info.uid;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const { Item } = await client.send(
      new GetCommand({ TableName: table, Key: { [KEY.name]: uid }, ConsistentRead: true }),
    );
    const stored = Item as FindingItem | undefined;
    const next = stored ? options.merge(stored.finding, incoming) : incoming;
    if (!next) return { kind: 'unchanged', stored: stored! };
    const version = (stored?.version ?? 0) + 1;
    try {
      await client.send(
        new PutCommand({
          TableName: table,
          Item: findingItem(next, version, retentionDays),
          ...(stored
            ? {
                ConditionExpression: '#v = :v',
                ExpressionAttributeNames: { '#v': 'version' },
                ExpressionAttributeValues: { ':v': stored.version },
              }
            : {
                ConditionExpression: 'attribute_not_exists(#k)',
                ExpressionAttributeNames: { '#k': KEY.name },
              }),
        }),
      );
      return { kind: stored ? 'updated' : 'created', finding: next, version };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
  throw new FindingsStoreError(
    `findings ${table}: finding ${uid} changed under ${MAX_ATTEMPTS} consecutive conditional writes`,
  );
}
