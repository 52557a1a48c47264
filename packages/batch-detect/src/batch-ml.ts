import type { DecodeItem, SourceRecord } from '@vigil/decode';
import { createPipeline, type PipelineOptions, type Signal, type StateStore } from '@vigil/detect';
import {
  createFeatureExtractor,
  createMlStage,
  type ExtractorState,
  type FlowWindowJson,
  type IpLookup,
  type MlStageState,
  type PrincipalWindowJson,
  type Profile,
  ProfileCache,
  profileKey,
  type ScoringModel,
} from '@vigil/features';
import { type NormalizeResult, normalize } from '@vigil/normalize';
import type { StreamRecord } from './types.ts';

/** Where profiles live between batches (`DynamoProfileStore` of `@vigil/store` in the Lambda). */
export interface BatchProfileStore {
  load(keys: readonly string[]): Promise<Profile[]>;
  save(profiles: readonly Profile[]): Promise<void>;
}

export interface BatchMlOptions {
  models: ReadonlyMap<string, ScoringModel>;
  ipInfo: IpLookup;
  profiles: BatchProfileStore;
  /** The shard's state (the detect-state partition): the ML stage's carry lives beside the rules'. */
  state: StateStore;
  /** The batch's records, in order, with what they decode to. */
  records: readonly { record: StreamRecord; items: readonly DecodeItem[] }[];
}

export interface BatchMl {
  /** Pass to the batch detector: it sees each event of the records `begin` let through. */
  readonly observer: NonNullable<PipelineOptions['observer']>;
  /** Before each record: its events reach the ML stage only if no earlier batch observed them. */
  begin(record: StreamRecord): void;
  /** After the records: scores the batch's rows, one model call per model. */
  score(): Promise<Signal[]>;
  /** Profiles to the profile store, then the carry into `state` (the caller saves it). */
  save(): Promise<{ profiles: number; windows: number; risky: number }>;
  /** Records of the batch an earlier attempt had already observed (a retry after an item failure). */
  readonly skipped: number;
  /** Pass to the batch detector: each record the pre-pass normalized comes back from it once,
   * so a record is not normalized twice; any other record is normalized as usual. */
  normalize(record: SourceRecord): NormalizeResult;
}

/** The ML stage's marks in the shard's state: one item, rewritten every batch. */
interface Carry {
  v: 1;
  /** Highest sequence number whose events the stage observed: retries observe nothing twice. */
  through: string | undefined;
  watermarks: Record<string, number>;
  latest: number;
  /** Profile keys (`p:<principal>`, `i:<eni>`) of the open windows, each in its own item. */
  windows: string[];
  /** Entities with risk, each in its own item. */
  risk: string[];
}

type RiskState = MlStageState['risk'][number][1];

const CARRY = 'ml|carry';
const windowKey = (key: string) => `ml|w|${key}`;
const riskKey = (entity: string) => `ml|r|${entity}`;
/** Carried windows and risk outlive their last event by this long (event time) before TTL drops them. */
const KEEP_MS = 30 * 86_400_000;

const later = (a: string, b: string | undefined) => b === undefined || BigInt(a) > BigInt(b);

/**
 * The ML stage over one Kinesis batch, carried from batch to batch of the shard as one
 * uninterrupted run would be: open windows, watermarks and the risk ledger from the shard's
 * state; the profiles the batch's events and open windows read, loaded in one pass before the
 * first event (`load` batches the keys) and the changed ones saved after the last.
 */
export async function openBatchMl(options: BatchMlOptions): Promise<BatchMl> {
  const { state } = options;
  const carry = state.get<Carry>(CARRY);
  const through = carry?.through;
  const cache = new ProfileCache();
  const extractor = createFeatureExtractor({ profiles: cache, ipInfo: options.ipInfo, learningRows: false });
  const stage = createMlStage({ extractor, models: options.models });

  const open: ExtractorState = { watermarks: carry?.watermarks ?? {}, principals: [], flows: [] };
  const stored = new Set<string>();
  for (const key of carry?.windows ?? []) {
    const json = state.get<PrincipalWindowJson | FlowWindowJson>(windowKey(key));
    // TTL may have dropped a window nobody touched for a month: it is gone, not an error.
    if (!json) continue;
    stored.add(key);
    if ('eni' in json) open.flows.push(json);
    else open.principals.push(json);
  }
  const riskBefore = new Map<string, string>();
  const risk: [string, RiskState][] = [];
  for (const entity of carry?.risk ?? []) {
    const entry = state.get<RiskState>(riskKey(entity));
    if (!entry) continue;
    riskBefore.set(entity, JSON.stringify(entry));
    risk.push([entity, entry]);
  }

  // Pre-pass over what the batch will observe: the profile keys its events read.
  const touched = new Set<string>();
  const normalized = new Map<SourceRecord, NormalizeResult>();
  const prepass = createPipeline({
    analytics: [],
    clock: () => 0,
    onFinding: () => undefined,
    normalize(record) {
      const result = normalize(record);
      normalized.set(record, result);
      return result;
    },
    onEvent: (event) => {
      for (const key of extractor.profileKeys(event)) touched.add(key);
    },
  });
  let skipped = 0;
  for (const { record, items } of options.records) {
    if (!later(record.sequenceNumber, through)) {
      skipped++;
      continue;
    }
    for (const item of items) prepass.push(item);
  }
  const keys = new Set([...touched, ...stored]);
  cache.add(await options.profiles.load([...keys]));
  extractor.resume(open);
  stage.resume({ latest: carry?.latest ?? 0, risk });

  let observing = false;
  let last = through;
  return {
    observer: {
      observe(event, signals) {
        if (observing) stage.observe(event, signals);
      },
    },
    begin(record) {
      observing = later(record.sequenceNumber, last);
      if (observing) last = record.sequenceNumber;
    },
    score: () => stage.score(),
    normalize(record) {
      const result = normalized.get(record);
      if (!result) return normalize(record);
      normalized.delete(record);
      return result;
    },
    get skipped() {
      return skipped;
    },
    async save() {
      const now = extractor.openState();
      const windows: string[] = [];
      const write = (key: string, json: PrincipalWindowJson | FlowWindowJson, time: number) => {
        windows.push(key);
        if (touched.has(key) || !stored.has(key)) state.set(windowKey(key), json, time + KEEP_MS);
      };
      for (const w of now.principals) write(profileKey('principal', w.principal), w, w.hour);
      for (const w of now.flows) write(profileKey('interface', w.eni), w, w.start);
      const open = new Set(windows);
      const changed = new Map(cache.takeChanged().map((p) => [p.key, p]));
      for (const key of stored) {
        if (open.has(key)) continue;
        state.delete(windowKey(key));
        // Closing an hour adds it to the principal's usual levels without marking the profile
        // changed (the CLI keeps it in memory anyway): here it must be written.
        const profile = cache.get(key);
        if (profile) changed.set(key, profile);
      }
      await options.profiles.save([...changed.values()]);

      const ml = stage.carryState();
      const entities = new Set<string>();
      for (const [entity, entry] of ml.risk) {
        entities.add(entity);
        if (riskBefore.get(entity) !== JSON.stringify(entry))
          state.set(riskKey(entity), entry, entry.at + KEEP_MS);
      }
      for (const entity of riskBefore.keys()) if (!entities.has(entity)) state.delete(riskKey(entity));

      const next: Carry = {
        v: 1,
        through: last,
        watermarks: now.watermarks,
        latest: ml.latest,
        windows,
        risk: [...entities],
      };
      state.set(CARRY, next);
      return { profiles: changed.size, windows: windows.length, risky: entities.size };
    },
  };
}
