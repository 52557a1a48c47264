import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { BundleInputError } from '../errors.ts';
import { REPO_PATHS } from '../paths.ts';

/** The only onnxruntime binary Lambda (Linux, arm64) can load; the other platforms' ~260 MB stay out. */
export const RUNTIME_PLATFORM = join('linux', 'arm64');

const manifestSchema = z.object({
  models: z.array(
    z.looseObject({
      name: z.string().min(1),
      file: z.string().regex(/^[\w.-]+\.onnx$/, 'a file name inside models/ ending in .onnx'),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
});

export interface DetectBundleInputs {
  onnxruntimeNode: string;
  onnxruntimeCommon: string;
  /** `bin/napi-v*` folders of onnxruntime-node that hold a linux/arm64 binary. */
  napiDirs: string[];
  catalog: string;
  sigma: string;
  modelsDir: string;
  modelFiles: string[];
  /** The offline intel sets (`<name>.txt`) the catalog's `inSet` conditions read. */
  intelSets: string;
  /** The ip-location-db IPv4 tables the features read, and the licence files that go with them. */
  ipDb: { asnCsv: string; countryCsv: string; notices: string[] };
}

/** As `functions/detect` reads them from `ip-db/` (its `IP_DB_FILES`). */
const IP_DB = {
  asn: '@ip-location-db/asn/asn-ipv4-num.csv',
  country: '@ip-location-db/geo-whois-asn-country/geo-whois-asn-country-ipv4-num.csv',
} as const;

/** The IP tables as installed for @vigil/features, with their licence files (CC BY 4.0 asks for attribution). */
function resolveIpDb(featuresPackage: string): DetectBundleInputs['ipDb'] {
  const fromFeatures = createRequire(join(featuresPackage, 'package.json'));
  let asnCsv: string;
  let countryCsv: string;
  try {
    asnCsv = realpathSync(fromFeatures.resolve(IP_DB.asn));
    countryCsv = realpathSync(fromFeatures.resolve(IP_DB.country));
  } catch (cause) {
    throw new BundleInputError(
      'detect bundle: the @ip-location-db tables are not installed; run pnpm install',
      {
        cause,
      },
    );
  }
  const notices = readdirSync(dirname(asnCsv))
    .filter((file) => /LICENSE|MODIFICATIONS/.test(file))
    .map((file) => join(dirname(asnCsv), file));
  return { asnCsv, countryCsv, notices };
}

function packageRoot(entry: string, name: string): string {
  let dir = dirname(entry);
  while (dir !== dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === name) return dir;
    dir = dirname(dir);
  }
  throw new BundleInputError(`detect bundle: no package.json named ${name} above ${entry}`);
}

/**
 * Finds everything the detect asset carries besides the esbuild output, and checks it before the
 * copy runs: the onnxruntime packages as installed in the workspace, the rule folders, and every
 * model the manifest lists with its sha256 — a stale or missing model fails the synth, not the Lambda.
 */
export function resolveDetectInputs(paths = REPO_PATHS): DetectBundleInputs {
  const fromScoring = createRequire(join(paths.scoringPackage, 'package.json'));
  let ortEntry: string;
  try {
    ortEntry = fromScoring.resolve('onnxruntime-node');
  } catch (cause) {
    throw new BundleInputError('detect bundle: onnxruntime-node is not installed; run pnpm install', {
      cause,
    });
  }
  const onnxruntimeNode = realpathSync(packageRoot(ortEntry, 'onnxruntime-node'));
  const onnxruntimeCommon = realpathSync(
    packageRoot(
      createRequire(join(onnxruntimeNode, 'package.json')).resolve('onnxruntime-common'),
      'onnxruntime-common',
    ),
  );
  const napiDirs = readdirSync(join(onnxruntimeNode, 'bin'))
    .filter(
      (dir) => /^napi-v\d+$/.test(dir) && existsSync(join(onnxruntimeNode, 'bin', dir, RUNTIME_PLATFORM)),
    )
    .map((dir) => join('bin', dir));
  if (napiDirs.length === 0) {
    throw new BundleInputError(
      `detect bundle: onnxruntime-node at ${onnxruntimeNode} has no ${RUNTIME_PLATFORM} binary`,
    );
  }
  for (const dir of [paths.catalog, paths.sigma, paths.intelSets]) {
    if (!existsSync(dir)) throw new BundleInputError(`detect bundle: rule folder ${dir} is missing`);
  }
  const manifestPath = join(paths.models, 'manifest.json');
  if (!existsSync(manifestPath)) {
    throw new BundleInputError(`detect bundle: ${manifestPath} is missing; the models must be committed`);
  }
  const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(manifestPath, 'utf8')));
  if (!parsed.success) {
    throw new BundleInputError(`detect bundle: ${manifestPath} is invalid: ${parsed.error.message}`);
  }
  const modelFiles = parsed.data.models.map((model) => {
    const file = join(paths.models, model.file);
    if (!existsSync(file))
      throw new BundleInputError(`detect bundle: model ${model.name} lists ${file}, which is missing`);
    const digest = createHash('sha256').update(readFileSync(file)).digest('hex');
    if (digest !== model.sha256) {
      throw new BundleInputError(
        `detect bundle: ${file} has sha256 ${digest} but models/manifest.json expects ${model.sha256}`,
      );
    }
    return model.file;
  });
  return {
    onnxruntimeNode,
    onnxruntimeCommon,
    napiDirs,
    catalog: paths.catalog,
    sigma: paths.sigma,
    modelsDir: paths.models,
    modelFiles,
    intelSets: paths.intelSets,
    ipDb: resolveIpDb(paths.featuresPackage),
  };
}

const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

/** Shell commands (bash, any checkout path) that lay out the asset as the detect function expects it. */
export function detectBundleCommands(inputs: DetectBundleInputs, outputDir: string): string[] {
  const ort = join(outputDir, 'node_modules', 'onnxruntime-node');
  const common = join(outputDir, 'node_modules', 'onnxruntime-common');
  const models = join(outputDir, 'models');
  const ipDb = join(outputDir, 'ip-db');
  return [
    `mkdir -p ${[ort, common, models, ipDb, ...inputs.napiDirs.map((dir) => join(ort, dir, 'linux'))].map(quote).join(' ')}`,
    `cp -RL ${quote(join(inputs.onnxruntimeNode, 'package.json'))} ${quote(join(inputs.onnxruntimeNode, 'dist'))} ${quote(ort)}`,
    ...inputs.napiDirs.map(
      (dir) =>
        `cp -RL ${quote(join(inputs.onnxruntimeNode, dir, RUNTIME_PLATFORM))} ${quote(join(ort, dir, 'linux'))}`,
    ),
    `cp -RL ${quote(join(inputs.onnxruntimeCommon, 'package.json'))} ${quote(join(inputs.onnxruntimeCommon, 'dist'))} ${quote(common)}`,
    `cp -RL ${quote(inputs.catalog)} ${quote(join(outputDir, 'catalog'))}`,
    `cp -RL ${quote(inputs.sigma)} ${quote(join(outputDir, 'sigma'))}`,
    `cp -RL ${quote(inputs.intelSets)} ${quote(join(outputDir, 'intel-sets'))}`,
    `cp ${[inputs.ipDb.asnCsv, inputs.ipDb.countryCsv, ...inputs.ipDb.notices].map(quote).join(' ')} ${quote(ipDb)}`,
    `cp ${[
      join(inputs.modelsDir, 'manifest.json'),
      ...inputs.modelFiles.map((file) => join(inputs.modelsDir, file)),
    ]
      .map(quote)
      .join(' ')} ${quote(models)}`,
  ];
}

/**
 * The afterBundling hook. CDK also calls hooks while preparing a Docker command it never runs (and
 * when bundling is skipped), so a missing input becomes a failing command, reported only when the
 * asset is really built.
 */
export function detectAfterBundling(outputDir: string, paths = REPO_PATHS): string[] {
  try {
    return detectBundleCommands(resolveDetectInputs(paths), outputDir);
  } catch (error) {
    if (!(error instanceof BundleInputError)) throw error;
    return [`echo ${quote(error.message)} >&2; exit 1`];
  }
}
