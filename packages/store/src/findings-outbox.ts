import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { DetectionFinding } from '@vigil/schema';
import { publishFindings } from './finding-publisher.ts';
import {
  type FindingsStoreOptions,
  markPublished,
  type WriteOutcome,
  writeFindings,
} from './findings-store.ts';

export interface FindingsOutboxOptions {
  store: FindingsStoreOptions;
  eventBridge: EventBridgeClient;
  bus: string;
}

/**
 * Findings to the table, then to the bus, then marked published: the table is the outbox. If
 * the bus or the mark fails, the caller's retry finds the findings unchanged but unmarked and
 * publishes them then, so no finding reaches the table without reaching the bus, and a replay
 * of a published finding publishes nothing.
 */
export async function recordFindings(
  options: FindingsOutboxOptions,
  findings: readonly DetectionFinding[],
): Promise<WriteOutcome> {
  const written = await writeFindings(options.store, findings);
  const toPublish = [
    ...written.created.map((w) => ({ ...w, kind: 'created' as const })),
    ...written.updated.map((w) => ({ ...w, kind: 'updated' as const })),
    ...written.unpublished.map((w) => ({
      ...w,
      kind: w.version === 1 ? ('created' as const) : ('updated' as const),
    })),
  ];
  await publishFindings(options.eventBridge, options.bus, toPublish);
  await markPublished(options.store, toPublish);
  return written;
}
