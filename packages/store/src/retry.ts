/** Attempts of a batched write whose service returns per-entry failures (BatchWriteItem, PutEvents, SendMessageBatch). */
export const MAX_ATTEMPTS = 5;

/** Exponential backoff with full jitter: 25, 50, 100… ms caps, as AWS recommends for throttled retries. */
export function backoff(attempt: number, random: () => number = Math.random): Promise<void> {
  const cap = 25 * 2 ** attempt;
  return new Promise((resolve) => setTimeout(resolve, Math.floor(random() * cap)));
}

/** Splits a list into chunks of at most `size` (the service's batch limit). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
