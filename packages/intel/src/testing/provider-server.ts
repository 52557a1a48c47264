import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { PROVIDER_NAMES } from '../providers/registry.ts';

type ProviderName = (typeof PROVIDER_NAMES)[number];

/** How the fake provider answers: as documented, or with one of its documented failures. */
export type Behaviour =
  | { mode: 'normal' }
  | { mode: 'unauthorized' }
  | { mode: 'rate-limited'; retryAfterSeconds?: number; times?: number }
  | { mode: 'server-error'; status?: number; times?: number }
  | { mode: 'hang' }
  | { mode: 'slow'; delayMs: number };

export interface ProviderServer {
  /** Base URLs to give each client (`createProviders(..., { baseUrls })`). */
  baseUrls: Record<ProviderName, string>;
  keys: {
    virustotal: string;
    abuseipdb: string;
    otx: string;
    shodan: string;
    xforce: string;
    xforcePassword: string;
  };
  behave(provider: ProviderName, behaviour: Behaviour): void;
  /** Indicators the fake knows as malicious; anything in `unknown` gets a 404; the rest is harmless. */
  malicious: Set<string>;
  unknown: Set<string>;
  requests(provider: ProviderName): number;
  /** The paths asked of a provider, in order (without query keys). */
  paths(provider: ProviderName): string[];
  stop(): Promise<void>;
}

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures');

function fixture(provider: ProviderName, name: string, indicator: string): string {
  return readFileSync(path.join(FIXTURES, provider, `${name}.json`), 'utf8').replaceAll(
    '{{indicator}}',
    indicator,
  );
}

interface Route {
  provider: ProviderName;
  indicator: string;
  authorized: boolean;
}

/** Routes a request the way each provider's API does, and checks its kind of credential. */
function route(req: IncomingMessage, keys: ProviderServer['keys']): Route | undefined {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const p = url.pathname;
  let m = /^\/virustotal\/api\/v3\/(ip_addresses|domains|urls|files)\/([^/]+)$/.exec(p);
  if (m) {
    const id = decodeURIComponent(m[2] as string);
    const indicator = m[1] === 'urls' ? Buffer.from(id, 'base64url').toString() : id;
    return { provider: 'virustotal', indicator, authorized: req.headers['x-apikey'] === keys.virustotal };
  }
  if (p === '/abuseipdb/api/v2/check') {
    const ip = url.searchParams.get('ipAddress') ?? '';
    const ok = req.headers.key === keys.abuseipdb && url.searchParams.has('maxAgeInDays');
    return { provider: 'abuseipdb', indicator: ip, authorized: ok };
  }
  m = /^\/otx\/api\/v1\/indicators\/(IPv4|IPv6|domain|hostname|file|url)\/([^/]+)\/general$/.exec(p);
  if (m)
    return {
      provider: 'otx',
      indicator: decodeURIComponent(m[2] as string),
      authorized: req.headers['x-otx-api-key'] === keys.otx,
    };
  m = /^\/shodan\/shodan\/host\/([^/]+)$/.exec(p);
  if (m)
    return {
      provider: 'shodan',
      indicator: decodeURIComponent(m[1] as string),
      authorized: url.searchParams.get('key') === keys.shodan,
    };
  m = /^\/xforce\/api\/ipr\/([^/]+)$/.exec(p);
  if (m) {
    const basic = `Basic ${Buffer.from(`${keys.xforce}:${keys.xforcePassword}`).toString('base64')}`;
    return {
      provider: 'xforce',
      indicator: decodeURIComponent(m[1] as string),
      authorized: req.headers.authorization === basic,
    };
  }
  return undefined;
}

/** A real HTTP server on 127.0.0.1 speaking the five providers' APIs, for tests and benches. */
export async function startProviderServer(): Promise<ProviderServer> {
  const keys = {
    virustotal: 'vt-test-key',
    abuseipdb: 'abuse-test-key',
    otx: 'otx-test-key',
    shodan: 'shodan-test-key',
    xforce: 'xforce-test-key',
    xforcePassword: 'xforce-test-password',
  };
  const behaviours = new Map<ProviderName, Behaviour & { served?: number }>();
  const seen = new Map<ProviderName, string[]>(PROVIDER_NAMES.map((n) => [n, []]));
  const malicious = new Set<string>();
  const unknown = new Set<string>();

  const send = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body);
  };

  const answer = (r: Route, res: ServerResponse) => {
    if (!r.authorized) return send(res, 401, fixture(r.provider, 'error-401', r.indicator));
    if (unknown.has(r.indicator)) return send(res, 404, fixture(r.provider, 'error-404', r.indicator));
    send(
      res,
      200,
      fixture(r.provider, malicious.has(r.indicator) ? 'ip-malicious' : 'ip-harmless', r.indicator),
    );
  };

  const server = createServer((req, res) => {
    const r = route(req, keys);
    if (!r) return send(res, 404, JSON.stringify({ error: 'no such route' }));
    seen.get(r.provider)?.push(new URL(req.url ?? '/', 'http://x').pathname);
    const b = behaviours.get(r.provider) ?? { mode: 'normal' };
    const once = (times: number | undefined) => {
      b.served = (b.served ?? 0) + 1;
      return times === undefined || b.served <= times;
    };
    switch (b.mode) {
      case 'normal':
        return answer(r, res);
      case 'unauthorized':
        return send(res, 401, fixture(r.provider, 'error-401', r.indicator));
      case 'rate-limited':
        if (!once(b.times)) return answer(r, res);
        return send(
          res,
          429,
          fixture(r.provider, 'error-429', r.indicator),
          b.retryAfterSeconds === undefined ? {} : { 'retry-after': String(b.retryAfterSeconds) },
        );
      case 'server-error':
        if (!once(b.times)) return answer(r, res);
        return send(res, b.status ?? 503, '<html><body>Service Unavailable</body></html>', {
          'content-type': 'text/html',
        });
      case 'hang':
        return;
      case 'slow':
        setTimeout(() => answer(r, res), b.delayMs).unref();
        return;
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrls: {
      virustotal: `${base}/virustotal/api/v3`,
      abuseipdb: `${base}/abuseipdb/api/v2`,
      otx: `${base}/otx/api/v1`,
      shodan: `${base}/shodan`,
      xforce: `${base}/xforce/api`,
    },
    keys,
    malicious,
    unknown,
    behave(provider, behaviour) {
      behaviours.set(provider, { ...behaviour });
    },
    requests: (provider) => seen.get(provider)?.length ?? 0,
    paths: (provider) => [...(seen.get(provider) ?? [])],
    stop() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
