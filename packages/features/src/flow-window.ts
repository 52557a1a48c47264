import type { OcsfEvent } from '@vigil/schema';
import { FEATURE_SETS, featureIndex } from './feature-sets.ts';
import { ipv4ToInt } from './ip-info.ts';
import { type FeatureRow, MAX_ROW_EVENTS } from './types.ts';

const COL = featureIndex('flow-iforest');
const WIDTH = FEATURE_SETS['flow-iforest'].length;

export const FLOW_WINDOW_MS = 10 * 60_000;

/** One flow record as the window needs it. */
export interface FlowRecord {
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
  bytes: number;
  rejected: boolean;
  synOnly: boolean;
}

interface LooseFlow {
  src_endpoint?: { ip?: string; port?: number; interface_uid?: string };
  dst_endpoint?: { ip?: string; port?: number };
  traffic?: { bytes?: number };
  action_id?: number;
  connection_info?: { tcp_flags?: number };
  start_time?: number;
}

export function flowOf(event: OcsfEvent): { eni: string; start: number; record: FlowRecord } | undefined {
  const e = event as unknown as LooseFlow;
  const eni = e.src_endpoint?.interface_uid;
  const src = e.src_endpoint?.ip;
  const dst = e.dst_endpoint?.ip;
  if (!eni || !src || !dst) return undefined;
  return {
    eni,
    start: e.start_time ?? event.time,
    record: {
      src,
      dst,
      srcPort: e.src_endpoint?.port ?? 0,
      dstPort: e.dst_endpoint?.port ?? 0,
      bytes: e.traffic?.bytes ?? 0,
      rejected: e.action_id === 2,
      // SYN set, ACK clear: a connection attempt that never completed (custom formats only).
      synOnly: e.connection_info?.tcp_flags !== undefined && (e.connection_info.tcp_flags & 0x12) === 0x02,
    },
  };
}

/** RFC 1918, loopback, link-local, CGNAT: addresses that never leave the organisation. */
export function isPrivateIpv4(ip: string): boolean {
  const n = ipv4ToInt(ip);
  if (n < 0) return false;
  const a = n >>> 24;
  const b = (n >>> 16) & 255;
  return (
    a === 10 ||
    a === 127 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) ||
    (a === 100 && b >= 64 && b <= 127)
  );
}

/** A peer as profiles remember it: private hosts by address, public ones by their /24. */
export function peerKey(ip: string): string {
  if (isPrivateIpv4(ip)) return ip;
  const last = ip.lastIndexOf('.');
  return last > 0 ? `${ip.slice(0, last)}.0/24` : ip;
}

/** A `FlowWindow` as JSON: records as `[src, dst, srcPort, dstPort, bytes, flags]` (1 rejected, 2 SYN only). */
export interface FlowWindowJson {
  eni: string;
  start: number;
  records: [string, string, number, number, number, number][];
  eventUids: string[];
  kept: OcsfEvent[];
}

/** The flows one interface logged in one ten-minute window. */
export class FlowWindow {
  readonly records: FlowRecord[] = [];
  readonly eventUids: string[] = [];
  readonly kept: OcsfEvent[] = [];

  constructor(
    readonly eni: string,
    readonly start: number,
  ) {}

  /** The window as JSON, records as tuples, so a later process can carry on with it. */
  toJSON(): FlowWindowJson {
    return {
      eni: this.eni,
      start: this.start,
      records: this.records.map((r) => [
        r.src,
        r.dst,
        r.srcPort,
        r.dstPort,
        r.bytes,
        (r.rejected ? 1 : 0) | (r.synOnly ? 2 : 0),
      ]),
      eventUids: [...this.eventUids],
      kept: [...this.kept],
    };
  }

  static fromJSON(json: FlowWindowJson): FlowWindow {
    const w = new FlowWindow(json.eni, json.start);
    for (const [src, dst, srcPort, dstPort, bytes, flags] of json.records)
      w.records.push({
        src,
        dst,
        srcPort,
        dstPort,
        bytes,
        rejected: (flags & 1) !== 0,
        synOnly: (flags & 2) !== 0,
      });
    w.eventUids.push(...json.eventUids);
    w.kept.push(...json.kept);
    return w;
  }

  add(event: OcsfEvent, record: FlowRecord): void {
    this.records.push(record);
    this.eventUids.push(event.metadata.uid);
    if (this.kept.length < MAX_ROW_EVENTS) this.kept.push(event);
  }

  /**
   * The interface's own address: the private address in most of its records (an interface's
   * flows always name its private address), else the most frequent address.
   */
  localAddress(): string {
    const counts = new Map<string, number>();
    for (const r of this.records) for (const ip of [r.src, r.dst]) counts.set(ip, (counts.get(ip) ?? 0) + 1);
    let best = '';
    let score = -1;
    for (const [ip, c] of counts) {
      const s = c + (isPrivateIpv4(ip) ? 1e9 : 0);
      if (s > score) {
        score = s;
        best = ip;
      }
    }
    return best;
  }
}

/** Totals of a window against the interface's own address, before profile comparison. */
export interface FlowSummary {
  peers: Set<string>;
  ports: Set<string>;
  publicPeers: Set<string>;
  rejected: number;
  synOnly: number;
  bytesOut: number;
  bytesIn: number;
  /** Bytes each peer received from the interface. */
  outByPeer: Map<string, number>;
  maxFlowBytes: number;
}

export function summarize(window: FlowWindow): FlowSummary {
  const local = window.localAddress();
  const s: FlowSummary = {
    peers: new Set(),
    ports: new Set(),
    publicPeers: new Set(),
    rejected: 0,
    synOnly: 0,
    bytesOut: 0,
    bytesIn: 0,
    outByPeer: new Map(),
    maxFlowBytes: 0,
  };
  for (const r of window.records) {
    const outbound = r.src === local;
    const peer = outbound ? r.dst : r.src;
    s.peers.add(peerKey(peer));
    if (!isPrivateIpv4(peer)) s.publicPeers.add(peer);
    // Both directions of a conversation are logged: the service is on the side with the lower
    // port (clients use ephemeral ones), served by us (`in/`) or by the peer (`out/`).
    const localPort = outbound ? r.srcPort : r.dstPort;
    const remotePort = outbound ? r.dstPort : r.srcPort;
    s.ports.add(localPort <= remotePort ? `in/${localPort}` : `out/${remotePort}`);
    if (r.rejected) s.rejected++;
    if (r.synOnly) s.synOnly++;
    if (outbound) {
      s.bytesOut += r.bytes;
      const key = peerKey(peer);
      s.outByPeer.set(key, (s.outByPeer.get(key) ?? 0) + r.bytes);
    } else s.bytesIn += r.bytes;
    if (r.bytes > s.maxFlowBytes) s.maxFlowBytes = r.bytes;
  }
  return s;
}

export function flowRow(
  window: FlowWindow,
  s: FlowSummary,
  newPeers: number,
  newPorts: number,
  baseline: number,
  explanations: string[],
  sensitive: boolean,
  bytesToNewPeers: number,
  learning: boolean,
): FeatureRow {
  const v = new Float32Array(WIDTH);
  const n = Math.max(window.records.length, 1);
  v[COL.flows_log] = Math.log1p(window.records.length);
  v[COL.distinct_peers] = s.peers.size;
  v[COL.distinct_ports] = s.ports.size;
  v[COL.new_peers] = newPeers;
  v[COL.new_ports] = newPorts;
  v[COL.reject_ratio] = s.rejected / n;
  v[COL.syn_only_ratio] = s.synOnly / n;
  v[COL.bytes_out_log] = Math.log1p(s.bytesOut);
  v[COL.bytes_in_log] = Math.log1p(s.bytesIn);
  // Only sending more than usual matters; quiet windows are not suspicious.
  v[COL.bytes_out_vs_baseline] = Math.max(0, Math.min(20, Math.log2((s.bytesOut + 1) / (baseline + 1))));
  v[COL.public_peers] = s.publicPeers.size;
  // Linear, not log: a tree's random split between min and max then isolates a bulk transfer
  // almost every time this feature is drawn.
  v[COL.mb_to_new_peers] = Math.min(1e6, bytesToNewPeers / 1e6);
  v[COL.max_flow_mb] = Math.min(1e6, s.maxFlowBytes / 1e6);
  return {
    model: 'flow-iforest',
    values: v,
    time: window.start,
    entity: window.eni,
    explanations,
    eventUids: window.eventUids,
    events: window.kept,
    sensitive,
    learning,
  };
}
