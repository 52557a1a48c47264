import type { z } from 'zod';
import { eventSchemas, type OcsfEvent } from './events.ts';
import { type DetectionFinding, detectionFinding } from './finding.ts';

export type Validation<T> = { ok: true; value: T } | { ok: false; issues: string[] };

function describe(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
}

/** Validates a normalized event against the zod schema of its `class_uid`. */
export function validateEvent(event: unknown): Validation<OcsfEvent> {
  const classUid = (event as { class_uid?: unknown } | null)?.class_uid;
  const schema = eventSchemas[classUid as keyof typeof eventSchemas];
  if (!schema)
    return {
      ok: false,
      issues: [`class_uid: expected one of 6003, 3002, 3001, 4001, got ${String(classUid)}`],
    };
  const r = schema.safeParse(event);
  return r.success ? { ok: true, value: r.data as OcsfEvent } : { ok: false, issues: describe(r.error) };
}

export function validateFinding(finding: unknown): Validation<DetectionFinding> {
  const r = detectionFinding.safeParse(finding);
  return r.success ? { ok: true, value: r.data } : { ok: false, issues: describe(r.error) };
}
