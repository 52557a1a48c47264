import type { SourceRecord } from '@vigil/decode';
import { normalizeAzure } from './azure.ts';
import { normalizeCloudTrail } from './cloudtrail.ts';
import { normalizeGcp } from './gcp.ts';
import type { NormalizeResult, Normalizer } from './types.ts';
import { normalizeVpcFlow } from './vpc-flow.ts';

const bySource: Record<SourceRecord['source'], Normalizer> = {
  cloudtrail: normalizeCloudTrail,
  azure: normalizeAzure,
  gcp: normalizeGcp,
  vpcflow: normalizeVpcFlow,
};

/** Normalizes one decoded record to its OCSF class; failures are values with a reason. */
export function normalize(record: SourceRecord): NormalizeResult {
  return bySource[record.source](record);
}

export type { NormalizeResult, Normalizer };
export { normalizeAzure, normalizeCloudTrail, normalizeGcp, normalizeVpcFlow };
