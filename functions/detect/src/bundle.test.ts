import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { payloadsFromFile } from '@vigil/batch-detect/producers';
import { DEFAULT_MODELS_DIR } from '@vigil/cli';
import { bundledIpDatabasePaths } from '@vigil/features';
import { SNAPSHOT_DIR } from '@vigil/intel';
import { CATALOG_DIR } from '@vigil/rules';
import { VIGIL_SIGMA_RULES_DIR } from '@vigil/sigma';
import { createEventSource, type LocalStack, startLocalStack } from '@vigil/store/testing';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IP_DB_FILES } from './load-ml.ts';
import { bundledTorExit, consoleSignIn } from './tor-sign-in.test-helper.ts';

const HANDLER = new URL('./handler.ts', import.meta.url).pathname;
const SCENARIO = new URL('../../../events/scenarios/aws-stop-logging.json', import.meta.url).pathname;

/** The installed onnxruntime-node, which the asset carries as node_modules/onnxruntime-node. */
function onnxruntimeNode(): string {
  const fromScoring = createRequire(new URL('../../../packages/scoring/package.json', import.meta.url));
  let dir = dirname(realpathSync(fromScoring.resolve('onnxruntime-node')));
  while (!dir.endsWith('onnxruntime-node')) dir = dirname(dir);
  return dir;
}

/**
 * The asset layout infra deploys: index.mjs (ESM, node22, the createRequire banner) with the
 * catalog, Sigma rules, intel sets, models and IP tables copied next to it, and onnxruntime-node
 * beside it. The bundle must find them all with no VIGIL_*_DIR set.
 */
describe('the bundled detect function', () => {
  let dir: string;
  let stack: LocalStack;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-detect-bundle-'));
    await build({
      entryPoints: [HANDLER],
      outfile: join(dir, 'index.mjs'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      minify: true,
      mainFields: ['module', 'main'],
      external: ['onnxruntime-node'],
      banner: {
        js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
      },
      logLevel: 'silent',
    });
    cpSync(CATALOG_DIR, join(dir, 'catalog'), { recursive: true });
    cpSync(VIGIL_SIGMA_RULES_DIR, join(dir, 'sigma'), { recursive: true });
    cpSync(SNAPSHOT_DIR, join(dir, 'intel-sets'), { recursive: true });
    cpSync(DEFAULT_MODELS_DIR, join(dir, 'models'), { recursive: true });
    mkdirSync(join(dir, 'ip-db'));
    const ip = bundledIpDatabasePaths();
    // infra copies the installed files under their own names: these must be those names.
    expect(IP_DB_FILES).toEqual({ asnCsv: basename(ip.asnCsv), countryCsv: basename(ip.countryCsv) });
    symlinkSync(ip.asnCsv, join(dir, 'ip-db', IP_DB_FILES.asnCsv));
    symlinkSync(ip.countryCsv, join(dir, 'ip-db', IP_DB_FILES.countryCsv));
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(onnxruntimeNode(), join(dir, 'node_modules', 'onnxruntime-node'));
    stack = await startLocalStack({ shards: 1 });
    delete process.env.VIGIL_CATALOG_DIR;
    delete process.env.VIGIL_SIGMA_DIR;
    delete process.env.VIGIL_MODELS_DIR;
    delete process.env.VIGIL_IP_DB_DIR;
    delete process.env.VIGIL_INTEL_SETS_DIR;
    Object.assign(process.env, stack.env, {
      POWERTOOLS_LOG_LEVEL: 'CRITICAL',
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_TRACE_ENABLED: 'false',
    });
  });
  afterAll(async () => {
    await stack?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loads its rules, sets, models and IP tables from the folders next to index.mjs and detects on a Kinesis batch', async () => {
    const { handler } = (await import(pathToFileURL(join(dir, 'index.mjs')).href)) as {
      handler: Parameters<typeof createEventSource>[0]['handler'];
    };
    const payloads = [...(await payloadsFromFile(SCENARIO)), consoleSignIn(bundledTorExit())];
    await stack.kinesis.client.send(
      new PutRecordsCommand({
        StreamName: stack.stream,
        Records: payloads.map((p) => ({ Data: p.data, PartitionKey: p.partitionKey })),
      }),
    );
    const source = createEventSource({ kinesis: stack.kinesis.client, stream: stack.stream, handler });
    await source.drain();
    expect(source.stats).toMatchObject({ succeeded: payloads.length, discarded: 0, functionErrors: 0 });
    const analytics = stack.eventBridge
      .events(stack.bus)
      .map((e) => (e.detail as { finding_info: { analytic: { uid: string } } }).finding_info.analytic.uid);
    expect(analytics).toContain('aws-cloudtrail-logging-disabled');
    // An inSet rule: the offline intel sets in intel-sets/ were loaded with the catalog.
    expect(analytics).toContain('aws-console-login-from-tor');
  });
});
