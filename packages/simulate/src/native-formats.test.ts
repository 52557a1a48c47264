import type { DecodeItem, SourceKind } from '@vigil/decode';
import { decodeStream } from '@vigil/decode';
import { normalize } from '@vigil/normalize';
import { validateEvent } from '@vigil/schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { simulate } from './simulate.ts';
import type { SimRecord } from './types.ts';

const FILES: Record<SourceKind, string> = {
  cloudtrail: 'cloudtrail.ndjson',
  azure: 'azure.ndjson',
  gcp: 'gcp.ndjson',
  vpcflow: 'vpcflow.log',
};
const CHUNK = 4000;
/** Every n-th normalized event goes through the zod schema, which is the slow part. */
const VALIDATE_EVERY = 25;

interface Outcome {
  records: number;
  rejects: string[];
  skips: number;
  failures: string[];
  invalid: string[];
  validated: number;
  sourceMismatch: number;
  uidMismatch: number;
  classes: Set<number>;
}

/** Decodes a chunk as the CLI would read it from its file, and checks what comes out. */
async function check(source: SourceKind, chunk: SimRecord[], outcome: Outcome): Promise<void> {
  const text = `${chunk.map((r) => r.text).join('\n')}\n`;
  const items: DecodeItem[] = [];
  for await (const batch of decodeStream([Buffer.from(text, 'utf8')], { file: FILES[source] }))
    items.push(...batch);
  let i = 0;
  for (const item of items) {
    if (item.kind === 'reject') outcome.rejects.push(item.value.reason);
    else if (item.kind === 'skip') outcome.skips++;
    else {
      const expected = chunk[i++]!;
      outcome.records++;
      if (item.value.source !== source) outcome.sourceMismatch++;
      const result = normalize(item.value);
      if (!result.ok) {
        outcome.failures.push(result.reason);
        continue;
      }
      outcome.classes.add(result.event.class_uid);
      if (result.event.metadata.uid !== expected.uid) outcome.uidMismatch++;
      if (outcome.records % VALIDATE_EVERY === 0) {
        outcome.validated++;
        const valid = validateEvent(result.event);
        if (!valid.ok) outcome.invalid.push(valid.issues.join('; '));
      }
    }
  }
}

describe('every simulated record in its native format', () => {
  const outcome: Outcome = {
    records: 0,
    rejects: [],
    skips: 0,
    failures: [],
    invalid: [],
    validated: 0,
    sourceMismatch: 0,
    uidMismatch: 0,
    classes: new Set(),
  };
  let produced = 0;

  // A whole 14-day run: the timeout allows for a machine busy with other work.
  beforeAll(async () => {
    // Act: the default run, decoded a chunk of each source at a time to keep memory flat
    const pending: Record<SourceKind, SimRecord[]> = { cloudtrail: [], azure: [], gcp: [], vpcflow: [] };
    for (const record of simulate({ seed: 11 })) {
      produced++;
      const chunk = pending[record.source];
      chunk.push(record);
      if (chunk.length === CHUNK) {
        await check(record.source, chunk, outcome);
        pending[record.source] = [];
      }
    }
    for (const [source, chunk] of Object.entries(pending) as [SourceKind, SimRecord[]][])
      if (chunk.length > 0) await check(source, chunk, outcome);
  }, 120_000);

  it('decodes, in the family it was written for, with zero rejects', () => {
    // Assess
    expect(outcome.rejects).toEqual([]);
    expect(outcome.skips).toBe(0);
    expect(outcome.records).toBe(produced);
    expect(outcome.sourceMismatch).toBe(0);
  });

  it('normalizes with zero failures, keeping the id the label names', () => {
    // Assess
    expect(outcome.failures).toEqual([]);
    expect(outcome.uidMismatch).toBe(0);
    expect(outcome.classes).toEqual(new Set([3001, 3002, 4001, 6003]));
  });

  it('passes the OCSF schema (a sample of a few thousand)', () => {
    // Assess
    expect(outcome.validated).toBeGreaterThan(2000);
    expect(outcome.invalid).toEqual([]);
  });
});
