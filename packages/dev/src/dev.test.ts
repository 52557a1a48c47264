import { describe, expect, it } from 'vitest';
import { parseDevArgs } from './args.ts';
import { DevUsageError } from './errors.ts';
import { renderReport } from './report.ts';
import { startDev } from './run-dev.ts';

const SCENARIOS = new URL('../../../events/scenarios/', import.meta.url).pathname;

describe('pnpm dev', () => {
  it('parses its options and names a bad one', () => {
    expect(parseDevArgs([])).toMatchObject({
      inputs: ['events/'],
      shards: 2,
      batchSize: 100,
      maxRetries: 2,
      once: false,
    });
    expect(parseDevArgs(['--once', '--shards', '1', 'a.json'])).toMatchObject({
      inputs: ['a.json'],
      shards: 1,
      once: true,
    });
    expect(() => parseDevArgs(['--shards', 'two'])).toThrow(
      new DevUsageError('--shards must be a whole number from 0 to 16, got "two"'),
    );
    expect(() => parseDevArgs(['--bogus'])).toThrow(DevUsageError);
  });

  it('runs the detect handler over the scenarios on a local stack and reads the findings back', async () => {
    const run = await startDev({ ...parseDevArgs(['--once', '--batch-size', '10', SCENARIOS]) });
    try {
      expect(await run.poll()).toBe(run.records);
      const findings = await run.findings();
      const analytics = new Set(findings.map((f) => f.finding_info.analytic.uid));
      for (const uid of [
        'aws-cloudtrail-logging-disabled',
        'vpc-port-scan',
        'gcp-resource-made-public',
        'aws-root-account-usage',
      ]) {
        expect(analytics).toContain(uid);
      }
      const report = renderReport(findings, run.stats, await run.dlq());
      expect(report).toContain(`${findings.length} finding(s) in the findings table:`);
      expect(report).toContain(`stream: ${run.records} record(s) acknowledged, 0 sent on-failure`);
      expect(await run.poll()).toBe(0);
    } finally {
      await run.stop();
    }
  });
});
