import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ModelIntegrityError } from './errors.ts';
import { trainIsolationForest } from './isolation-forest.ts';
import { loadModels, sha256Hex } from './manifest.ts';
import { exportOnnx } from './onnx-export.ts';
import { syntheticData } from './test-data.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function modelDir(features: string[], sha?: string): { dir: string; bytes: Uint8Array } {
  const dir = mkdtempSync(path.join(tmpdir(), 'vigil-models-'));
  dirs.push(dir);
  const { m } = syntheticData(1, 500, 3, 0);
  const bytes = exportOnnx(trainIsolationForest(m, { seed: 1, trees: 5 }), {
    name: 'tiny',
    features: ['a', 'b', 'c'],
  });
  writeFileSync(path.join(dir, 'tiny.onnx'), bytes);
  const manifest = {
    models: [
      {
        name: 'tiny',
        file: 'tiny.onnx',
        sha256: sha ?? sha256Hex(bytes),
        features,
        threshold: 0.6,
        card: 'tiny.md',
      },
    ],
  };
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  return { dir, bytes };
}

describe('loadModels', () => {
  it('loads each model with its features and threshold and scores batches', async () => {
    const { dir } = modelDir(['a', 'b', 'c']);
    const models = await loadModels(dir);
    const tiny = models.get('tiny');
    expect(tiny?.threshold).toBe(0.6);
    expect(tiny?.features).toEqual(['a', 'b', 'c']);
    const scores = await tiny?.scorer.score(new Float32Array(6).fill(1), 2);
    expect(scores).toHaveLength(2);
    await expect(tiny?.scorer.score(new Float32Array(5), 2)).rejects.toThrow(
      /expected 2 × 3 = 6 values, got 5/,
    );
    await tiny?.scorer.close();
  });

  it('refuses a file whose sha256 differs from the manifest', async () => {
    const { dir } = modelDir(['a', 'b', 'c'], '0'.repeat(64));
    await expect(loadModels(dir)).rejects.toThrow(ModelIntegrityError);
  });

  it('refuses a model whose input width differs from its feature list', async () => {
    const { dir } = modelDir(['a', 'b']);
    await expect(loadModels(dir)).rejects.toThrow(/takes 3 features, manifest lists 2/);
  });

  it('names the field of an invalid manifest', async () => {
    const { dir } = modelDir(['a', 'b', 'c']);
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ models: [{ name: 'tiny' }] }));
    await expect(loadModels(dir)).rejects.toThrow(/invalid model manifest .*sha256/s);
  });
});
