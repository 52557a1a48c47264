import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ModelIntegrityError } from './errors.ts';
import { createOnnxScorer, type OnnxScorer, type OnnxScorerOptions } from './onnx-scorer.ts';

const entrySchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9-]+$/),
  file: z.string().regex(/^[a-z0-9-]+\.onnx$/),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  features: z.array(z.string().min(1)).min(1),
  threshold: z.number().finite(),
  card: z.string().regex(/^[a-z0-9-]+\.md$/),
});

/** `models/manifest.json`: every model the detect stage loads, with its sha256 and threshold. */
export const manifestSchema = z.strictObject({ models: z.array(entrySchema) });
export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestEntry = z.infer<typeof entrySchema>;

export interface LoadedModel {
  readonly name: string;
  readonly features: readonly string[];
  readonly threshold: number;
  readonly scorer: OnnxScorer;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Reads and validates `<dir>/manifest.json`. */
export async function readManifest(dir: string): Promise<Manifest> {
  const file = path.join(dir, 'manifest.json');
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ModelIntegrityError(`cannot read model manifest ${file}`, { cause: error });
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success)
    throw new ModelIntegrityError(`invalid model manifest ${file}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/**
 * Loads every model in `<dir>/manifest.json`, refusing a file whose sha256 differs from the
 * manifest's or whose input width differs from its feature list: a model scored on the wrong
 * columns would fail silently.
 */
export async function loadModels(
  dir: string,
  options: OnnxScorerOptions = {},
): Promise<Map<string, LoadedModel>> {
  const manifest = await readManifest(dir);
  const out = new Map<string, LoadedModel>();
  for (const entry of manifest.models) {
    const file = path.join(dir, entry.file);
    const bytes = await readFile(file).catch((error: unknown) => {
      throw new ModelIntegrityError(`model ${entry.name}: cannot read ${file}`, { cause: error });
    });
    const digest = sha256Hex(bytes);
    if (digest !== entry.sha256)
      throw new ModelIntegrityError(
        `model ${entry.name}: ${file} has sha256 ${digest}, manifest says ${entry.sha256}`,
      );
    const scorer = await createOnnxScorer(bytes, options);
    if (scorer.inputWidth !== entry.features.length) {
      await scorer.close();
      throw new ModelIntegrityError(
        `model ${entry.name}: ${file} takes ${scorer.inputWidth} features, manifest lists ${entry.features.length}`,
      );
    }
    out.set(entry.name, { name: entry.name, features: entry.features, threshold: entry.threshold, scorer });
  }
  return out;
}
