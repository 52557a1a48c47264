import type { NetworkActivity } from '@vigil/schema';
import { flowText } from './vpc-flow-fields.ts';

type ConnectionInfo = NonNullable<NetworkActivity['connection_info']>;

/** IANA protocol numbers Vigil names (OCSF wants the lowercase IANA keyword). */
const PROTOCOL_NAME: Readonly<Record<number, string>> = { 1: 'icmp', 6: 'tcp', 17: 'udp', 58: 'icmpv6' };

const DIRECTION: Readonly<Record<string, readonly [number, string]>> = {
  ingress: [1, 'Inbound'],
  egress: [2, 'Outbound'],
};

/** `traffic-path` 1–8 → OCSF boundary; OCSF added ids 4–11 for exactly these paths. Index = traffic-path. */
const TRAFFIC_PATH_BOUNDARY: readonly (readonly [number, string] | undefined)[] = [
  undefined,
  [4, 'Same VPC'],
  [5, 'Internet/VPC Gateway'],
  [6, 'Virtual Private Gateway'],
  [7, 'Intra-region VPC'],
  [8, 'Inter-region VPC'],
  [9, 'Local Gateway'],
  [10, 'Gateway VPC'],
  [11, 'Internet Gateway'],
];

/** Protocol, TCP flags, direction (Unknown when the format has no flow-direction) and boundary. */
export function flowConnection(
  r: Record<string, unknown>,
  protocol: number | undefined,
  tcpFlags: number | undefined,
  trafficPath: number | undefined,
): ConnectionInfo {
  const connection: ConnectionInfo = { direction_id: 0, direction: 'Unknown' };
  if (protocol !== undefined) {
    connection.protocol_num = protocol;
    const name = PROTOCOL_NAME[protocol];
    if (name !== undefined) connection.protocol_name = name;
  }
  if (tcpFlags !== undefined) connection.tcp_flags = tcpFlags;
  const flowDirection = flowText(r['flow-direction']);
  if (flowDirection !== undefined) {
    const direction = DIRECTION[flowDirection];
    connection.direction_id = direction?.[0] ?? 99;
    connection.direction = direction?.[1] ?? flowDirection;
  }
  const boundary = trafficPath !== undefined ? TRAFFIC_PATH_BOUNDARY[trafficPath] : undefined;
  if (boundary !== undefined) {
    connection.boundary_id = boundary[0];
    connection.boundary = boundary[1];
  }
  return connection;
}
