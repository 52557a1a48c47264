import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BundleInputError } from '../errors.ts';
import { REPO_PATHS } from '../paths.ts';
import { detectAfterBundling, resolveDetectInputs } from './detect-bundle.ts';

/** Runs the hook's commands the way CDK's local bundling does: one `bash -c` each, from the repo root. */
function run(commands: string[]): void {
  for (const command of commands)
    execFileSync('bash', ['-c', command], { cwd: REPO_PATHS.root, stdio: 'pipe' });
}

let work: string;
let models: string;
let out: string;

beforeEach(() => {
  // A path with a space and a quote: the hook must work from any checkout location.
  work = mkdtempSync(join(tmpdir(), "vigil bundle 'x' "));
  models = join(work, 'models');
  out = join(work, 'out');
  mkdirSync(models);
  mkdirSync(out);
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

function writeModel(name: string, bytes: string, sha = createHash('sha256').update(bytes).digest('hex')) {
  writeFileSync(join(models, `${name}.onnx`), bytes);
  return { name, file: `${name}.onnx`, sha256: sha, features: ['a'], threshold: 0.5 };
}

describe('detect bundle layout', () => {
  it('copies onnxruntime with only the linux-arm64 binary, the rule folders, intel sets, IP tables and every listed model', () => {
    const manifest = {
      models: [writeModel('principal-iforest', 'model-a'), writeModel('flow-ae', 'model-b')],
    };
    writeFileSync(join(models, 'manifest.json'), JSON.stringify(manifest));
    writeFileSync(join(models, 'unlisted.onnx'), 'stale');

    run(detectAfterBundling(out, { ...REPO_PATHS, models }));

    const ort = join(out, 'node_modules', 'onnxruntime-node');
    const napi = readdirSync(join(ort, 'bin'));
    expect(napi.length).toBeGreaterThan(0);
    for (const dir of napi) {
      expect(readdirSync(join(ort, 'bin', dir))).toEqual(['linux']);
      expect(readdirSync(join(ort, 'bin', dir, 'linux'))).toEqual(['arm64']);
      expect(readdirSync(join(ort, 'bin', dir, 'linux', 'arm64'))).toContain('onnxruntime_binding.node');
    }
    expect(existsSync(join(ort, 'dist', 'index.js'))).toBe(true);
    expect(existsSync(join(out, 'node_modules', 'onnxruntime-common', 'dist', 'cjs', 'index.js'))).toBe(true);
    expect(readdirSync(join(out, 'catalog')).sort()).toEqual(readdirSync(REPO_PATHS.catalog).sort());
    expect(readdirSync(join(out, 'sigma')).sort()).toEqual(readdirSync(REPO_PATHS.sigma).sort());
    expect(readdirSync(join(out, 'intel-sets')).sort()).toEqual(readdirSync(REPO_PATHS.intelSets).sort());
    const { ipDb: ip } = resolveDetectInputs();
    const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
    expect(sha(join(out, 'ip-db', basename(ip.asnCsv)))).toBe(sha(ip.asnCsv));
    expect(sha(join(out, 'ip-db', basename(ip.countryCsv)))).toBe(sha(ip.countryCsv));
    expect(readdirSync(join(out, 'ip-db'))).toContain('DBIP-LICENSE');
    expect(readdirSync(join(out, 'models')).sort()).toEqual([
      'flow-ae.onnx',
      'manifest.json',
      'principal-iforest.onnx',
    ]);
  });

  it('fails the bundle, naming the file, when the manifest is missing', () => {
    const commands = detectAfterBundling(out, { ...REPO_PATHS, models });
    expect(() => run(commands)).toThrow(/models\/manifest\.json is missing/);
  });

  it('rejects a model whose bytes do not match the manifest sha256', () => {
    const model = writeModel('principal-iforest', 'model-a', 'f'.repeat(64));
    writeFileSync(join(models, 'manifest.json'), JSON.stringify({ models: [model] }));
    expect(() => resolveDetectInputs({ ...REPO_PATHS, models })).toThrow(BundleInputError);
    expect(() => resolveDetectInputs({ ...REPO_PATHS, models })).toThrow(
      /principal-iforest\.onnx has sha256 [0-9a-f]{64} but/,
    );
  });

  it('rejects a manifest entry that points outside models/', () => {
    const model = { ...writeModel('x', 'x'), file: '../x.onnx' };
    writeFileSync(join(models, 'manifest.json'), JSON.stringify({ models: [model] }));
    expect(() => resolveDetectInputs({ ...REPO_PATHS, models })).toThrow(/manifest\.json is invalid/);
  });
});
