import { PutRecordsCommand, type PutRecordsResultEntry } from '@aws-sdk/client-kinesis';
import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { mergeFinding, type QuarantineMessage } from '@vigil/batch-detect';
import { payloadsFromFile, type StreamPayload, streamPayloads } from '@vigil/batch-detect/producers';
import { DEFAULT_MODELS_DIR, loadDetection, resolveInputs } from '@vigil/cli';
import { createDecoder, type DecodeItem } from '@vigil/decode';
import { type Analytic, createPipeline, MemoryStateStore } from '@vigil/detect';
import {
  bundledIpDatabasePaths,
  createFeatureExtractor,
  createMlStage,
  type MlStage,
  type Profile,
  ProfileCache,
} from '@vigil/features';
import { SNAPSHOT_DIR } from '@vigil/intel';
import { CATALOG_DIR } from '@vigil/rules';
import { type DetectionFinding, validateFinding } from '@vigil/schema';
import { VIGIL_SIGMA_RULES_DIR } from '@vigil/sigma';
import { simulate } from '@vigil/simulate';
import { DynamoProfileStore, documentClient, type FindingItem } from '@vigil/store';
import {
  createEventSource,
  type LocalStack,
  type OnFailureRecord,
  startLocalStack,
} from '@vigil/store/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readConfig } from './config.ts';
import { createHandler } from './create-handler.ts';
import { type DetectMl, loadMl } from './load-ml.ts';
import { loadRules } from './load-rules.ts';

const EVENTS_DIR = new URL('../../../events/', import.meta.url).pathname;
const POISON_EVENT = 'VigilE2EPoison';
const MAX_RETRIES = 2;
/** Benign simulated records added to the sample files, so the stream holds several hundred. */
const SIMULATED = 300;

/** A test-only analytic that throws on one event, standing in for a defect that a record triggers. */
const poison: Analytic = {
  info: { uid: 'e2e-poison', name: 'throws on the poison record', type_id: 1 },
  operations: [POISON_EVENT],
  evaluate() {
    throw new Error('e2e poison analytic: deterministic failure');
  },
};

const MALFORMED: StreamPayload[] = [
  { data: Buffer.from('{"eventVersion":"1.08","eventName":'), partitionKey: 'rejects' },
  { data: Buffer.from('not a log line at all'), partitionKey: 'rejects' },
  { data: Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02]), partitionKey: 'rejects' },
  { data: Buffer.from('{"hello":"world"}\n'), partitionKey: 'rejects' },
];

function poisonRecord(): StreamPayload {
  const detail = {
    eventVersion: '1.08',
    eventID: 'e2e-poison-0001',
    eventTime: '2024-03-05T14:00:00Z',
    eventSource: 'sts.amazonaws.com',
    eventName: POISON_EVENT,
    awsRegion: 'us-east-1',
    sourceIPAddress: '192.0.2.10',
    userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::123456789012:user/e2e', accountId: '123456789012' },
    recipientAccountId: '123456789012',
    eventType: 'AwsApiCall',
  };
  const envelope = {
    version: '0',
    id: '6f1c2b7e-0000-4000-8000-000000000001',
    'detail-type': 'AWS API Call via CloudTrail',
    source: 'aws.sts',
    account: '123456789012',
    time: '2024-03-05T14:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail,
  };
  return { data: Buffer.from(JSON.stringify(envelope)), partitionKey: 'cloudtrail' };
}

/** The first simulated records of a seeded organisation, as the producers would put them. */
function simulatedPayloads(): StreamPayload[] {
  const bySource = new Map<string, string[]>();
  let n = 0;
  for (const r of simulate({ seed: 7, days: 1 })) {
    bySource.set(r.source, [...(bySource.get(r.source) ?? []), r.text]);
    if (++n === SIMULATED) break;
  }
  return [...bySource].flatMap(([source, texts]) => {
    const items: DecodeItem[] = [];
    const decoder = createDecoder({ file: `simulated-${source}`, format: 'auto' }, (item) =>
      items.push(item),
    );
    decoder.write(`${texts.join('\n')}\n`);
    decoder.end();
    return streamPayloads(items, `simulated-${source}`);
  });
}

/** Rejects the CLI's core gives for one payload, and how many events it normalizes. */
function cliOutcome(data: Uint8Array): { rejects: string[]; events: number } {
  const rejects: string[] = [];
  const pipeline = createPipeline({
    analytics: [],
    clock: () => 0,
    onFinding: () => undefined,
    onReject: (r) => rejects.push(r.reason),
  });
  const decoder = createDecoder({ file: 'payload', format: 'auto' }, (item) => pipeline.push(item));
  decoder.write(data);
  decoder.end();
  return { rejects, events: pipeline.stats.events };
}

interface Put {
  payload: StreamPayload;
  shardId: string;
  sequenceNumber: string;
}

/** One invocation of the function as the event source made it: its shard and records, in order. */
interface Invocation {
  shardId: string;
  eventIds: string[];
}

const isMl = (f: DetectionFinding) => f.finding_info.analytic.type_id === 4;

/** One scored row behind an ML finding (`evidences[].data.anomalies`). */
interface AnomalyEvidence {
  model: string;
  entity: string;
  time: number;
  score: number;
}

/**
 * What the CLI's core finds on the same records with the same batching, with every store in
 * memory: `loadDetection`'s rules and Sigma and the ML stage composed as `pnpm detect` composes
 * it (feature extractor over one profile cache, `createMlStage` with the same models), run per
 * invocation as the Lambda ran it — one pipeline per invocation over its shard's rule state,
 * the shard's ML stage scored at the end of the invocation and never finished (a stream has no
 * end), findings merged by uid as the findings table merges them. A record the ML stage already
 * observed (a retry after the poison) goes through the rules only, as in the Lambda.
 */
async function referenceFindings(
  invocations: readonly Invocation[],
  data: ReadonlyMap<string, Uint8Array>,
  ml: DetectMl,
): Promise<{ findings: DetectionFinding[]; profiles: ProfileCache }> {
  const detection = await loadDetection({ rules: [], sigma: [] });
  const table = new Map<string, DetectionFinding>();
  const profiles = new ProfileCache();
  const shards = new Map<string, { stage: MlStage; state: MemoryStateStore }>();
  const observed = new Set<string>();
  for (const { shardId, eventIds } of invocations) {
    let shard = shards.get(shardId);
    if (!shard) {
      const extractor = createFeatureExtractor({ profiles, ipInfo: ml.ipInfo, learningRows: false });
      shard = { stage: createMlStage({ extractor, models: ml.models }), state: new MemoryStateStore() };
      shards.set(shardId, shard);
    }
    const { stage, state } = shard;
    let observing = false;
    const pipeline = createPipeline({
      analytics: detection.analytics,
      clock: () => 0,
      state,
      onFinding: (f) => {
        const stored = table.get(f.finding_info.uid);
        table.set(f.finding_info.uid, stored ? (mergeFinding(stored, f) ?? stored) : f);
      },
      observer: { observe: (event, signals) => observing && stage.observe(event, signals) },
    });
    for (const id of eventIds) {
      const bytes = data.get(id)!;
      if (Buffer.from(bytes).includes(POISON_EVENT)) continue;
      observing = !observed.has(id);
      observed.add(id);
      const decoder = createDecoder({ file: id, format: 'auto' }, (item) => pipeline.push(item));
      decoder.write(bytes);
      decoder.end();
    }
    pipeline.raise(await stage.score());
    pipeline.end();
  }
  return { findings: [...table.values()], profiles };
}

/** What `pnpm detect` finds reading the same records in one run: put order, ML finished at the end. */
async function oneRunFindings(payloads: readonly StreamPayload[], ml: DetectMl): Promise<DetectionFinding[]> {
  const detection = await loadDetection({ rules: [], sigma: [] });
  const findings: DetectionFinding[] = [];
  const extractor = createFeatureExtractor({
    profiles: new ProfileCache(),
    ipInfo: ml.ipInfo,
    learningRows: false,
  });
  const stage = createMlStage({ extractor, models: ml.models });
  const pipeline = createPipeline({
    analytics: detection.analytics,
    clock: () => 0,
    onFinding: (f) => findings.push(f),
    observer: stage,
  });
  for (const [i, p] of payloads.entries()) {
    const decoder = createDecoder({ file: String(i), format: 'auto' }, (item) => pipeline.push(item));
    decoder.write(p.data);
    decoder.end();
    pipeline.raise(await stage.score());
  }
  pipeline.raise(await stage.finish());
  pipeline.end();
  return findings;
}

const sumOf = (lines: readonly Record<string, unknown>[], name: string) =>
  lines.reduce((n, m) => n + (typeof m[name] === 'number' ? (m[name] as number) : 0), 0);

const relatedUids = (f: DetectionFinding) => f.finding_info.related_events.map((e) => e.uid).sort();

describe('detect Lambda end to end on loopback Kinesis, DynamoDB, SQS and EventBridge', () => {
  let stack: LocalStack;
  let puts: Put[];
  let handler: ReturnType<typeof createHandler>;
  let ml: DetectMl;
  /** Invocations of the first drain, recorded by the event source's handler. */
  let invocations: Invocation[] | undefined;
  const startedAt = Date.now();

  async function scanFindings(): Promise<FindingItem[]> {
    const out = await documentClient(stack.dynamo.client).send(
      new ScanCommand({ TableName: stack.tables.findings }),
    );
    return (out.Items ?? []) as FindingItem[];
  }

  async function drainDlq(): Promise<unknown[]> {
    const messages: unknown[] = [];
    for (;;) {
      const { Messages = [] } = await stack.sqs.client.send(
        new ReceiveMessageCommand({ QueueUrl: stack.dlqUrl, MaxNumberOfMessages: 10 }),
      );
      if (Messages.length === 0) return messages;
      for (const m of Messages) {
        messages.push(JSON.parse(m.Body!));
        await stack.sqs.client.send(
          new DeleteMessageCommand({ QueueUrl: stack.dlqUrl, ReceiptHandle: m.ReceiptHandle! }),
        );
      }
    }
  }

  function eventSource(batchSize = 25) {
    return createEventSource({
      kinesis: stack.kinesis.client,
      stream: stack.stream,
      handler: (event, context) => {
        const records = (event as { Records: { eventID: string }[] }).Records;
        invocations?.push({
          shardId: records[0]!.eventID.slice(0, records[0]!.eventID.indexOf(':')),
          eventIds: records.map((r) => r.eventID),
        });
        return handler(event as never, context);
      },
      batchSize,
      maxRetries: MAX_RETRIES,
      bisectOnError: true,
      onFailure: async (record: OnFailureRecord) => {
        await stack.sqs.client.send(
          new (await import('@aws-sdk/client-sqs')).SendMessageCommand({
            QueueUrl: stack.dlqUrl,
            MessageBody: JSON.stringify(record),
          }),
        );
      },
    });
  }

  let payloads: StreamPayload[];
  let recorded: Invocation[];
  let emf: Record<string, unknown>[] = [];

  /** The EMF lines Powertools writes to stdout while `run` runs. */
  async function captureEmf(run: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
    const lines: Record<string, unknown>[] = [];
    const write = process.stdout.write.bind(process.stdout);
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      for (const line of String(chunk).split('\n'))
        if (line.startsWith('{"_aws"')) lines.push(JSON.parse(line));
      return write(chunk);
    });
    try {
      await run();
    } finally {
      spy.mockRestore();
    }
    return lines;
  }
  let first: {
    stats: ReturnType<typeof eventSource>['stats'];
    findings: FindingItem[];
    dlq: unknown[];
    busEvents: number;
  };

  beforeAll(async () => {
    stack = await startLocalStack({ shards: 2 });
    Object.assign(process.env, stack.env, {
      VIGIL_CATALOG_DIR: CATALOG_DIR,
      VIGIL_SIGMA_DIR: VIGIL_SIGMA_RULES_DIR,
      VIGIL_INTEL_SETS_DIR: SNAPSHOT_DIR,
      VIGIL_MODELS_DIR: DEFAULT_MODELS_DIR,
      POWERTOOLS_SERVICE_NAME: 'vigil-detect',
      POWERTOOLS_METRICS_NAMESPACE: 'Vigil',
      POWERTOOLS_LOG_LEVEL: 'CRITICAL',
      POWERTOOLS_TRACE_ENABLED: 'false',
    });
    const config = readConfig();
    const detection = await loadRules(config, {
      warn: (message) => {
        throw new Error(`unexpected at cold start: ${message}`);
      },
    });
    ml = await loadMl(config.modelsDir, bundledIpDatabasePaths());
    handler = createHandler(config, { analytics: [...detection.analytics, poison], ml });

    payloads = [...MALFORMED];
    for (const file of await resolveInputs([EVENTS_DIR]))
      payloads.push(...(await payloadsFromFile(file.path)));
    payloads.push(...simulatedPayloads());
    // The poison sits among good records of its shard: those after it share its retries.
    const tail = payloads.filter((p) => p.partitionKey === 'cloudtrail').slice(0, 5);
    const all = [...payloads, poisonRecord(), ...tail];
    puts = [];
    for (let i = 0; i < all.length; i += 100) {
      const chunk = all.slice(i, i + 100);
      const out = await stack.kinesis.client.send(
        new PutRecordsCommand({
          StreamName: stack.stream,
          Records: chunk.map((p) => ({ Data: p.data, PartitionKey: p.partitionKey })),
        }),
      );
      expect(out.FailedRecordCount ?? 0).toBe(0);
      out.Records!.forEach((r: PutRecordsResultEntry, j) => {
        puts.push({ payload: chunk[j]!, shardId: r.ShardId!, sequenceNumber: r.SequenceNumber! });
      });
    }
    payloads = all;
    const source = eventSource();
    invocations = [];
    emf = await captureEmf(() => source.drain());
    recorded = invocations;
    invocations = undefined;
    first = {
      stats: { ...source.stats },
      findings: await scanFindings(),
      dlq: await drainDlq(),
      busEvents: stack.eventBridge.events(stack.bus).length,
    };
  });

  afterAll(async () => {
    await stack?.stop();
    console.info(
      `e2e: ${puts?.length} records in, ${first?.findings.length} findings (${first?.findings.filter((i) => isMl(i.finding)).length} ML), ${first?.dlq.filter((m) => (m as QuarantineMessage).kind === 'quarantine').length} quarantined, ${first?.dlq.filter((m) => 'KinesisBatchInfo' in (m as object)).length} on-failure, stats ${JSON.stringify(first?.stats)}, ${Date.now() - startedAt} ms`,
    );
  });

  it('accounts for every record: acknowledged or handed to the on-failure destination', () => {
    expect(puts.length).toBeGreaterThanOrEqual(300);
    expect(first.stats.succeeded + first.stats.discarded).toBe(puts.length);
  });

  it('quarantines exactly the records that do not decode, with reason, shard, sequence and data', async () => {
    const quarantined = first.dlq.filter(
      (m): m is QuarantineMessage => (m as QuarantineMessage).kind === 'quarantine',
    );
    const bySeq = new Map(quarantined.map((q) => [q.sequenceNumber, q]));
    expect(bySeq.size).toBe(quarantined.length);
    for (const put of puts) {
      const { rejects, events } = cliOutcome(put.payload.data);
      const q = bySeq.get(put.sequenceNumber);
      if (rejects.length > 0) {
        expect(q, `record ${put.sequenceNumber} (${rejects[0]}) should be quarantined`).toBeDefined();
        expect(q!.shardId).toBe(put.shardId);
        expect(q!.recordId).toBe(`${put.shardId}:${put.sequenceNumber}`);
        expect(q!.reason.length).toBeGreaterThan(0);
        expect(Buffer.from(q!.data, 'base64')).toEqual(
          Buffer.from(put.payload.data).subarray(0, q!.data.length),
        );
      } else if (events > 0) {
        expect(q, `record ${put.sequenceNumber} decoded fine`).toBeUndefined();
      }
    }
    for (const m of MALFORMED)
      expect(quarantined.some((q) => Buffer.from(q.data, 'base64').equals(Buffer.from(m.data)))).toBe(true);
  });

  it('finds what the CLI core finds, ML included, on the same records in the same batches; every finding is valid OCSF', async () => {
    const data = new Map(puts.map((p) => [`${p.shardId}:${p.sequenceNumber}`, p.payload.data]));
    const { findings: expected, profiles } = await referenceFindings(recorded, data, ml);
    const stored = first.findings.map((i) => i.finding);
    for (const f of stored) {
      const v = validateFinding(f);
      expect(v.ok ? [] : v.issues).toEqual([]);
    }
    const byUid = (list: DetectionFinding[]) =>
      new Map(list.map((f) => [f.finding_info.uid, relatedUids(f)]));
    expect(expected.filter((f) => !isMl(f)).length).toBeGreaterThan(40);
    expect(expected.filter(isMl).length).toBeGreaterThan(0);
    expect(byUid(stored)).toEqual(byUid(expected));
    // The evidence of an ML finding (models, scores, explanations, risk) is the reference's too.
    const evidence = (list: DetectionFinding[]) =>
      new Map(list.filter(isMl).map((f) => [f.finding_info.uid, JSON.stringify(f.evidences)]));
    expect(evidence(stored)).toEqual(evidence(expected));
    // The profiles the Lambda left in the table are the reference's, count for count: each
    // record observed once (retries skip what they saw), windows closed as in one process.
    const reference = [...profiles.values()];
    expect(reference.length).toBeGreaterThan(20);
    const table = new DynamoProfileStore(documentClient(stack.dynamo.client), stack.tables.profiles);
    const plain = (p: Profile) => JSON.parse(JSON.stringify(p));
    const loaded = new Map((await table.load(reference.map((p) => p.key))).map((p) => [p.key, p]));
    expect(loaded).toEqual(new Map(reference.map((p) => [p.key, plain(p)])));
    const { Count } = await documentClient(stack.dynamo.client).send(
      new ScanCommand({ TableName: stack.tables.profiles, Select: 'COUNT' }),
    );
    expect(Count).toBe(reference.length);
    // One bus event per version: the creation, then each update that added events.
    expect(first.busEvents).toBe(first.findings.reduce((n, i) => n + i.version, 0));
  });

  it('matches one uninterrupted pnpm detect run: the same rule findings, the same anomalous actions', async () => {
    const good = puts
      .filter((p) => !Buffer.from(p.payload.data).includes(POISON_EVENT))
      .map((p) => p.payload);
    const oneRun = await oneRunFindings(good, ml);
    const stored = first.findings.map((i) => i.finding);
    const byUid = (list: DetectionFinding[]) =>
      new Map(list.map((f) => [f.finding_info.uid, relatedUids(f)]));
    expect(byUid(stored.filter((f) => !isMl(f)))).toEqual(byUid(oneRun.filter((f) => !isMl(f))));
    // Rows are scored when a batch ends: per record in the one run, per invocation in the Lambda.
    // The models score the same security-relevant rows alike, so the anomalous actions are the
    // same rows with the same scores; how their signals group into hourly findings, and where an
    // entity's accumulated risk crosses its threshold, follow the scoring cadence (risk is added
    // per call in model order, and the samples' out-of-order events join whichever hour window
    // is still open), so those are compared by entity only.
    const anomalies = (list: DetectionFinding[], analytic: string) =>
      new Set(
        list
          .filter((f) => f.finding_info.analytic.uid === analytic)
          .flatMap((f) => f.evidences ?? [])
          .filter((e) => e.name === 'anomaly')
          .flatMap((e) => (e.data as { anomalies: AnomalyEvidence[] }).anomalies)
          .map((a) => `${a.model} ${a.entity} ${a.time} ${a.score}`),
      );
    const actions = anomalies(oneRun, 'vigil-ml-anomalous-action');
    expect(actions.size).toBeGreaterThan(0);
    expect(anomalies(stored, 'vigil-ml-anomalous-action')).toEqual(actions);
    const risky = (list: DetectionFinding[]) =>
      new Set([...anomalies(list, 'vigil-ml-entity-risk')].map((a) => a.split(' ')[1]));
    expect(risky(oneRun).size).toBeGreaterThan(0);
    expect(risky(stored)).toEqual(risky(oneRun));
  });

  it('emits EMF metrics: findings by severity, records, quarantined, item failures', () => {
    const sum = (name: string) => sumOf(emf, name);
    const created = first.findings.length;
    expect(sum('Findings')).toBe(created);
    expect(new Set(emf.filter((m) => 'Findings' in m).map((m) => m.severity))).toEqual(
      new Set(first.findings.map((i) => i.finding.severity)),
    );
    expect(sum('Records')).toBe(first.stats.delivered);
    expect(sum('Quarantined')).toBe(
      first.dlq.filter((m) => (m as QuarantineMessage).kind === 'quarantine').length,
    );
    expect(sum('ItemFailures')).toBe(first.stats.itemFailures);
  });

  it('reports the poison record as an item failure, retries it, then sends its range on-failure', () => {
    const poisonPut = puts.find((p) => Buffer.from(p.payload.data).includes(POISON_EVENT))!;
    const onFailure = first.dlq.filter((m): m is OnFailureRecord => 'KinesisBatchInfo' in (m as object));
    expect(onFailure).toHaveLength(1);
    const info = onFailure[0]!.KinesisBatchInfo;
    expect(onFailure[0]!.requestContext.condition).toBe('RetryAttemptsExhausted');
    expect(onFailure[0]!.requestContext.approximateInvokeCount).toBe(MAX_RETRIES + 1);
    expect(info.shardId).toBe(poisonPut.shardId);
    expect(info.startSequenceNumber).toBe(poisonPut.sequenceNumber);
    expect(first.stats.itemFailures).toBe(MAX_RETRIES + 1);
    expect(first.stats.retries).toBe(MAX_RETRIES);
    expect(first.stats.discarded).toBe(info.batchSize);
  });

  it('a replayed stream creates no duplicate findings and no new bus events', async () => {
    const source = eventSource();
    const replayed = await captureEmf(() => source.drain());
    // Every fully successful batch answers from the idempotency table; the poison's do not.
    expect(sumOf(replayed, 'BatchesReplayed')).toBe(source.stats.invocations - first.stats.itemFailures);
    const failedFirstTime = emf.filter((m) => (m.ItemFailures as number) > 0);
    expect(sumOf(replayed, 'Records')).toBe(sumOf(failedFirstTime, 'Records'));
    const again = await scanFindings();
    const versions = (items: FindingItem[]) => items.map((i) => `${i.uid}@${i.version}`).sort();
    expect(versions(again)).toEqual(versions(first.findings));
    expect(stack.eventBridge.events(stack.bus)).toHaveLength(first.busEvents);
    const dlq = await drainDlq();
    expect(dlq.filter((m) => (m as QuarantineMessage).kind === 'quarantine')).toEqual([]);
  });

  it('replayed in other batches (new idempotency keys), stored findings merge and none duplicates', async () => {
    const source = eventSource(10);
    await source.drain();
    expect(source.stats.invocations).toBeGreaterThan(first.stats.invocations);
    const again = await scanFindings();
    const byUid = new Map(again.map((i) => [i.uid, i]));
    let published = 0;
    for (const before of first.findings) {
      const after = byUid.get(before.uid)!;
      // Stored findings only grow: replayed records over the saved state may complete a window or
      // a sequence the first pass left open, adding true events, never repeating listed ones.
      expect(relatedUids(after.finding)).toEqual(expect.arrayContaining(relatedUids(before.finding)));
      published += after.version - before.version;
    }
    for (const item of again) if (!first.findings.some((f) => f.uid === item.uid)) published += item.version;
    const signature = (i: FindingItem) => `${i.finding.finding_info.analytic.uid} ${relatedUids(i.finding)}`;
    expect(new Set(again.map(signature)).size).toBe(again.length);
    expect(stack.eventBridge.events(stack.bus)).toHaveLength(first.busEvents + published);
    // Quarantine is at least once: a record processed again is quarantined again, under its id.
    const ids = (messages: unknown[]) =>
      new Set(
        messages
          .filter((m): m is QuarantineMessage => (m as QuarantineMessage).kind === 'quarantine')
          .map((q) => q.recordId),
      );
    expect(ids(await drainDlq())).toEqual(ids(first.dlq));
  });
});
