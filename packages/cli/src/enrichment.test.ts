import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { type ProviderServer, startProviderServer } from '@vigil/intel/testing';
import { type DetectionFinding, validateFinding } from '@vigil/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCliArgs } from './args.ts';
import { loadDetection } from './detection.ts';
import { runDetect } from './run.ts';

/** CloudTrail console sign-ins: one from a Tor exit in the shipped snapshot, one from an address the fake AbuseIPDB knows as bad. */
function signIn(id: string, ip: string, user: string) {
  return {
    eventVersion: '1.09',
    userIdentity: {
      type: 'IAMUser',
      principalId: `AIDAEXAMPLE${user.toUpperCase()}0000`,
      arn: `arn:aws:iam::111122223333:user/${user}`,
      accountId: '111122223333',
      userName: user,
    },
    eventTime: '2026-11-02T10:00:00Z',
    eventSource: 'signin.amazonaws.com',
    eventName: 'ConsoleLogin',
    awsRegion: 'us-east-1',
    sourceIPAddress: ip,
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; rv:128.0) Gecko/20100101 Firefox/128.0',
    requestParameters: null,
    responseElements: { ConsoleLogin: 'Success' },
    additionalEventData: {
      LoginTo: 'https://console.aws.amazon.com/console/home',
      MobileVersion: 'No',
      MFAUsed: 'No',
    },
    eventID: id,
    readOnly: false,
    eventType: 'AwsConsoleSignIn',
    managementEvent: true,
    recipientAccountId: '111122223333',
    eventCategory: 'Management',
  };
}

function sink() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (c) => {
    text += String(c);
  });
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => text };
}

let server: ProviderServer;
beforeAll(async () => {
  server = await startProviderServer();
});
afterAll(() => server.stop());

describe('pnpm detect --enrich', () => {
  it('marks findings with offline-set and provider verdicts, raises severity on a malicious source, and names providers left off', async () => {
    server.malicious.add('45.155.205.10');
    const dir = mkdtempSync(path.join(tmpdir(), 'vigil-enrich-'));
    const input = path.join(dir, 'trail.json');
    const out = path.join(dir, 'findings.ndjson');
    writeFileSync(
      input,
      JSON.stringify({
        Records: [
          signIn('0b8e3a3e-0000-4000-8000-000000000001', '185.220.101.1', 'carol'),
          signIn('0b8e3a3e-0000-4000-8000-000000000002', '45.155.205.10', 'dave'),
        ],
      }),
    );
    const options = parseCliArgs(['--enrich', '--no-models', '--out', out, input]);
    const stdout = sink();
    const stderr = sink();
    const env = {
      VIGIL_ABUSEIPDB_API_KEY: server.keys.abuseipdb,
      VIGIL_ABUSEIPDB_URL: server.baseUrls.abuseipdb,
      VIGIL_OTX_API_KEY: server.keys.otx,
      VIGIL_OTX_URL: server.baseUrls.otx,
    };
    await runDetect(
      options,
      await loadDetection(options),
      { stdin: process.stdin, stdout: stdout.stream, stderr: stderr.stream },
      () => Date.UTC(2026, 10, 22),
      env,
    );

    const findings = readFileSync(out, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as DetectionFinding);
    for (const f of findings) expect(validateFinding(f)).toMatchObject({ ok: true });
    const tor = findings.find((f) => f.finding_info.analytic.uid === 'aws-console-login-from-tor');
    expect(tor?.enrichments).toContainEqual(
      expect.objectContaining({ provider: 'set:tor_exit', value: '185.220.101.1' }),
    );

    const fromBad = findings.filter((f) => f.evidences.some((e) => e.src_endpoint?.ip === '45.155.205.10'));
    expect(fromBad.length).toBeGreaterThan(0);
    for (const f of fromBad) {
      expect(f.enrichments).toContainEqual(
        expect.objectContaining({
          provider: 'abuseipdb',
          data: expect.objectContaining({ verdict: 'malicious' }),
        }),
      );
      expect(f.unmapped?.intel_raised_from_severity_id).toBe(f.severity_id - 1);
    }
    const summary = stdout.text();
    expect(summary).toMatch(/providers on: abuseipdb \(\d+ calls, 0 unavailable\) · otx/);
    expect(summary).toContain('virustotal (no API key)');
    expect(summary).toMatch(/offline sets: tor_exit 12/);
    expect(summary + stderr.text()).not.toContain(server.keys.abuseipdb);
  });

  it('is off by default: no enrichments, no provider calls', async () => {
    const before = server.requests('abuseipdb');
    const dir = mkdtempSync(path.join(tmpdir(), 'vigil-enrich-'));
    const input = path.join(dir, 'trail.json');
    const out = path.join(dir, 'findings.ndjson');
    writeFileSync(
      input,
      JSON.stringify({ Records: [signIn('0b8e3a3e-0000-4000-8000-000000000003', '45.155.205.10', 'erin')] }),
    );
    const options = parseCliArgs(['--no-models', '--quiet', '--out', out, input]);
    await runDetect(
      options,
      await loadDetection(options),
      { stdin: process.stdin, stdout: sink().stream, stderr: sink().stream },
      Date.now,
      {
        VIGIL_ABUSEIPDB_API_KEY: server.keys.abuseipdb,
        VIGIL_ABUSEIPDB_URL: server.baseUrls.abuseipdb,
      },
    );
    const findings = readFileSync(out, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as DetectionFinding);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect(f.enrichments).toBeUndefined();
    expect(server.requests('abuseipdb')).toBe(before);
  });
});
