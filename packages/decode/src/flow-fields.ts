/**
 * VPC Flow Logs record fields, versions 2 to 5, as listed in "Flow log records" of the Amazon
 * VPC User Guide (https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html).
 */
export const V2_DEFAULT_FLOW_FIELDS: readonly string[] = [
  'version',
  'account-id',
  'interface-id',
  'srcaddr',
  'dstaddr',
  'srcport',
  'dstport',
  'protocol',
  'packets',
  'bytes',
  'start',
  'end',
  'action',
  'log-status',
];

const LATER_FLOW_FIELDS = [
  // v3
  'vpc-id',
  'subnet-id',
  'instance-id',
  'tcp-flags',
  'type',
  'pkt-srcaddr',
  'pkt-dstaddr',
  // v4
  'region',
  'az-id',
  'sublocation-type',
  'sublocation-id',
  // v5
  'pkt-src-aws-service',
  'pkt-dst-aws-service',
  'flow-direction',
  'traffic-path',
];

export const KNOWN_FLOW_FIELDS: ReadonlySet<string> = new Set([
  ...V2_DEFAULT_FLOW_FIELDS,
  ...LATER_FLOW_FIELDS,
]);
