import type { OcsfEvent } from '@vigil/schema';
import { type EventView, viewOf } from './event-view.ts';
import { FEATURE_SETS, featureIndex } from './feature-sets.ts';
import {
  FLOW_WINDOW_MS,
  FlowWindow,
  type FlowWindowJson,
  flowOf,
  flowRow,
  isPrivateIpv4,
  summarize,
} from './flow-window.ts';
import type { IpLookup } from './ip-info.ts';
import { PrincipalWindow, type PrincipalWindowJson } from './principal-window.ts';
import {
  aboveUsual,
  countHour,
  countHourOfWeek,
  countValue,
  decayed,
  type Profile,
  profileKey,
  type ValueStat,
} from './profile.ts';
import type { ProfileCache } from './profile-cache.ts';
import { isSensitive, SENSITIVE_SERVICES } from './sensitive.ts';
import type { FeatureRow, RuleHits } from './types.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const TRIAGE = featureIndex('triage-gbdt');
const TRIAGE_WIDTH = FEATURE_SETS['triage-gbdt'].length;

export interface ExtractorOptions {
  profiles: ProfileCache;
  ipInfo: IpLookup;
  /** How long a principal (or account, interface) is watched before "never seen" counts. Default 7 days. */
  learningPeriodMs?: number;
  /** Half-life of the decayed counts. Default 14 days. */
  halfLifeMs?: number;
  /** How long after its end a window waits for late events before its row is emitted. Default 15 minutes. */
  lateness?: number;
  /** How long a value first seen after learning still counts as new. Default 1 hour. */
  recentMs?: number;
  /**
   * Whether entities still being learnt get triage rows. Training wants them; detection can
   * skip them, as they can raise nothing. Default true.
   */
  learningRows?: boolean;
}

/** The distinct values each kind of profile keeps per dimension; the weakest go first. */
const CAPS = { principal: 256, account: 2048, interface: 512 } as const;
const NO_HITS: RuleHits = { count: 0, maxSeverity: 0 };

interface Network {
  asn?: string;
  asnText?: string;
  country?: string;
}
const NO_NETWORK: Network = {};

interface Dim {
  name: string;
  /** Also profiled per account. */
  account: boolean;
  principalColumn?: number;
  accountColumn?: number;
}

/** The dimensions, in the order `observeIdentity` reads their values. */
const DIMS: readonly Dim[] = [
  {
    name: 'action',
    account: true,
    principalColumn: TRIAGE.action_new_principal,
    accountColumn: TRIAGE.action_new_account,
  },
  { name: 'service', account: false, principalColumn: TRIAGE.service_new_principal },
  { name: 'region', account: false, principalColumn: TRIAGE.region_new_principal },
  {
    name: 'asn',
    account: true,
    principalColumn: TRIAGE.asn_new_principal,
    accountColumn: TRIAGE.asn_new_account,
  },
  {
    name: 'country',
    account: true,
    principalColumn: TRIAGE.country_new_principal,
    accountColumn: TRIAGE.country_new_account,
  },
  {
    name: 'ua',
    account: true,
    principalColumn: TRIAGE.ua_family_new_principal,
    accountColumn: TRIAGE.ua_family_new_account,
  },
  { name: 'error', account: false, principalColumn: TRIAGE.error_new_principal },
];
/** Per-event scratch: which dimensions were new for the principal and the account. */
const newForPrincipal = new Uint8Array(DIMS.length);
const newForAccount = new Uint8Array(DIMS.length);

/**
 * Novelty of a value for a profile: never seen, or first seen within `recentMs` while the
 * profile was already learnt, so every call of a session from a new network carries it, not
 * only its first call.
 */
function novelty(
  profile: Profile,
  learned: boolean,
  before: ValueStat | undefined,
  t: number,
  recentMs: number,
  learning: number,
): 'first' | 'recent' | undefined {
  if (!before) return learned ? 'first' : undefined;
  return t - before[2] < recentMs && before[2] - profile.first >= learning ? 'recent' : undefined;
}

const LABEL: Readonly<Record<string, string>> = {
  service: 'service',
  region: 'region',
  country: 'country',
  ua: 'user agent family',
  error: 'error',
};

function describe(
  dim: Dim,
  value: string,
  asnText: string | undefined,
  scope: string,
  kind: 'first' | 'recent',
  first: number | undefined,
  t: number,
): string {
  const what =
    dim.name === 'action'
      ? value
      : dim.name === 'asn'
        ? (asnText ?? `ASN ${value}`)
        : `${LABEL[dim.name]} ${value}`;
  if (kind === 'recent')
    return `${what} new for ${scope} (first seen ${Math.max(1, Math.round((t - first!) / 60_000))} min ago)`;
  return dim.name === 'action' ? `first ${what} by ${scope}` : `${what} never seen for ${scope}`;
}

/** Sensitivity depends on the action and whether it writes: worked out once per action. */
const sensitivity = new Map<string, boolean>();
function sensitiveOf(view: EventView): boolean {
  const key = view.isWrite ? `w${view.actionLower}` : view.actionLower;
  let s = sensitivity.get(key);
  if (s === undefined) {
    if (sensitivity.size >= 65_536) sensitivity.clear();
    s = isSensitive(view.service, view.actionLower, view.isWrite);
    sensitivity.set(key, s);
  }
  return s;
}

export interface FeatureExtractor {
  /**
   * Reads one event: updates its profiles and windows, and returns the triage row when the
   * event is a candidate (a rule hit, a security-relevant action, or a value never seen).
   */
  observe(event: OcsfEvent, ruleHits?: RuleHits): FeatureRow | undefined;
  /** Rows of the windows that can no longer receive events (per-source event-time watermarks). */
  closed(): FeatureRow[];
  /** End of input: every open window's row. */
  flush(): FeatureRow[];
  /** Profile keys an event reads, so a store can load them before the batch. */
  profileKeys(event: OcsfEvent): string[];
  /**
   * The open windows and event-time watermarks, so a later process carries on where this one
   * stopped (the detect Lambda between batches). Closing a window reads its entity's profile:
   * load `profileKey('principal', w.principal)` and `profileKey('interface', w.eni)` too.
   */
  openState(): ExtractorState;
  /** Takes over what `openState` returned, before the first event. */
  resume(state: ExtractorState): void;
}

/** What an extractor carries between batches: JSON, windows as their `toJSON`. */
export interface ExtractorState {
  watermarks: Record<string, number>;
  principals: PrincipalWindowJson[];
  flows: FlowWindowJson[];
}

/**
 * Per-event rarity and per-window aggregates over OCSF events, with profiles kept in the given
 * cache. Deterministic: time is the events' own, and the same events in the same order give the
 * same rows and profiles.
 */
export function createFeatureExtractor(options: ExtractorOptions): FeatureExtractor {
  const { profiles, ipInfo } = options;
  const learning = options.learningPeriodMs ?? 7 * DAY;
  const halfLife = options.halfLifeMs ?? 14 * DAY;
  const lateness = options.lateness ?? 15 * 60_000;
  const recentMs = options.recentMs ?? HOUR;
  const learningRows = options.learningRows ?? true;
  const principalWindows = new Map<string, PrincipalWindow>();
  const flowWindows = new Map<string, FlowWindow>();
  const watermarks = new Map<string, number>();
  const pending: FeatureRow[] = [];

  // Logs repeat a few thousand addresses: their network is worked out once.
  const networks = new Map<string, Network>();
  function network(ip: string | undefined): Network {
    if (!ip) return NO_NETWORK;
    let net = networks.get(ip);
    if (!net) {
      if (networks.size >= 65_536) networks.clear();
      net = lookupNetwork(ip);
      networks.set(ip, net);
    }
    return net;
  }

  function lookupNetwork(ip: string): Network {
    if (isPrivateIpv4(ip)) return { asn: 'private', asnText: 'a private address', country: 'private' };
    const info = ipInfo(ip);
    if (!info) return { asn: 'unknown', asnText: 'an unknown network', country: 'unknown' };
    const out: Network = {};
    if (info.asn !== undefined) {
      out.asn = String(info.asn);
      out.asnText = `ASN ${info.asn}${info.asnName ? ` (${info.asnName})` : ''}`;
    }
    out.country = info.country ?? 'unknown';
    return out;
  }

  function closePrincipal(w: PrincipalWindow): void {
    principalWindows.delete(w.principal);
    const p = profiles.get(profileKey('principal', w.principal));
    pending.push(w.row(p?.hours));
    if (p) countHour(p, w.events, w.sensitive);
  }

  function observeIdentity(event: OcsfEvent, view: EventView, hits: RuleHits): FeatureRow | undefined {
    const t = event.time;
    const provider = event.cloud.provider;
    if (t > (watermarks.get(provider) ?? 0)) watermarks.set(provider, t);
    const hour = Math.floor(t / HOUR) * HOUR;
    let w = principalWindows.get(view.principal);
    // A late event of an earlier hour joins the open window rather than reopening a closed one.
    if (w && hour > w.hour) {
      closePrincipal(w);
      w = undefined;
    }
    const fresh = !w;
    if (!w) {
      w = new PrincipalWindow(view.principal, provider, hour);
      principalWindows.set(view.principal, w);
    }

    const p = profiles.touch(profileKey('principal', view.principal), t);
    const a = profiles.touch(profileKey('account', view.account), t);
    const pLearned = t - p.first >= learning;
    const aLearned = t - a.first >= learning;
    const net = network(view.ip);
    const sensitive = sensitiveOf(view);
    const explanations: string[] = [];
    const values = [
      view.action,
      view.service,
      view.region,
      net.asn,
      net.country,
      view.uaFamily,
      view.errorCode,
    ];
    let actionRarity = 0;
    for (let d = 0; d < DIMS.length; d++) {
      const dim = DIMS[d]!;
      const value = values[d];
      newForPrincipal[d] = 0;
      newForAccount[d] = 0;
      if (value === undefined) continue;
      const before = countValue(p, dim.name, value, t, halfLife, CAPS.principal);
      if (d === 0 && pLearned)
        actionRarity = before ? 1 / (1 + decayed(before[0], before[1], t, halfLife)) : 1;
      const kind = novelty(p, pLearned, before, t, recentMs, learning);
      if (kind) {
        newForPrincipal[d] = 1;
        const text = describe(dim, value, net.asnText, 'this principal', kind, before?.[2], t);
        explanations.push(text);
        if (kind === 'first') w.markNew(dim.name, text);
      }
      if (dim.account) {
        const seen = countValue(a, dim.name, value, t, halfLife, CAPS.account);
        const accountKind = novelty(a, aLearned, seen, t, recentMs, learning);
        if (accountKind) {
          newForAccount[d] = 1;
          explanations.push(
            describe(dim, value, net.asnText, `account ${view.account}`, accountKind, seen?.[2], t),
          );
        }
      }
    }
    const how = countHourOfWeek(p, t, halfLife);
    const howRarity = pLearned ? how : 0;
    if (fresh) {
      w.howRarity = howRarity;
      w.learning = !pLearned;
    }
    w.add(event, view, actionRarity, sensitive, net.asn);
    w.ruleHits += hits.count;

    const novel = explanations.length > 0;
    if ((hits.count === 0 && !sensitive && !novel) || (!pLearned && !learningRows)) return undefined;
    const v = new Float32Array(TRIAGE_WIDTH);
    v[TRIAGE.rule_hits] = hits.count;
    v[TRIAGE.rule_max_severity] = hits.maxSeverity;
    v[TRIAGE.hour_rule_hits] = w.ruleHits;
    v[TRIAGE.sensitive_action] = sensitive ? 1 : 0;
    v[TRIAGE.sensitive_service] = SENSITIVE_SERVICES.has(view.service) ? 1 : 0;
    v[TRIAGE.is_write] = view.isWrite ? 1 : 0;
    v[TRIAGE.is_error] = view.errorCode ? 1 : 0;
    for (let d = 0; d < DIMS.length; d++) {
      const dim = DIMS[d]!;
      if (dim.principalColumn !== undefined) v[dim.principalColumn] = newForPrincipal[d]!;
      if (dim.accountColumn !== undefined) v[dim.accountColumn] = newForAccount[d]!;
    }
    v[TRIAGE.action_rarity_principal] = actionRarity;
    v[TRIAGE.hour_of_week_rarity] = howRarity;
    v[TRIAGE.hour_events_log] = Math.log1p(w.events);
    v[TRIAGE.hour_distinct_actions] = w.actions.size;
    v[TRIAGE.hour_new_values] = w.newValues;
    v[TRIAGE.hour_error_ratio] = w.errors / w.events;
    v[TRIAGE.hour_sensitive_calls] = w.sensitive;
    v[TRIAGE.hour_offhours_sensitive] = w.sensitive * w.howRarity;
    if (p.hours && p.hours[2] >= 24) v[TRIAGE.hour_sensitive_vs_usual] = aboveUsual(w.sensitive, p.hours[1]);
    if (howRarity >= 0.95) explanations.push(`active at an hour of the week this principal never uses`);
    return {
      model: 'triage-gbdt',
      values: v,
      time: t,
      entity: view.principal,
      explanations,
      eventUids: [event.metadata.uid],
      events: [event],
      sensitive,
      learning: !pLearned,
    };
  }

  function closeFlow(w: FlowWindow): void {
    flowWindows.delete(w.eni);
    const t = w.start;
    const p: Profile = profiles.touch(profileKey('interface', w.eni), t);
    const learned = t - p.first >= learning;
    const s = summarize(w);
    let newPeers = 0;
    let newPorts = 0;
    let bytesToNewPeers = 0;
    for (const peer of s.peers)
      if (!countValue(p, 'peer', peer, t, halfLife, CAPS.interface) && learned) {
        newPeers++;
        bytesToNewPeers += s.outByPeer.get(peer) ?? 0;
      }
    for (const port of s.ports)
      if (!countValue(p, 'port', port, t, halfLife, CAPS.interface) && learned) newPorts++;
    const [mean, windows] = p.bytes ?? [0, 0];
    const baseline = windows > 0 ? mean : s.bytesOut;
    // Exponential mean over about a day of windows: slow enough that one burst stands out.
    p.bytes = [
      windows > 0 ? mean + (s.bytesOut - mean) / Math.min(windows + 1, 144) : s.bytesOut,
      windows + 1,
    ];
    const explanations: string[] = [];
    if (newPeers > 0) explanations.push(`${newPeers} peer network(s) never seen for interface ${w.eni}`);
    if (newPorts > 0) explanations.push(`${newPorts} service port(s) never used by interface ${w.eni}`);
    if (learned && s.bytesOut > 4 * (baseline + 1_000_000))
      explanations.push(
        `sent ${s.bytesOut} bytes, ${Math.round(s.bytesOut / (baseline + 1))}× its usual window`,
      );
    if (s.rejected > 0 && s.rejected / w.records.length > 0.5)
      explanations.push(`${s.rejected} of ${w.records.length} flows rejected`);
    // Egress far above the interface's usual volume, to a network it never talked to: what
    // exfiltration looks like in flow logs, worth a finding when the model agrees.
    const exfil =
      learned && newPeers > 0 && s.publicPeers.size > 0 && s.bytesOut > 8 * (baseline + 1_000_000);
    pending.push(
      flowRow(
        w,
        s,
        learned ? newPeers : 0,
        learned ? newPorts : 0,
        learned ? baseline : s.bytesOut,
        explanations,
        exfil,
        bytesToNewPeers,
        !learned,
      ),
    );
  }

  function observeFlow(event: OcsfEvent): void {
    const flow = flowOf(event);
    if (!flow) return;
    const start = Math.floor(flow.start / FLOW_WINDOW_MS) * FLOW_WINDOW_MS;
    if (flow.start > (watermarks.get('flow') ?? 0)) watermarks.set('flow', flow.start);
    let w = flowWindows.get(flow.eni);
    if (w && start > w.start) {
      closeFlow(w);
      w = undefined;
    }
    if (!w) {
      w = new FlowWindow(flow.eni, start);
      flowWindows.set(flow.eni, w);
    }
    w.add(event, flow.record);
  }

  return {
    observe(event, ruleHits = NO_HITS) {
      if (event.class_uid === 4001) {
        observeFlow(event);
        return undefined;
      }
      const view = viewOf(event);
      return view ? observeIdentity(event, view, ruleHits) : undefined;
    },
    closed() {
      for (const w of principalWindows.values())
        if (w.hour + HOUR + lateness <= (watermarks.get(w.provider) ?? 0)) closePrincipal(w);
      const flowMark = watermarks.get('flow') ?? 0;
      for (const w of flowWindows.values()) if (w.start + FLOW_WINDOW_MS + lateness <= flowMark) closeFlow(w);
      return pending.splice(0);
    },
    flush() {
      for (const w of principalWindows.values()) closePrincipal(w);
      for (const w of flowWindows.values()) closeFlow(w);
      return pending.splice(0);
    },
    openState() {
      return {
        watermarks: Object.fromEntries(watermarks),
        principals: [...principalWindows.values()].map((w) => w.toJSON()),
        flows: [...flowWindows.values()].map((w) => w.toJSON()),
      };
    },
    resume(state) {
      for (const [source, mark] of Object.entries(state.watermarks)) watermarks.set(source, mark);
      for (const json of state.principals)
        principalWindows.set(json.principal, PrincipalWindow.fromJSON(json));
      for (const json of state.flows) flowWindows.set(json.eni, FlowWindow.fromJSON(json));
    },
    profileKeys(event) {
      if (event.class_uid === 4001) {
        const flow = flowOf(event);
        return flow ? [profileKey('interface', flow.eni)] : [];
      }
      const view = viewOf(event);
      return view ? [profileKey('principal', view.principal), profileKey('account', view.account)] : [];
    },
  };
}
