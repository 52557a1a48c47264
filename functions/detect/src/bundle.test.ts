import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { payloadsFromFile } from '@vigil/batch-detect/producers';
import { CATALOG_DIR } from '@vigil/rules';
import { VIGIL_SIGMA_RULES_DIR } from '@vigil/sigma';
import { createEventSource, type LocalStack, startLocalStack } from '@vigil/store/testing';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const HANDLER = new URL('./handler.ts', import.meta.url).pathname;
const SCENARIO = new URL('../../../events/scenarios/aws-stop-logging.json', import.meta.url).pathname;

/**
 * The asset layout infra deploys: index.mjs (ESM, node22, the createRequire banner) with the
 * catalog and Sigma rules copied next to it. The bundle must find them with no VIGIL_*_DIR set.
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
    stack = await startLocalStack({ shards: 1 });
    delete process.env.VIGIL_CATALOG_DIR;
    delete process.env.VIGIL_SIGMA_DIR;
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

  it('loads its rules from the folders next to index.mjs and detects on a Kinesis batch', async () => {
    const { handler } = (await import(pathToFileURL(join(dir, 'index.mjs')).href)) as {
      handler: Parameters<typeof createEventSource>[0]['handler'];
    };
    const payloads = await payloadsFromFile(SCENARIO);
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
  });
});
