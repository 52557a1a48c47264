/**
 * The one HTTP layer every provider client shares: per-request timeouts, bounded retries with
 * backoff on 5xx and network errors, `Retry-After` honoured on 429 when it fits the caller's
 * budget, and every outcome a value (providers never throw at the enricher).
 */

/** The slice of `fetch` the clients use, so tests and Lambdas can pass their own. */
export type FetchLike = (
  url: string,
  init: { method: 'GET'; headers: Record<string, string>; signal: AbortSignal },
) => Promise<{ status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>;

export interface HttpDeps {
  fetch: FetchLike;
  /** Epoch milliseconds. */
  clock: () => number;
  /** Resolves after `ms`, or rejects when `signal` aborts. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface HttpPolicy {
  /** Each attempt is cut off after this long. */
  timeoutMs: number;
  /** Attempts after the first, for 5xx, network errors and 429s with a short enough Retry-After. */
  retries: number;
  /** First backoff for 5xx and network errors; doubled each retry. */
  backoffMs: number;
  /** A 429 whose Retry-After asks for longer than this is returned, not waited out. */
  maxRetryAfterMs: number;
}

export const DEFAULT_HTTP_POLICY: HttpPolicy = {
  timeoutMs: 5_000,
  retries: 2,
  backoffMs: 250,
  maxRetryAfterMs: 10_000,
};

export type HttpOutcome =
  | { kind: 'ok'; status: number; body: unknown }
  | { kind: 'not-found'; status: number; body: unknown }
  | { kind: 'auth'; status: number; message: string }
  | { kind: 'rate-limited'; status: number; retryAfterMs?: number; message: string }
  | { kind: 'failed'; status?: number; message: string };

/** Retry-After is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function parseBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A short, key-free description of an error body, whatever shape the provider used. */
export function errorMessage(body: unknown, status: number): string {
  if (typeof body === 'string') return `HTTP ${status}: ${body.slice(0, 200)}`;
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    const vt = b.error as { code?: unknown; message?: unknown } | string | undefined;
    if (typeof vt === 'string') return `HTTP ${status}: ${vt}`;
    if (vt && typeof vt === 'object')
      return `HTTP ${status}: ${String(vt.code ?? '')} ${String(vt.message ?? '')}`.trim();
    const abuse = Array.isArray(b.errors) ? (b.errors[0] as { detail?: unknown } | undefined) : undefined;
    if (abuse?.detail) return `HTTP ${status}: ${String(abuse.detail)}`;
    if (typeof b.detail === 'string') return `HTTP ${status}: ${b.detail}`;
  }
  return `HTTP ${status}`;
}

/** GETs `url` and classifies the answer; `signal` is the caller's overall budget. */
export async function getJson(
  url: string,
  headers: Record<string, string>,
  deps: HttpDeps,
  policy: HttpPolicy,
  signal: AbortSignal,
): Promise<HttpOutcome> {
  let last: HttpOutcome = { kind: 'failed', message: 'not attempted' };
  for (let attempt = 0; attempt <= policy.retries; attempt++) {
    if (signal.aborted) return { kind: 'failed', message: 'enrichment budget exhausted' };
    last = await attemptOnce(url, headers, deps, policy, signal);
    let wait: number | undefined;
    if (last.kind === 'rate-limited') {
      if (last.retryAfterMs === undefined || last.retryAfterMs > policy.maxRetryAfterMs) return last;
      wait = last.retryAfterMs;
    } else if (last.kind === 'failed') {
      wait = policy.backoffMs * 2 ** attempt;
    } else {
      return last;
    }
    if (attempt === policy.retries) break;
    try {
      await deps.sleep(wait, signal);
    } catch {
      return { kind: 'failed', message: 'enrichment budget exhausted' };
    }
  }
  return last;
}

/** One GET of `getJson`, with its arguments, under the per-attempt timeout. */
async function attemptOnce(
  ...[url, headers, deps, policy, signal]: Parameters<typeof getJson>
): Promise<HttpOutcome> {
  const attempt = AbortSignal.any([signal, AbortSignal.timeout(policy.timeoutMs)]);
  let status: number;
  let body: unknown;
  let retryAfter: string | null;
  try {
    const res = await deps.fetch(url, {
      method: 'GET',
      headers: { accept: 'application/json', ...headers },
      signal: attempt,
    });
    status = res.status;
    retryAfter = res.headers.get('retry-after');
    body = parseBody(await res.text());
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError')
      return {
        kind: 'failed',
        message: signal.aborted ? 'enrichment budget exhausted' : `timed out after ${policy.timeoutMs} ms`,
      };
    return { kind: 'failed', message: `network error: ${(error as Error).message}` };
  }
  if (status >= 200 && status < 300) return { kind: 'ok', status, body };
  if (status === 404) return { kind: 'not-found', status, body };
  if (status === 401 || status === 403) return { kind: 'auth', status, message: errorMessage(body, status) };
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(retryAfter, deps.clock());
    return {
      kind: 'rate-limited',
      status,
      message: errorMessage(body, status),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    };
  }
  return { kind: 'failed', status, message: errorMessage(body, status) };
}

/** A sleep for production: a real timer that stops early when the signal aborts. */
export function realSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
