import type { OcsfEvent } from '@vigil/schema';
import type { SourceKind } from './field-aliases.ts';
import { fail, ok, type Result } from './types.ts';

export interface SigmaLogsource {
  product?: string;
  service?: string;
  category?: string;
}

export interface SupportedLogsource {
  readonly name: string;
  readonly source: SourceKind;
  /** A string compare on the OCSF event, checked before any selection. */
  readonly accepts: (event: OcsfEvent) => boolean;
}

/** Values set by @vigil/normalize (packages/normalize/CONVENTIONS.md, `metadata.product` and `log_name`). */
const SUPPORTED: Readonly<Record<string, SupportedLogsource>> = {
  'aws/cloudtrail': {
    name: 'aws/cloudtrail',
    source: 'aws',
    accepts: (e) => e.metadata.product.name === 'CloudTrail',
  },
  'azure/activitylogs': {
    name: 'azure/activitylogs',
    source: 'azure-activity',
    accepts: (e) => e.metadata.log_name === 'AzureActivity',
  },
  'azure/signinlogs': {
    name: 'azure/signinlogs',
    source: 'azure-signin',
    accepts: (e) => e.metadata.log_name === 'SignInLogs',
  },
  'azure/auditlogs': {
    name: 'azure/auditlogs',
    source: 'azure-audit',
    accepts: (e) => e.metadata.log_name === 'AuditLogs',
  },
  'gcp/gcp.audit': {
    name: 'gcp/gcp.audit',
    source: 'gcp',
    accepts: (e) => e.metadata.product.name === 'Cloud Audit Logs',
  },
};

export const SUPPORTED_LOGSOURCES: readonly string[] = Object.keys(SUPPORTED);

function describe(logsource: SigmaLogsource): string {
  const parts = (['product', 'service', 'category'] as const)
    .filter((k) => logsource[k] !== undefined)
    .map((k) => `${k}: ${logsource[k]}`);
  return parts.length > 0 ? parts.join(', ') : 'none given';
}

export function resolveLogsource(logsource: SigmaLogsource): Result<SupportedLogsource> {
  const found =
    logsource.category === undefined ? SUPPORTED[`${logsource.product}/${logsource.service}`] : undefined;
  if (found) return ok(found);
  return fail(
    `logsource: unsupported logsource (${describe(logsource)}); expected product/service one of ${SUPPORTED_LOGSOURCES.join(', ')}`,
  );
}
