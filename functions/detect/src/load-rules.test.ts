import { GetObjectCommand, NoSuchKey, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { createDecoder } from '@vigil/decode';
import { createPipeline } from '@vigil/detect';
import { s3SetReader } from '@vigil/fn-intel-refresh/s3-sets';
import { formatSetFile, SET_DEFINITIONS, SNAPSHOT_DIR } from '@vigil/intel';
import { CATALOG_DIR } from '@vigil/rules';
import { VIGIL_SIGMA_RULES_DIR } from '@vigil/sigma';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { type LoadRulesDeps, loadRules } from './load-rules.ts';
import { bundledTorExit, consoleSignIn } from './tor-sign-in.test-helper.ts';

const TOR_RULE = 'aws-console-login-from-tor';
/** An exit only the refreshed copy lists (TEST-NET-3, in no bundled set). */
const FRESH_EXIT = '203.0.113.77';
const CONFIG = { catalogDir: CATALOG_DIR, sigmaDir: VIGIL_SIGMA_RULES_DIR, intelSetsDir: SNAPSHOT_DIR };

const s3 = mockClient(S3Client);
afterAll(() => s3.restore());
beforeEach(() => {
  s3.reset();
  s3.on(GetObjectCommand).rejects(
    new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} }),
  );
});

function s3Object(text: string) {
  return { Body: { transformToString: async () => text } } as never;
}

/** The rules loaded as the cold start loads them, reading the sets from the (mocked) intel bucket. */
async function coldStart() {
  const warnings: Parameters<LoadRulesDeps['warn']>[] = [];
  const detection = await loadRules(CONFIG, {
    readSet: s3SetReader(new S3Client({ region: 'us-east-1' }), { bucket: 'vigil-intel', prefix: 'sets/' }),
    warn: (...args) => warnings.push(args),
  });
  return { detection, warnings };
}

/** Analytic uids raised by the loaded rules on a console sign-in from `ip`. */
function analyticsOnSignIn(detection: Awaited<ReturnType<typeof loadRules>>, ip: string): string[] {
  const raised: string[] = [];
  const pipeline = createPipeline({
    analytics: detection.analytics,
    clock: () => 0,
    onFinding: (finding) => raised.push(finding.finding_info.analytic.uid ?? ''),
  });
  const decoder = createDecoder({ file: 'sign-in', format: 'auto' }, (item) => pipeline.push(item));
  decoder.write(consoleSignIn(ip).data);
  decoder.end();
  pipeline.end();
  return raised;
}

describe('loadRules at cold start', () => {
  it('prefers the sets intel-refresh wrote to S3: an exit only the refreshed tor_exit lists fires the Tor rule', async () => {
    s3.on(GetObjectCommand, { Bucket: 'vigil-intel', Key: 'sets/tor_exit.txt' }).resolves(
      s3Object(
        formatSetFile(
          { name: 'tor_exit', source: 'https://check.torproject.org/torbulkexitlist', fetched: '2026-11-22' },
          [FRESH_EXIT],
        ),
      ),
    );
    const { detection, warnings } = await coldStart();
    expect(analyticsOnSignIn(detection, FRESH_EXIT)).toContain(TOR_RULE);
    // The refreshed copy replaces the snapshot's (a relay that left the list no longer matches).
    expect(analyticsOnSignIn(detection, bundledTorExit())).not.toContain(TOR_RULE);
    expect(
      s3.commandCalls(GetObjectCommand).map((c) => `${c.args[0].input.Bucket}/${c.args[0].input.Key}`),
    ).toEqual(SET_DEFINITIONS.map((d) => `vigil-intel/sets/${d.name}.txt`));
    // Sets not refreshed yet come from the snapshot, each named.
    expect(warnings).toEqual(
      SET_DEFINITIONS.filter((d) => d.name !== 'tor_exit').map((d) => [
        'intel set from the bundled snapshot',
        { set: d.name, error: 'NotFound' },
      ]),
    );
  });

  it('falls back to the bundled copy of a set S3 fails on, logging its name and error class but never its text', async () => {
    s3.on(GetObjectCommand, { Key: 'sets/tor_exit.txt' }).rejects(
      new S3ServiceException({
        name: 'AccessDenied',
        $fault: 'client',
        $metadata: {},
        message: 'Access Denied',
      }),
    );
    s3.on(GetObjectCommand, { Key: 'sets/feodo_c2.txt' }).resolves(
      s3Object('# set: feodo_c2\n<html>captive portal 198.51.100.1</html>\n'),
    );
    const { detection, warnings } = await coldStart();
    expect(analyticsOnSignIn(detection, bundledTorExit())).toContain(TOR_RULE);
    expect(analyticsOnSignIn(detection, FRESH_EXIT)).not.toContain(TOR_RULE);
    expect(warnings).toContainEqual([
      'intel set from the bundled snapshot',
      { set: 'tor_exit', error: 'AccessDenied' },
    ]);
    expect(warnings).toContainEqual([
      'intel set from the bundled snapshot',
      { set: 'feodo_c2', error: 'FeedParseError' },
    ]);
    expect(warnings).toHaveLength(SET_DEFINITIONS.length);
    expect(JSON.stringify(warnings)).not.toMatch(/html|198\.51\.100\.1|Access Denied/);
  });
});
