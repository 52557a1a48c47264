import {
  type EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import type { DetectionFinding } from '@vigil/schema';
import { PublishError } from './errors.ts';
import { backoff, MAX_ATTEMPTS } from './retry.ts';

/** The `source` of every event Vigil puts on the findings bus. */
export const FINDING_EVENT_SOURCE = 'vigil.detect';
export const FINDING_DETAIL_TYPE = {
  created: 'Detection Finding',
  updated: 'Detection Finding Updated',
} as const;
/** PutEvents takes at most 10 entries and 256 KiB per call. */
const PUT_EVENTS_BATCH = 10;
const MAX_ENTRY_BYTES = 256 * 1024;
/** Related events kept when a finding is too large for one event; the table keeps them all. */
const TRIMMED_RELATED_EVENTS = 50;

/**
 * Puts findings on the findings bus, ten per PutEvents call; entries EventBridge reports as
 * failed are retried with backoff, and still-failing entries make it throw (the batch is then
 * retried by its event source, and the finding writes, keyed by uid, do not duplicate).
 */
export async function publishFindings(
  client: EventBridgeClient,
  bus: string,
  findings: readonly { finding: DetectionFinding; kind: keyof typeof FINDING_DETAIL_TYPE }[],
): Promise<void> {
  const entries = findings.map(({ finding, kind }) => entry(bus, finding, FINDING_DETAIL_TYPE[kind]));
  const batches: PutEventsRequestEntry[][] = [];
  let current: PutEventsRequestEntry[] = [];
  let bytes = 0;
  for (const e of entries) {
    const size = entrySize(e);
    if (current.length === PUT_EVENTS_BATCH || bytes + size > MAX_ENTRY_BYTES) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(e);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  for (const batch of batches) await put(client, bus, batch);
}

async function put(client: EventBridgeClient, bus: string, batch: PutEventsRequestEntry[]): Promise<void> {
  let pending = batch;
  let lastError = '';
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (attempt > 0) await backoff(attempt);
    const out = await client.send(new PutEventsCommand({ Entries: pending }));
    if (!out.FailedEntryCount) return;
    const results = out.Entries ?? [];
    const failed = pending.filter((_, i) => results[i]?.ErrorCode);
    lastError = results.find((r) => r.ErrorCode)?.ErrorCode ?? 'unknown';
    pending = failed;
    if (pending.length === 0) return;
  }
  throw new PublishError(
    `findings bus ${bus}: ${pending.length} event(s) still failing after ${MAX_ATTEMPTS} PutEvents attempts (${lastError})`,
  );
}

function entry(bus: string, finding: DetectionFinding, detailType: string): PutEventsRequestEntry {
  let detail = JSON.stringify(finding);
  if (Buffer.byteLength(detail) > MAX_ENTRY_BYTES - 1024) {
    const info = finding.finding_info;
    detail = JSON.stringify({
      ...finding,
      evidences: finding.evidences?.slice(0, 1),
      finding_info: { ...info, related_events: info.related_events.slice(0, TRIMMED_RELATED_EVENTS) },
    });
  }
  return {
    EventBusName: bus,
    Source: FINDING_EVENT_SOURCE,
    DetailType: detailType,
    Detail: detail,
    Time: new Date(finding.time),
    Resources: [],
  };
}

/** EventBridge's entry size: source, detail type, detail and resources in UTF-8, plus 14 bytes for the time. */
function entrySize(e: PutEventsRequestEntry): number {
  return (
    14 +
    Buffer.byteLength(e.Source ?? '') +
    Buffer.byteLength(e.DetailType ?? '') +
    Buffer.byteLength(e.Detail ?? '') +
    (e.Resources ?? []).reduce((n, r) => n + Buffer.byteLength(r), 0)
  );
}
