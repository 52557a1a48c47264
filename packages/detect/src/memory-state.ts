import type { StateStore } from './types.ts';

interface Entry {
  value: unknown;
  expiresAt: number;
}

/**
 * In-memory state for the CLI. Entries carry an expiry in event time; `sweep(now)` drops the
 * expired ones so memory follows the live state, not the length of the input.
 */
export class MemoryStateStore implements StateStore {
  private readonly entries = new Map<string, Entry>();

  get<T>(key: string): T | undefined {
    return this.entries.get(key)?.value as T | undefined;
  }

  set<T>(key: string, value: T, expiresAt = Number.POSITIVE_INFINITY): void {
    this.entries.set(key, { value, expiresAt });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  sweep(now: number): void {
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
