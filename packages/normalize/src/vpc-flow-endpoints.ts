import type { NetworkEndpoint } from '@vigil/schema';
import { flowText } from './vpc-flow-fields.ts';

/** Attributes that identify an endpoint (OCSF network_endpoint's at_least_one set, as flows fill it). */
function identified(endpoint: NetworkEndpoint): boolean {
  return (
    endpoint.ip !== undefined ||
    endpoint.svc_name !== undefined ||
    endpoint.interface_uid !== undefined ||
    endpoint.instance_uid !== undefined
  );
}

/**
 * One side of the flow. The packet-level address (pkt-srcaddr / pkt-dstaddr) differs from the
 * flow address behind a NAT gateway or load balancer and is then kept as the intermediate
 * address; alone, it is the endpoint's address.
 */
function endpoint(
  address: string | undefined,
  port: number | undefined,
  packetAddress: string | undefined,
  awsService: string | undefined,
): NetworkEndpoint {
  const out: NetworkEndpoint = {};
  const ip = address ?? packetAddress;
  if (ip !== undefined) out.ip = ip;
  if (port !== undefined) out.port = port;
  if (packetAddress !== undefined && packetAddress !== ip) out.intermediate_ips = [packetAddress];
  if (awsService !== undefined) out.svc_name = awsService;
  return out;
}

export type FlowEndpoints = { src?: NetworkEndpoint; dst?: NetworkEndpoint } | { reason: string };

/**
 * Source and destination of a flow record. The network interface's ids sit on `src_endpoint`,
 * as in Security Lake, whichever way the traffic went. An endpoint that is only a port is an
 * error; a flow needs at least one identified endpoint.
 */
export function flowEndpoints(
  r: Record<string, unknown>,
  srcPort: number | undefined,
  dstPort: number | undefined,
): FlowEndpoints {
  const src = endpoint(
    flowText(r.srcaddr),
    srcPort,
    flowText(r['pkt-srcaddr']),
    flowText(r['pkt-src-aws-service']),
  );
  const eni = flowText(r['interface-id']);
  if (eni !== undefined) src.interface_uid = eni;
  const instance = flowText(r['instance-id']);
  if (instance !== undefined) src.instance_uid = instance;
  const vpc = flowText(r['vpc-id']);
  if (vpc !== undefined) src.vpc_uid = vpc;
  const subnet = flowText(r['subnet-id']);
  if (subnet !== undefined) src.subnet_uid = subnet;
  const dst = endpoint(
    flowText(r.dstaddr),
    dstPort,
    flowText(r['pkt-dstaddr']),
    flowText(r['pkt-dst-aws-service']),
  );

  const srcKnown = identified(src);
  const dstKnown = identified(dst);
  if (!srcKnown && srcPort !== undefined)
    return { reason: `VPC flow record: srcport ${srcPort} has no srcaddr or interface-id to belong to` };
  if (!dstKnown && dstPort !== undefined)
    return { reason: `VPC flow record: dstport ${dstPort} has no dstaddr to belong to` };
  if (!srcKnown && !dstKnown)
    return {
      reason: 'VPC flow record: names neither endpoint (expected srcaddr, dstaddr or interface-id), got none',
    };
  const out: { src?: NetworkEndpoint; dst?: NetworkEndpoint } = {};
  if (srcKnown) out.src = src;
  if (dstKnown) out.dst = dst;
  return out;
}
