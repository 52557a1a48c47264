import { IntelConfigError } from '../errors.ts';
import { DEFAULT_HTTP_POLICY, type HttpDeps, type HttpOutcome, type HttpPolicy } from '../http.ts';
import type { LookupResult, ProviderOutcome } from '../types.ts';

/** What every provider factory takes: where the API is, how to reach it, and the key. */
export interface ClientOptions {
  apiKey: string;
  /** Override for tests and proxies; defaults to the provider's public endpoint. */
  baseUrl?: string;
  http: HttpDeps;
  policy?: Partial<HttpPolicy>;
}

export function resolveClient(provider: string, opts: ClientOptions, defaultBase: string) {
  if (typeof opts.apiKey !== 'string' || opts.apiKey.trim() === '')
    throw new IntelConfigError(`${provider}: an API key is required (a provider without one is left off)`);
  const base = (opts.baseUrl ?? defaultBase).replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new IntelConfigError(`${provider}: base URL "${base}" is not a URL`);
  }
  if (url.protocol !== 'https:' && url.hostname !== '127.0.0.1' && url.hostname !== 'localhost')
    throw new IntelConfigError(`${provider}: base URL must be https (got ${url.protocol}//${url.hostname})`);
  return { base, policy: { ...DEFAULT_HTTP_POLICY, ...opts.policy } };
}

/** Maps a classified HTTP answer to a provider outcome; 404 is an answer: the provider knows nothing. */
export function toOutcome(
  provider: string,
  outcome: HttpOutcome,
  parse: (body: unknown) => LookupResult,
): ProviderOutcome {
  switch (outcome.kind) {
    case 'ok':
      try {
        return { ok: true, result: parse(outcome.body) };
      } catch (error) {
        return {
          ok: false,
          kind: 'failed',
          message: `${provider}: unexpected response: ${(error as Error).message}`,
        };
      }
    case 'not-found':
      return { ok: true, result: { verdict: 'unknown', score: 0, reason: `${provider} has no record` } };
    case 'rate-limited':
      return {
        ok: false,
        kind: 'rate-limited',
        message: `${provider}: ${outcome.message}`,
        ...(outcome.retryAfterMs !== undefined ? { retryAfterMs: outcome.retryAfterMs } : {}),
      };
    default:
      return { ok: false, kind: outcome.kind, message: `${provider}: ${outcome.message}` };
  }
}

export function record(v: unknown, what: string): Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error(`${what} is not an object`);
  return v as Record<string, unknown>;
}

export function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

export function clampScore(n: number): number {
  return Math.max(0, Math.min(100, Math.round(n)));
}
