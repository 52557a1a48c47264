import type { OcsfEvent } from '@vigil/schema';
import type { EventView } from './event-view.ts';
import { FEATURE_SETS, featureIndex } from './feature-sets.ts';
import { aboveUsual } from './profile.ts';
import { type FeatureRow, MAX_ROW_EVENTS } from './types.ts';

const COL = featureIndex('principal-iforest');
const WIDTH = FEATURE_SETS['principal-iforest'].length;
const MAX_EXPLANATIONS = 8;

/** A tuple of `N` numbers, so `counts` keeps its length in the type without spelling out each element. */
type Numbers<N extends number, T extends number[] = []> = T['length'] extends N
  ? T
  : Numbers<N, [...T, number]>;

/** A `PrincipalWindow` as JSON; `counts` in the order `toJSON` writes them. */
export interface PrincipalWindowJson {
  principal: string;
  provider: string;
  hour: number;
  counts: Numbers<16>;
  learning: boolean;
  actions: string[];
  services: string[];
  regions: string[];
  asns: string[];
  newByDim: Record<string, number>;
  explanations: string[];
  eventUids: string[];
  kept: OcsfEvent[];
}

/** One principal's activity in one UTC hour, accumulated event by event. */
export class PrincipalWindow {
  events = 0;
  readonly actions = new Set<string>();
  readonly services = new Set<string>();
  readonly regions = new Set<string>();
  readonly asns = new Set<string>();
  newValues = 0;
  readonly newByDim: Record<string, number> = {};
  errors = 0;
  writes = 0;
  iam = 0;
  kms = 0;
  secrets = 0;
  sts = 0;
  sensitive = 0;
  ruleHits = 0;
  raritySum = 0;
  rarityMax = 0;
  howRarity = 0;
  /** The principal was still being learnt when the hour began. */
  learning = false;
  #minute = -1;
  #minuteListDescribe = 0;
  listDescribeBurst = 0;
  readonly explanations = new Set<string>();
  readonly eventUids: string[] = [];
  readonly kept: OcsfEvent[] = [];

  constructor(
    readonly principal: string,
    readonly provider: string,
    readonly hour: number,
  ) {}

  /** Everything the window holds, as JSON, so a later process can carry on with it (the Lambda between batches). */
  toJSON(): PrincipalWindowJson {
    return {
      principal: this.principal,
      provider: this.provider,
      hour: this.hour,
      counts: [
        this.events,
        this.newValues,
        this.errors,
        this.writes,
        this.iam,
        this.kms,
        this.secrets,
        this.sts,
        this.sensitive,
        this.ruleHits,
        this.raritySum,
        this.rarityMax,
        this.howRarity,
        this.#minute,
        this.#minuteListDescribe,
        this.listDescribeBurst,
      ],
      learning: this.learning,
      actions: [...this.actions],
      services: [...this.services],
      regions: [...this.regions],
      asns: [...this.asns],
      newByDim: { ...this.newByDim },
      explanations: [...this.explanations],
      eventUids: [...this.eventUids],
      kept: [...this.kept],
    };
  }

  static fromJSON(json: PrincipalWindowJson): PrincipalWindow {
    const w = new PrincipalWindow(json.principal, json.provider, json.hour);
    [
      w.events,
      w.newValues,
      w.errors,
      w.writes,
      w.iam,
      w.kms,
      w.secrets,
      w.sts,
      w.sensitive,
      w.ruleHits,
      w.raritySum,
      w.rarityMax,
      w.howRarity,
      w.#minute,
      w.#minuteListDescribe,
      w.listDescribeBurst,
    ] = json.counts;
    w.learning = json.learning;
    for (const v of json.actions) w.actions.add(v);
    for (const v of json.services) w.services.add(v);
    for (const v of json.regions) w.regions.add(v);
    for (const v of json.asns) w.asns.add(v);
    Object.assign(w.newByDim, json.newByDim);
    for (const v of json.explanations) w.explanations.add(v);
    w.eventUids.push(...json.eventUids);
    w.kept.push(...json.kept);
    return w;
  }

  add(
    event: OcsfEvent,
    view: EventView,
    actionRarity: number,
    sensitive: boolean,
    asn: string | undefined,
  ): void {
    this.events++;
    this.actions.add(view.action);
    this.services.add(view.service);
    if (view.region) this.regions.add(view.region);
    if (asn) this.asns.add(asn);
    if (view.errorCode) this.errors++;
    if (view.isWrite) this.writes++;
    switch (view.service) {
      case 'iam':
      case 'iamcredentials':
      case 'microsoft.authorization':
        this.iam++;
        break;
      case 'kms':
      case 'cloudkms':
        this.kms++;
        break;
      case 'secretsmanager':
      case 'secretmanager':
      case 'microsoft.keyvault':
        this.secrets++;
        break;
      case 'sts':
        this.sts++;
        break;
    }
    if (sensitive) this.sensitive++;
    this.raritySum += actionRarity;
    if (actionRarity > this.rarityMax) this.rarityMax = actionRarity;
    if (view.isListDescribe) {
      const minute = Math.floor(event.time / 60_000);
      if (minute !== this.#minute) {
        this.#minute = minute;
        this.#minuteListDescribe = 0;
      }
      if (++this.#minuteListDescribe > this.listDescribeBurst)
        this.listDescribeBurst = this.#minuteListDescribe;
    }
    this.eventUids.push(event.metadata.uid);
    if (this.kept.length < MAX_ROW_EVENTS) this.kept.push(event);
  }

  markNew(dim: string, explanation: string): void {
    this.newValues++;
    this.newByDim[dim] = (this.newByDim[dim] ?? 0) + 1;
    if (this.explanations.size < MAX_EXPLANATIONS) this.explanations.add(explanation);
  }

  /** The row, against the principal's usual hourly levels (`[events, sensitive, hours]`). */
  row(usual: readonly [number, number, number] | undefined): FeatureRow {
    const v = new Float32Array(WIDTH);
    const n = Math.max(this.events, 1);
    v[COL.events_log] = Math.log1p(this.events);
    v[COL.distinct_actions] = this.actions.size;
    v[COL.distinct_services] = this.services.size;
    v[COL.distinct_regions] = this.regions.size;
    v[COL.distinct_asns] = this.asns.size;
    v[COL.new_actions] = this.newByDim.action ?? 0;
    v[COL.new_services] = this.newByDim.service ?? 0;
    v[COL.new_regions] = this.newByDim.region ?? 0;
    v[COL.new_asns] = this.newByDim.asn ?? 0;
    v[COL.new_countries] = this.newByDim.country ?? 0;
    v[COL.new_ua_families] = this.newByDim.ua ?? 0;
    v[COL.new_error_codes] = this.newByDim.error ?? 0;
    v[COL.error_ratio] = this.errors / n;
    v[COL.write_ratio] = this.writes / n;
    v[COL.iam_calls] = this.iam;
    v[COL.kms_calls] = this.kms;
    v[COL.secrets_calls] = this.secrets;
    v[COL.sts_calls] = this.sts;
    v[COL.sensitive_calls] = this.sensitive;
    v[COL.list_describe_burst] = this.listDescribeBurst;
    v[COL.hour_of_week_rarity] = this.howRarity;
    v[COL.action_rarity_mean] = this.raritySum / n;
    v[COL.action_rarity_max] = this.rarityMax;
    // Security-relevant calls at an hour the principal is never active: what insiders do late.
    v[COL.offhours_sensitive] = this.sensitive * this.howRarity;
    // Until a principal has a day of active hours, its usual level says nothing.
    if (usual && usual[2] >= 24) {
      v[COL.events_vs_usual] = aboveUsual(this.events, usual[0]);
      v[COL.sensitive_vs_usual] = aboveUsual(this.sensitive, usual[1]);
    }
    return {
      model: 'principal-iforest',
      values: v,
      time: this.hour,
      entity: this.principal,
      explanations: [...this.explanations],
      eventUids: this.eventUids,
      events: this.kept,
      sensitive: this.sensitive > 0,
      learning: this.learning,
    };
  }
}
