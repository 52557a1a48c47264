import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveDetectInputs } from '../src/constructs/detect-bundle.ts';
import { REPO_PATHS } from '../src/paths.ts';

/** Where functions/detect reads the IP tables (its IP_DB_FILES), inside the asset's ip-db/. */
const IP_DB_FILES = { asnCsv: 'asn-ipv4-num.csv', countryCsv: 'geo-whois-asn-country-ipv4-num.csv' };

import { type Synthesized, synthVigil } from './synth.ts';

/** Lambda's limit for a function's unzipped deployment package. */
const LAMBDA_UNZIPPED_LIMIT = 250 * 1024 * 1024;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

let synth: Synthesized;
let asset: string;

beforeAll(() => {
  synth = synthVigil({ bundle: true });
  const fn = synth.templates.get('Vigil')!.findResources('AWS::Lambda::Function');
  const detect = Object.values(fn).find((resource) =>
    JSON.stringify(resource.Properties.Environment ?? {}).includes('vigil-detect'),
  )!;
  // The assembly stages each asset as asset.<hash>; the template names it by the same hash.
  const hash = String(detect.Properties.Code.S3Key).replace(/\.zip$/, '');
  asset = join(synth.outdir, `asset.${hash}`);
}, 180_000); // esbuild plus copying onnxruntime: the one synth that really bundles
afterAll(() => synth.cleanup());

describe('the built detect asset', () => {
  it('is the ESM bundle with the createRequire banner', () => {
    const bundle = readFileSync(join(asset, 'index.mjs'), 'utf8');
    expect(
      bundle.startsWith(
        "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
      ),
    ).toBe(true);
    expect(existsSync(join(asset, 'index.js'))).toBe(false);
  });

  it('carries every model models/manifest.json lists, and the manifest', () => {
    const manifest = JSON.parse(readFileSync(join(REPO_PATHS.models, 'manifest.json'), 'utf8'));
    expect(manifest.models.length).toBeGreaterThan(0);
    for (const model of manifest.models) {
      expect(readFileSync(join(asset, 'models', model.file))).toEqual(
        readFileSync(join(REPO_PATHS.models, model.file)),
      );
    }
    expect(JSON.parse(readFileSync(join(asset, 'models', 'manifest.json'), 'utf8'))).toEqual(manifest);
  });

  it('carries the rule catalog and the Sigma rules', () => {
    expect(readdirSync(join(asset, 'catalog')).sort()).toEqual(readdirSync(REPO_PATHS.catalog).sort());
    expect(readdirSync(join(asset, 'sigma')).sort()).toEqual(readdirSync(REPO_PATHS.sigma).sort());
  });

  it('carries the offline intel sets and the IP tables the features read, with their licences', () => {
    expect(readdirSync(join(asset, 'intel-sets')).sort()).toEqual(readdirSync(REPO_PATHS.intelSets).sort());
    expect(readdirSync(join(asset, 'ip-db')).sort()).toEqual(
      expect.arrayContaining(['DBIP-LICENSE', ...Object.values(IP_DB_FILES)]),
    );
    const { ipDb: ip } = resolveDetectInputs();
    expect(statSync(join(asset, 'ip-db', IP_DB_FILES.asnCsv)).size).toBe(statSync(ip.asnCsv).size);
    expect(statSync(join(asset, 'ip-db', IP_DB_FILES.countryCsv)).size).toBe(statSync(ip.countryCsv).size);
  });

  it('has only the linux-arm64 onnxruntime binary', () => {
    const natives = files(join(asset, 'node_modules')).filter((file) =>
      /\.(node|so(\.\d+)*|dylib|dll)$/.test(file),
    );
    expect(natives.length).toBeGreaterThan(0);
    for (const file of natives)
      expect(relative(asset, file)).toMatch(
        /^node_modules\/onnxruntime-node\/bin\/napi-v\d+\/linux\/arm64\//,
      );
  });

  it('stays under Lambda’s 250 MB unzipped limit', () => {
    const bytes = files(asset).reduce((sum, file) => sum + statSync(file).size, 0);
    console.info(`detect asset: ${(bytes / 1024 / 1024).toFixed(1)} MiB unzipped`);
    expect(bytes).toBeLessThan(LAMBDA_UNZIPPED_LIMIT);
  });
});
