import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FEATURE_SETS } from '@vigil/features';
import { loadModels, readManifest, sha256Hex } from '@vigil/scoring';
import { describe, expect, it } from 'vitest';
import { MODELS } from './lib/config.ts';

const dir = import.meta.dirname;

describe('the committed models', () => {
  it('match the sha256 in manifest.json and load in onnxruntime', async () => {
    const manifest = await readManifest(dir);
    for (const entry of manifest.models)
      expect(sha256Hex(readFileSync(path.join(dir, entry.file)))).toBe(entry.sha256);
    const models = await loadModels(dir);
    expect([...models.keys()].sort()).toEqual(Object.keys(MODELS).sort());
    for (const m of models.values()) await m.scorer.close();
  });

  it('list exactly the features the extractor writes, in its order', async () => {
    const manifest = await readManifest(dir);
    for (const entry of manifest.models)
      expect(entry.features).toEqual(FEATURE_SETS[entry.name as keyof typeof FEATURE_SETS]);
  });

  it('each have a card naming their sha256 and threshold', async () => {
    const manifest = await readManifest(dir);
    for (const entry of manifest.models) {
      const card = readFileSync(path.join(dir, entry.card), 'utf8');
      expect(card).toContain(entry.sha256);
      expect(card).toContain(`**${entry.threshold}**`);
    }
  });

  it('stay small enough for the Lambda asset', async () => {
    const manifest = await readManifest(dir);
    for (const entry of manifest.models)
      expect(readFileSync(path.join(dir, entry.file)).length).toBeLessThan(5_000_000);
  });
});
