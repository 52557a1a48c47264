/**
 * The DynamoDB tables Vigil uses, described once. The CDK constructs create them from these
 * definitions, the stores read and write them by these names, and the tests create them in
 * dynalite from the same data, so key design cannot drift between the three.
 */
export interface AttributeDef {
  name: string;
  type: 'S' | 'N';
}

export interface TableDef {
  /** Logical id, also the suffix of the physical name (`vigil-<id>` when the app names it). */
  id: string;
  purpose: string;
  partitionKey: AttributeDef;
  sortKey?: AttributeDef;
  /** Attribute holding an epoch-seconds expiry; DynamoDB deletes expired items. */
  timeToLiveAttribute?: string;
  globalIndexes?: readonly { name: string; partitionKey: AttributeDef; sortKey?: AttributeDef }[];
}

export const TABLES = {
  findings: {
    id: 'findings',
    purpose: 'Detection Findings by uid, listed by day and time for the analyst API.',
    partitionKey: { name: 'uid', type: 'S' },
    timeToLiveAttribute: 'expires_at',
    globalIndexes: [
      { name: 'byDay', partitionKey: { name: 'day', type: 'S' }, sortKey: { name: 'time', type: 'N' } },
    ],
  },
  detectState: {
    id: 'detect-state',
    purpose: 'Windows, first-seen sets and sequences of stateful rules, one partition per stream shard.',
    partitionKey: { name: 'pk', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
    timeToLiveAttribute: 'expires_at',
  },
  profiles: {
    id: 'profiles',
    purpose:
      'Per-principal and per-account behaviour profiles for the ML features; TTL is the forget window.',
    partitionKey: { name: 'pk', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
    timeToLiveAttribute: 'expires_at',
  },
  checkpoints: {
    id: 'checkpoints',
    purpose: 'Where each scheduled poller (Azure, GCP) stopped reading.',
    partitionKey: { name: 'source', type: 'S' },
  },
  idempotency: {
    id: 'idempotency',
    purpose: 'Powertools idempotency records (its default attribute names).',
    partitionKey: { name: 'id', type: 'S' },
    timeToLiveAttribute: 'expiration',
  },
  audit: {
    id: 'audit',
    purpose: 'Every response action: who or what, when, before-state and result.',
    partitionKey: { name: 'pk', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
  },
  intelCache: {
    id: 'intel-cache',
    purpose: 'Threat-intelligence verdicts per indicator and provider, expiring by TTL.',
    partitionKey: { name: 'indicator', type: 'S' },
    sortKey: { name: 'provider', type: 'S' },
    timeToLiveAttribute: 'expires_at',
  },
  models: {
    id: 'models',
    purpose: 'Model registry: versions, metrics, sha256 and which version is active.',
    partitionKey: { name: 'model', type: 'S' },
    sortKey: { name: 'version', type: 'S' },
  },
} as const satisfies Record<string, TableDef>;

export type TableName = keyof typeof TABLES;
