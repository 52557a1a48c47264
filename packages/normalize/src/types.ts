import type { SourceRecord } from '@vigil/decode';
import type { OcsfEvent } from '@vigil/schema';

/** Normalizing is expected to fail on some records: failures are values, never throws. */
export type NormalizeResult = { ok: true; event: OcsfEvent } | { ok: false; reason: string };

export type Normalizer = (record: SourceRecord) => NormalizeResult;
