import { readFileSync } from 'node:fs';
import { createDecoder, type Reject, type SourceRecord } from '@vigil/decode';
import { validateEvent } from '@vigil/schema';
import { normalizeAzure } from './azure.ts';

export interface DecodedFixture {
  records: SourceRecord[];
  rejects: Reject[];
}

/** A file under `events/`, through the real decoder, as the CLI reads it. */
export function decodeFixture(path: string): DecodedFixture {
  const text = readFileSync(new URL(`../../../events/${path}`, import.meta.url), 'utf8');
  const out: DecodedFixture = { records: [], rejects: [] };
  const decoder = createDecoder({ file: path }, (item) => {
    if (item.kind === 'record') out.records.push(item.value);
    else if (item.kind === 'reject') out.rejects.push(item.value);
  });
  decoder.write(text);
  decoder.end();
  return out;
}

/** Normalizes every record of an Azure fixture, failing loudly on any failure or invalid event. */
export function azureEvents(path: string) {
  return decodeFixture(path).records.map((record) => {
    const result = normalizeAzure(record);
    if (!result.ok) throw new Error(`${path}: ${result.reason}`);
    const valid = validateEvent(result.event);
    if (!valid.ok) throw new Error(`${path}: ${valid.issues.join('; ')}`);
    return { record, event: result.event };
  });
}
