import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from './simulate.ts';
import { SIMULATION_FILES, writeSimulation } from './write-simulation.ts';

function lines(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  return text.length === 0 ? [] : text.slice(0, -1).split('\n');
}

describe('writeSimulation', () => {
  it('writes one file per source and a label for every record, pointing at its line', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'vigil-sim-'));
    const options = { seed: 4, days: 1, scale: 0.3 };
    // Act
    const counts = await writeSimulation(options, dir);
    // Assess
    const records = [...simulate(options)];
    const labels = lines(join(dir, SIMULATION_FILES.labels)).map((l) => JSON.parse(l));
    expect(labels).toHaveLength(records.length);
    for (const source of ['cloudtrail', 'azure', 'gcp', 'vpcflow'] as const) {
      const written = lines(join(dir, SIMULATION_FILES[source]));
      expect(written).toHaveLength(counts[source]);
      expect(written).toEqual(records.filter((r) => r.source === source).map((r) => r.text));
    }
    const sample = labels[Math.floor(labels.length / 2)];
    const line = lines(join(dir, sample.file))[sample.line - 1];
    const record = records[Math.floor(labels.length / 2)]!;
    expect(line).toBe(record.text);
    expect(sample).toMatchObject({
      source: record.source,
      uid: record.uid,
      persona: record.persona,
      principal: record.principal,
      label: 'benign',
    });
  });
});
