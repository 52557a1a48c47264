import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { replayTechnique } from './replay.ts';
import type { ReplayOptions } from './technique.ts';

const EVENTS = new URL('../../stratus/', import.meta.url);

const techniqueSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().min(1),
  platform: z.string().min(1),
  tactics: z.array(z.string().min(1)).min(1),
  api_calls: z.array(z.string()),
  observed_cloudtrail_events: z.record(z.string(), z.number().int().positive()).nullable(),
});

const TACTIC_ID = /^TA\d{4}$/;
const TECHNIQUE_ID = /^T\d{4}(?:\.\d{3})?$/;

const expectedSchema = z.strictObject({
  attackVersion: z.literal('v17'),
  note: z.string().min(1),
  techniques: z.record(
    z.string(),
    z.strictObject({
      platform: z.string().min(1),
      tactics: z.array(z.string().regex(TACTIC_ID)).min(1),
      techniques: z.array(z.string().regex(TECHNIQUE_ID)).min(1),
      source: z.string().min(10),
    }),
  ),
});

const namesSchema = z.strictObject({
  attackVersion: z.literal('v17'),
  source: z.string().min(1),
  names: z.record(z.string().regex(/^(?:TA\d{4}|T\d{4}(?:\.\d{3})?)$/), z.string().min(1)),
});

export type StratusTechniqueEntry = z.infer<typeof techniqueSchema>;
export type StratusExpected = z.infer<typeof expectedSchema>;

function readJson(name: string): unknown {
  return JSON.parse(readFileSync(new URL(name, EVENTS), 'utf8'));
}

/** Every technique of `packages/rules/stratus/stratus-techniques.json`, validated. */
export function loadStratusTechniques(): StratusTechniqueEntry[] {
  return z
    .strictObject({ source: z.unknown(), techniques: z.array(techniqueSchema) })
    .parse(readJson('stratus-techniques.json')).techniques;
}

export function loadStratusExpected(): StratusExpected {
  return expectedSchema.parse(readJson('expected.json'));
}

/** ATT&CK v17 names of every tactic and technique id `expected.json` uses. */
export function loadAttackNames(): Readonly<Record<string, string>> {
  return namesSchema.parse(readJson('attack-names.json')).names;
}

export interface StratusCase {
  technique: StratusTechniqueEntry;
  platform: string;
  expected: { tactics: string[]; techniques: string[] };
  /** Native records of the replayed detonation, one JSON text each. */
  records: string[];
}

/**
 * Each replayable Stratus Red Team technique with the ATT&CK mapping a detection of it should
 * carry and its replayed records (seed 1 unless told otherwise), for coverage tests.
 */
export function loadStratusCases(options: ReplayOptions = {}): StratusCase[] {
  const expected = loadStratusExpected().techniques;
  return loadStratusTechniques().flatMap((technique) => {
    const mapping = expected[technique.id];
    if (mapping === undefined) return [];
    return [
      {
        technique,
        platform: technique.platform,
        expected: { tactics: mapping.tactics, techniques: mapping.techniques },
        records: replayTechnique(technique, { seed: 1, ...options }),
      },
    ];
  });
}
