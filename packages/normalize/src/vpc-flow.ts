import { createHash } from 'node:crypto';
import type { Cloud, NetworkActivity } from '@vigil/schema';
import { CLASS, NETWORK_ACTIVITY } from '@vigil/schema';
import { asRecord, classification, metadataFor } from './common.ts';
import type { NormalizeResult, Normalizer } from './types.ts';
import { flowConnection } from './vpc-flow-connection.ts';
import { flowEndpoints } from './vpc-flow-endpoints.ts';
import { flowInt, flowText } from './vpc-flow-fields.ts';

const TRAFFIC = classification(CLASS.NETWORK_ACTIVITY, NETWORK_ACTIVITY.TRAFFIC, 'Traffic');
const REFUSE = classification(CLASS.NETWORK_ACTIVITY, NETWORK_ACTIVITY.REFUSE, 'Refuse');

const MAX_PORT = 65_535;
const MAX_PROTOCOL = 255;
const MAX_COUNT = Number.MAX_SAFE_INTEGER;
/** Epoch seconds whose milliseconds are still a safe integer. */
const MAX_SECONDS = Math.floor(Number.MAX_SAFE_INTEGER / 1000);

function failure(reason: string): NormalizeResult {
  return { ok: false, reason };
}

function notNumber(field: string, value: unknown): NormalizeResult {
  const shown = typeof value === 'string' ? `"${value.slice(0, 40)}"` : typeof value;
  return failure(`VPC flow record: ${field} must be a non-negative integer in range, got ${shown}`);
}

/**
 * One VPC flow log record (field map of any format version, v2 default to custom v5) → OCSF
 * Network Activity: Traffic for ACCEPT, Refuse for REJECT, with the security-group/NACL verdict
 * as `action` and `disposition`. `metadata.uid` is the SHA-256 of the line, since flow records
 * carry no id of their own.
 */
export const normalizeVpcFlow: Normalizer = (source) => {
  const r = asRecord(source.record);
  if (r === undefined) return failure('VPC flow record: expected a field map object');
  const status = flowText(r['log-status']);
  if (status !== undefined && status !== 'OK')
    return failure(`VPC flow record: log-status ${status} carries no flow (only OK records do)`);

  const start = flowInt(r.start, MAX_SECONDS);
  if (Number.isNaN(start)) return notNumber('start', r.start);
  const end = flowInt(r.end, MAX_SECONDS);
  if (Number.isNaN(end)) return notNumber('end', r.end);
  const srcPort = flowInt(r.srcport, MAX_PORT);
  if (Number.isNaN(srcPort)) return notNumber('srcport', r.srcport);
  const dstPort = flowInt(r.dstport, MAX_PORT);
  if (Number.isNaN(dstPort)) return notNumber('dstport', r.dstport);
  const protocol = flowInt(r.protocol, MAX_PROTOCOL);
  if (Number.isNaN(protocol)) return notNumber('protocol', r.protocol);
  const packets = flowInt(r.packets, MAX_COUNT);
  if (Number.isNaN(packets)) return notNumber('packets', r.packets);
  const bytes = flowInt(r.bytes, MAX_COUNT);
  if (Number.isNaN(bytes)) return notNumber('bytes', r.bytes);
  const tcpFlags = flowInt(r['tcp-flags'], MAX_COUNT);
  if (Number.isNaN(tcpFlags)) return notNumber('tcp-flags', r['tcp-flags']);
  const trafficPath = flowInt(r['traffic-path'], MAX_COUNT);
  if (Number.isNaN(trafficPath)) return notNumber('traffic-path', r['traffic-path']);
  const startSeconds = start ?? end;
  if (startSeconds === undefined)
    return failure('VPC flow record: start (or end) is required to place the flow in time, got neither');

  const action = flowText(r.action);
  if (action !== undefined && action !== 'ACCEPT' && action !== 'REJECT')
    return failure(`VPC flow record: action must be ACCEPT or REJECT, got "${action.slice(0, 40)}"`);
  const rejected = action === 'REJECT';

  const endpoints = flowEndpoints(r, srcPort, dstPort);
  if ('reason' in endpoints) return failure(endpoints.reason);

  const head = rejected ? REFUSE : TRAFFIC;
  const version = flowText(r.version);
  // One literal rather than `{ ...head, … }`, which V8 builds far more slowly.
  const event: NetworkActivity = {
    class_uid: head.class_uid,
    class_name: head.class_name,
    category_uid: head.category_uid,
    category_name: head.category_name,
    activity_id: head.activity_id,
    activity_name: head.activity_name,
    type_uid: head.type_uid,
    type_name: head.type_name,
    severity_id: head.severity_id,
    severity: head.severity,
    time: startSeconds * 1000,
    metadata: metadataFor({
      uid: createHash('sha256').update(source.raw).digest('hex'),
      product:
        version === undefined
          ? { name: 'VPC Flow Logs', vendor_name: 'AWS' }
          : { name: 'VPC Flow Logs', vendor_name: 'AWS', version },
      logName: 'VPCFlowLogs',
      profiles: ['cloud', 'security_control'],
    }),
    cloud: flowCloud(r),
    connection_info: flowConnection(r, protocol, tcpFlags, trafficPath),
    raw_data: source.raw,
  };
  if (endpoints.src !== undefined) event.src_endpoint = endpoints.src;
  if (endpoints.dst !== undefined) event.dst_endpoint = endpoints.dst;
  if (start !== undefined) event.start_time = start * 1000;
  if (end !== undefined) event.end_time = end * 1000;

  if (bytes !== undefined || packets !== undefined) {
    event.traffic = {};
    if (bytes !== undefined) event.traffic.bytes = bytes;
    if (packets !== undefined) event.traffic.packets = packets;
  }
  if (action !== undefined) {
    event.action_id = rejected ? 2 : 1;
    event.action = rejected ? 'Denied' : 'Allowed';
    event.disposition_id = rejected ? 2 : 1;
    event.disposition = rejected ? 'Blocked' : 'Allowed';
  }
  return { ok: true, event };
};

function flowCloud(r: Record<string, unknown>): Cloud {
  const cloud: Cloud = { provider: 'AWS' };
  const account = flowText(r['account-id']);
  if (account !== undefined) cloud.account = { uid: account };
  const region = flowText(r.region);
  if (region !== undefined) cloud.region = region;
  const zone = flowText(r['az-id']);
  if (zone !== undefined) cloud.zone = zone;
  return cloud;
}
