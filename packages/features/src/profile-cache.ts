import { newProfile, type Profile } from './profile.ts';

/**
 * The profiles a run works on, in memory and synchronous: the extractor reads and updates
 * them on the hot path, and the caller loads them from a store before a batch and saves the
 * changed ones after it.
 */
export class ProfileCache {
  readonly #profiles = new Map<string, Profile>();
  readonly #dirty = new Set<string>();

  /** Adds loaded profiles; ones already held (updated during this run) are kept. */
  add(profiles: Iterable<Profile>): void {
    for (const p of profiles) if (!this.#profiles.has(p.key)) this.#profiles.set(p.key, p);
  }

  has(key: string): boolean {
    return this.#profiles.has(key);
  }

  get(key: string): Profile | undefined {
    return this.#profiles.get(key);
  }

  /** The profile, created at `time` when unknown, marked as changed. */
  touch(key: string, time: number): Profile {
    let p = this.#profiles.get(key);
    if (!p) {
      p = newProfile(key, time);
      this.#profiles.set(key, p);
    }
    if (time > p.last) p.last = time;
    this.#dirty.add(key);
    return p;
  }

  /** Profiles changed since the last call, for the store to write. */
  takeChanged(): Profile[] {
    const out: Profile[] = [];
    for (const key of this.#dirty) out.push(this.#profiles.get(key)!);
    this.#dirty.clear();
    return out;
  }

  /** Drops profiles not changed since `before` (event time) to bound a long run's memory. */
  evictIdle(before: number): number {
    let n = 0;
    for (const [key, p] of this.#profiles)
      if (p.last < before && !this.#dirty.has(key)) {
        this.#profiles.delete(key);
        n++;
      }
    return n;
  }

  get size(): number {
    return this.#profiles.size;
  }

  values(): IterableIterator<Profile> {
    return this.#profiles.values();
  }
}
