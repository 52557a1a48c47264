import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { TABLES } from '@vigil/store';
import { AuditError } from './errors.ts';
import type { PlaybookName } from './guardrails.ts';

export type ActionStatus =
  | 'claimed'
  | 'dry-run'
  | 'skipped'
  | 'over-budget'
  | 'awaiting-approval'
  | 'approved'
  | 'denying'
  | 'planned'
  | 'succeeded'
  | 'failed'
  | 'denied'
  | 'timed-out'
  | 'rolled-back'
  | 'rollback-failed';

/** One action on one finding: the idempotency key and the current state of the audit trail. */
export interface ActionRecord {
  findingUid: string;
  playbook: PlaybookName;
  status: ActionStatus;
  /** Who or what: `vigil:auto`, `vigil:expiry` or the approving analyst. */
  actor: string;
  account: string;
  region: string;
  /** The run (state machine execution) that owns the action. */
  runId: string;
  createdAt: string;
  updatedAt: string;
  reason?: string;
  plan?: unknown;
  progress?: unknown;
  error?: { name: string; cause: string };
  taskToken?: string;
  rollback?: unknown;
}

/** Statuses after which a new run may take the action again. */
const RETRYABLE: readonly ActionStatus[] = ['failed'];

const PK = TABLES.audit.partitionKey.name;
const SK = TABLES.audit.sortKey.name;

const keyOf = (findingUid: string, playbook: string) => ({
  [PK]: `finding#${findingUid}`,
  [SK]: `action#${playbook}`,
});

function hourOf(now: number): string {
  return new Date(now).toISOString().slice(0, 13);
}

/**
 * The audit trail on the `audit` table: one action record per (finding, playbook), claimed
 * with a conditional put so the same action can never run twice, and an append-only event
 * item per transition (who or what, when, status, detail). Per-account hourly budgets are
 * counters in the same table.
 */
export class AuditStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly table: string,
    private readonly clock: () => number,
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async get(findingUid: string, playbook: string): Promise<ActionRecord | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: keyOf(findingUid, playbook), ConsistentRead: true }),
    );
    return out.Item as ActionRecord | undefined;
  }

  /** True when a record exists that a new run must not repeat. */
  async handled(findingUid: string, playbook: string): Promise<boolean> {
    const record = await this.get(findingUid, playbook);
    return record !== undefined && !RETRYABLE.includes(record.status);
  }

  /**
   * Claims the action for a run. False when another run holds it (or finished it): the
   * caller must then do nothing. The same run may claim again (a retried task).
   */
  async claim(fields: Omit<ActionRecord, 'status' | 'createdAt' | 'updatedAt'>): Promise<boolean> {
    const at = new Date(this.clock()).toISOString();
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            ...keyOf(fields.findingUid, fields.playbook),
            ...fields,
            status: 'claimed',
            createdAt: at,
            updatedAt: at,
          },
          ConditionExpression: `attribute_not_exists(#pk) OR #runId = :runId OR #status IN (${RETRYABLE.map((_, i) => `:r${i}`).join(', ')})`,
          ExpressionAttributeNames: { '#pk': PK, '#runId': 'runId', '#status': 'status' },
          ExpressionAttributeValues: {
            ':runId': fields.runId,
            ...Object.fromEntries(RETRYABLE.map((s, i) => [`:r${i}`, s])),
          },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
    await this.event(fields.findingUid, fields.playbook, 'claimed', fields.actor, {});
    return true;
  }

  /** Sets the record's status and fields, and appends the transition to the trail. */
  async record(
    findingUid: string,
    playbook: string,
    status: ActionStatus,
    actor: string,
    fields: Record<string, unknown> = {},
  ): Promise<void> {
    const at = new Date(this.clock()).toISOString();
    const all = { ...fields, status, actor, updatedAt: at };
    const names = Object.keys(all);
    await this.doc
      .send(
        new UpdateCommand({
          TableName: this.table,
          Key: keyOf(findingUid, playbook),
          UpdateExpression: `SET ${names.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
          ConditionExpression: 'attribute_exists(#pk)',
          ExpressionAttributeNames: { '#pk': PK, ...Object.fromEntries(names.map((n, i) => [`#f${i}`, n])) },
          ExpressionAttributeValues: Object.fromEntries(
            names.map((n, i) => [`:v${i}`, all[n as keyof typeof all]]),
          ),
        }),
      )
      .catch((error: unknown) => {
        if (error instanceof ConditionalCheckFailedException) {
          throw new AuditError(`no action record for ${playbook} on finding ${findingUid}`, { cause: error });
        }
        throw error;
      });
    await this.event(findingUid, playbook, status, actor, fields);
  }

  private async event(
    findingUid: string,
    playbook: string,
    status: string,
    actor: string,
    detail: Record<string, unknown>,
  ) {
    const at = new Date(this.clock()).toISOString();
    await this.doc.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          [PK]: `finding#${findingUid}`,
          [SK]: `event#${at}#${playbook}#${status}`,
          findingUid,
          playbook,
          status,
          actor,
          at,
          ...detail,
        },
      }),
    );
  }

  /** Mutating runs started in the account this hour. */
  async actionsThisHour(account: string): Promise<number> {
    const out = await this.doc.send(
      new GetCommand({
        TableName: this.table,
        Key: { [PK]: `budget#${account}`, [SK]: `hour#${hourOf(this.clock())}` },
      }),
    );
    return Number(out.Item?.count ?? 0);
  }

  /** Takes one action from the account's hourly budget; false when it is spent. */
  async spend(account: string, limit: number): Promise<boolean> {
    if (limit <= 0) return false;
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { [PK]: `budget#${account}`, [SK]: `hour#${hourOf(this.clock())}` },
          UpdateExpression: 'ADD #count :one',
          ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: { ':one': 1, ':limit': limit },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
