import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FetchLike, HttpDeps } from '../http.ts';
import { fakeTime } from '../testing/fake-time.ts';
import { type ProviderServer, startProviderServer } from '../testing/provider-server.ts';
import type { Indicator, Provider } from '../types.ts';
import { createProviders, PROVIDER_NAMES } from './registry.ts';

let server: ProviderServer;
beforeAll(async () => {
  server = await startProviderServer();
});
afterAll(() => server.stop());

const BAD = '185.220.101.1';
const GOOD = '8.8.8.8';
const NEW = '93.184.216.34';
const ip = (value: string): Indicator => ({ type: 'ipv4', value });

function setup(
  keys: Partial<ProviderServer['keys']> = {},
  policy = { timeoutMs: 2_000, retries: 2, backoffMs: 10, maxRetryAfterMs: 5_000 },
) {
  const time = fakeTime();
  const http: HttpDeps = { fetch: globalThis.fetch as FetchLike, clock: time.clock, sleep: time.sleep };
  const { providers } = createProviders({ ...server.keys, ...keys }, http, {
    baseUrls: server.baseUrls,
    policy,
  });
  const byName = Object.fromEntries(providers.map((p) => [p.name, p])) as Record<string, Provider>;
  return { byName, time };
}

const signal = () => new AbortController().signal;

beforeEach(() => {
  server.malicious.clear();
  server.unknown.clear();
  server.malicious.add(BAD);
  server.unknown.add(NEW);
  for (const name of PROVIDER_NAMES) server.behave(name, { mode: 'normal' });
});

describe.each(PROVIDER_NAMES)('%s client against its loopback API', (name) => {
  it('200: reads a known-bad address as malicious or suspicious, with a score and a link', async () => {
    const { byName } = setup();
    const out = await byName[name]!.lookup(ip(BAD), signal());
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(['malicious', 'suspicious']).toContain(out.result.verdict);
    expect(out.result.score).toBeGreaterThan(0);
    expect(out.result.link).toMatch(/^https:\/\//);
  });

  it('200: reads a clean address as harmless with score 0', async () => {
    const { byName } = setup();
    const out = await byName[name]!.lookup(ip(GOOD), signal());
    expect(out).toMatchObject({ ok: true, result: { score: 0 } });
    if (out.ok) expect(['harmless', 'unknown']).toContain(out.result.verdict);
  });

  it('404: the provider knows nothing, an answer (unknown) not a failure', async () => {
    const { byName } = setup();
    expect(await byName[name]!.lookup(ip(NEW), signal())).toMatchObject({
      ok: true,
      result: { verdict: 'unknown', score: 0 },
    });
  });

  it('401: a wrong key is an auth failure, and the message never contains the key', async () => {
    const { byName } = setup({ [name]: 'wrong-key' });
    const out = await byName[name]!.lookup(ip(BAD), signal());
    expect(out).toMatchObject({ ok: false, kind: 'auth' });
    if (!out.ok) expect(out.message).not.toContain('wrong-key');
  });

  it('429 with a short Retry-After: waits it out (on the injected clock) and succeeds', async () => {
    server.behave(name, { mode: 'rate-limited', retryAfterSeconds: 2, times: 1 });
    const { byName, time } = setup();
    const before = server.requests(name);
    const out = await byName[name]!.lookup(ip(BAD), signal());
    expect(out.ok).toBe(true);
    expect(time.slept).toEqual([2_000]);
    expect(server.requests(name) - before).toBe(2);
  });

  it('429 with a Retry-After past the limit: gives up at once, rate-limited', async () => {
    server.behave(name, { mode: 'rate-limited', retryAfterSeconds: 3600 });
    const { byName, time } = setup();
    const before = server.requests(name);
    expect(await byName[name]!.lookup(ip(BAD), signal())).toMatchObject({ ok: false, kind: 'rate-limited' });
    expect(time.slept).toEqual([]);
    expect(server.requests(name) - before).toBe(1);
  });

  it('5xx: retries with backoff, then reports the failure', async () => {
    server.behave(name, { mode: 'server-error', status: 503 });
    const { byName, time } = setup();
    const before = server.requests(name);
    const out = await byName[name]!.lookup(ip(BAD), signal());
    expect(out).toMatchObject({ ok: false, kind: 'failed' });
    if (!out.ok) expect(out.message).toContain('503');
    expect(server.requests(name) - before).toBe(3);
    expect(time.slept).toEqual([10, 20]);
  });

  it('5xx once: the retry succeeds', async () => {
    server.behave(name, { mode: 'server-error', status: 502, times: 1 });
    const { byName } = setup();
    expect((await byName[name]!.lookup(ip(BAD), signal())).ok).toBe(true);
  });

  it('slow past the timeout: the attempt is cut off and reported as a timeout', async () => {
    server.behave(name, { mode: 'slow', delayMs: 1_000 });
    const { byName } = setup({}, { timeoutMs: 50, retries: 0, backoffMs: 10, maxRetryAfterMs: 0 });
    const out = await byName[name]!.lookup(ip(BAD), signal());
    expect(out).toMatchObject({ ok: false, kind: 'failed' });
    if (!out.ok) expect(out.message).toMatch(/timed out after 50 ms/);
  });

  it("hanging: the caller's budget signal ends the lookup", async () => {
    server.behave(name, { mode: 'hang' });
    const { byName } = setup({}, { timeoutMs: 60_000, retries: 2, backoffMs: 10, maxRetryAfterMs: 0 });
    const out = await byName[name]!.lookup(ip(BAD), AbortSignal.timeout(50));
    expect(out).toMatchObject({ ok: false, kind: 'failed', message: expect.stringContaining('budget') });
  });
});

describe('request shapes', () => {
  it('asks each API on its documented path', async () => {
    const { byName } = setup();
    for (const name of PROVIDER_NAMES) await byName[name]!.lookup(ip(GOOD), signal());
    expect(server.paths('virustotal').at(-1)).toBe('/virustotal/api/v3/ip_addresses/8.8.8.8');
    expect(server.paths('abuseipdb').at(-1)).toBe('/abuseipdb/api/v2/check');
    expect(server.paths('otx').at(-1)).toBe('/otx/api/v1/indicators/IPv4/8.8.8.8/general');
    expect(server.paths('shodan').at(-1)).toBe('/shodan/shodan/host/8.8.8.8');
    expect(server.paths('xforce').at(-1)).toBe('/xforce/api/ipr/8.8.8.8');
  });

  it('VirusTotal: domains, URLs (unpadded base64url id) and file hashes', async () => {
    const { byName } = setup();
    const vt = byName.virustotal!;
    await vt.lookup({ type: 'domain', value: 'pool.example.net' }, signal());
    await vt.lookup({ type: 'url', value: 'http://pool.example.net/x.sh' }, signal());
    await vt.lookup(
      { type: 'hash', value: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
      signal(),
    );
    expect(server.paths('virustotal').slice(-3)).toEqual([
      '/virustotal/api/v3/domains/pool.example.net',
      `/virustotal/api/v3/urls/${Buffer.from('http://pool.example.net/x.sh').toString('base64url')}`,
      '/virustotal/api/v3/files/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    ]);
  });

  it('OTX: hostnames, domains and files go to their own sections', async () => {
    const { byName } = setup();
    await byName.otx!.lookup({ type: 'domain', value: 'xmr.pool.example' }, signal());
    await byName.otx!.lookup({ type: 'domain', value: 'example.net' }, signal());
    await byName.otx!.lookup({ type: 'hash', value: 'd41d8cd98f00b204e9800998ecf8427e' }, signal());
    expect(server.paths('otx').slice(-3)).toEqual([
      '/otx/api/v1/indicators/hostname/xmr.pool.example/general',
      '/otx/api/v1/indicators/domain/example.net/general',
      '/otx/api/v1/indicators/file/d41d8cd98f00b204e9800998ecf8427e/general',
    ]);
  });
});

describe('createProviders', () => {
  it('leaves a provider without a key off and says why', () => {
    const time = fakeTime();
    const { providers, off } = createProviders(
      { abuseipdb: 'k', xforce: 'k' },
      { fetch: globalThis.fetch as FetchLike, clock: time.clock, sleep: time.sleep },
    );
    expect(providers.map((p) => p.name)).toEqual(['abuseipdb']);
    expect(off).toContainEqual({ name: 'xforce', reason: 'no API password' });
    expect(off).toContainEqual({ name: 'virustotal', reason: 'no API key' });
  });

  it('refuses a plain-http base URL that is not loopback, so keys never travel in clear', () => {
    const time = fakeTime();
    expect(() =>
      createProviders(
        { otx: 'k' },
        { fetch: globalThis.fetch as FetchLike, clock: time.clock, sleep: time.sleep },
        { baseUrls: { otx: 'http://otx.example.com/api/v1' } },
      ),
    ).toThrow(/must be https/);
  });
});
