import type { Classification } from './classification.ts';
import { isJsonObject, jsonTypeName } from './describe-value.ts';

const AUDIT_LOG_SERVICE = 'cloudaudit.googleapis.com';
const AUDIT_KINDS: ReadonlySet<string> = new Set(['activity', 'data_access', 'system_event', 'policy']);
const LOG_ENTRY_HINTS = ['protoPayload', 'jsonPayload', 'textPayload', 'insertId', 'resource'];

/** `activity` from `projects/p/logs/cloudaudit.googleapis.com%2Factivity` (or `/activity`). */
function auditKind(logName: string): string | undefined {
  const at = logName.indexOf(AUDIT_LOG_SERVICE);
  if (at < 0) return undefined;
  const rest = logName.slice(at + AUDIT_LOG_SERVICE.length);
  if (rest.startsWith('/')) return rest.slice(1);
  if (rest.slice(0, 3).toUpperCase() === '%2F') return rest.slice(3);
  return undefined;
}

/** A Cloud Audit Log LogEntry; undefined when the object is not a GCP LogEntry at all. */
export function classifyGcp(value: Record<string, unknown>): Classification | undefined {
  const logName = value.logName;
  if (typeof logName !== 'string') return undefined;
  const kind = auditKind(logName);
  if (kind === undefined) {
    if (!LOG_ENTRY_HINTS.some((key) => key in value)) return undefined;
    return { reason: `GCP LogEntry is not a Cloud Audit Log: logName ${logName.slice(0, 200)}` };
  }
  if (!AUDIT_KINDS.has(kind)) {
    return {
      reason: `GCP Cloud Audit Log kind '${kind.slice(0, 50)}' is not supported (expected activity, data_access, system_event or policy)`,
    };
  }
  if (!isJsonObject(value.protoPayload)) {
    return {
      reason: `GCP Cloud Audit Log entry: protoPayload must be an object, got ${jsonTypeName(value.protoPayload)}`,
    };
  }
  return { source: 'gcp', variant: kind };
}
