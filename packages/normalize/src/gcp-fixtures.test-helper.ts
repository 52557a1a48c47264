import { validateEvent } from '@vigil/schema';
import { decodeFixture } from './azure-fixtures.test-helper.ts';
import { normalizeGcp } from './gcp.ts';

/** Normalizes every record of a GCP fixture, failing loudly on any failure or invalid event. */
export function gcpEvents(path: string) {
  return decodeFixture(path).records.map((record) => {
    const result = normalizeGcp(record);
    if (!result.ok) throw new Error(`${path}: ${result.reason}`);
    const valid = validateEvent(result.event);
    if (!valid.ok) throw new Error(`${path}: ${valid.issues.join('; ')}`);
    return { record, event: result.event };
  });
}
