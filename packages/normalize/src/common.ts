import { OCSF_VERSION, SEVERITY_NAME } from '@vigil/schema';

/** Class identity of an OCSF event: the constants in `@vigil/schema` `CLASS`. */
export interface ClassIdentity {
  class_uid: number;
  class_name: string;
  category_uid: number;
  category_name: string;
}

/**
 * The attributes every normalized event shares: class identity, activity and type ids
 * (type_uid = class_uid * 100 + activity_id), severity and the schema version.
 */
export function classification<C extends ClassIdentity, A extends number>(
  cls: C,
  activityId: A,
  activityName: string,
  severityId: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 99 = 1,
) {
  return {
    class_uid: cls.class_uid,
    class_name: cls.class_name,
    category_uid: cls.category_uid,
    category_name: cls.category_name,
    activity_id: activityId,
    activity_name: activityName,
    type_uid: cls.class_uid * 100 + activityId,
    type_name: `${cls.class_name}: ${activityName}`,
    severity_id: severityId,
    severity: SEVERITY_NAME[severityId],
  } as const;
}

/**
 * `body` with the class attributes of `head` (a `classification()` result) written onto it.
 * Events are built as one object literal and then stamped, because V8 leaves its fast path for
 * `{ ...classification(…), …more }`: properties after an object spread cost microseconds per event.
 */
export function stamped<B extends object, H extends ReturnType<typeof classification>>(
  body: B,
  head: H,
): B & H {
  const e = body as Record<string, unknown>;
  e.class_uid = head.class_uid;
  e.class_name = head.class_name;
  e.category_uid = head.category_uid;
  e.category_name = head.category_name;
  e.activity_id = head.activity_id;
  e.activity_name = head.activity_name;
  e.type_uid = head.type_uid;
  e.type_name = head.type_name;
  e.severity_id = head.severity_id;
  e.severity = head.severity;
  return body as B & H;
}

export function metadataFor(input: {
  uid: string;
  product: { name: string; vendor_name: string; version?: string };
  logName?: string;
  logProvider?: string;
  originalTime?: string;
  eventCode?: string;
  tenantUid?: string;
  correlationUid?: string;
  profiles?: string[];
}) {
  const m: Record<string, unknown> = {
    version: OCSF_VERSION,
    product: input.product,
    uid: input.uid,
    profiles: input.profiles ?? ['cloud'],
  };
  if (input.logName !== undefined) m.log_name = input.logName;
  if (input.logProvider !== undefined) m.log_provider = input.logProvider;
  if (input.originalTime !== undefined) m.original_time = input.originalTime;
  if (input.eventCode !== undefined) m.event_code = input.eventCode;
  if (input.tenantUid !== undefined) m.tenant_uid = input.tenantUid;
  if (input.correlationUid !== undefined) m.correlation_uid = input.correlationUid;
  return m as {
    version: string;
    product: { name: string; vendor_name: string; version?: string };
    uid: string;
    profiles: string[];
    log_name?: string;
    log_provider?: string;
    original_time?: string;
    event_code?: string;
    tenant_uid?: string;
    correlation_uid?: string;
  };
}

const MAX_EPOCH_MS = 8.64e15;

/** Parses an ISO-8601 (or epoch) time to epoch milliseconds; undefined when it is not a time. */
export function toEpochMs(value: unknown): number | undefined {
  if (typeof value === 'number') {
    // Negative or beyond the Date range is not a time; OCSF timestamps are non-negative.
    if (!(value >= 0 && value <= MAX_EPOCH_MS)) return undefined;
    return value < 1e12 ? Math.round(value * 1000) : Math.round(value);
  }
  if (typeof value !== 'string' || value.length === 0) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) || ms < 0 ? undefined : ms;
}

const IPV4 = /^(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
/** True for dotted-quad IPv4 and for anything shaped like IPv6; callers treat the rest as names. */
export function isIp(value: string): boolean {
  return IPV4.test(value) || (value.includes(':') && /^[0-9a-fA-F:.]+$/.test(value));
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The first argument that is a non-empty string. */
export function firstString(...values: unknown[]): string | undefined {
  for (const v of values) if (typeof v === 'string' && v.length > 0) return v;
  return undefined;
}

/** How a missing or wrong-typed field is named in failure reasons (`got number`, `got null`). */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'string' && value.length === 0) return 'empty string';
  return typeof value;
}
