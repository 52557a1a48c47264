import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkProfile, type Profile } from '@vigil/features';
import { ProfileStoreError } from './errors.ts';
import { DEFAULT_FORGET_MS, type ProfileStore } from './types.ts';

const FILE = 'profiles.ndjson';

/**
 * Profiles in a folder the user chooses (the CLI's `--state-dir`): one NDJSON file, read once
 * and rewritten whole by `save` through a temporary file and a rename, so a run that stops
 * half-way leaves the previous state intact. Profiles not updated within the forget window
 * (event time, counted from the newest profile) are dropped when it is written.
 */
export class LocalProfileStore implements ProfileStore {
  #profiles: Map<string, Profile> | undefined;

  constructor(
    readonly dir: string,
    private readonly forgetMs = DEFAULT_FORGET_MS,
  ) {}

  get file(): string {
    return join(this.dir, FILE);
  }

  async #all(): Promise<Map<string, Profile>> {
    if (this.#profiles) return this.#profiles;
    const profiles = new Map<string, Profile>();
    let text = '';
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT')
        throw new ProfileStoreError(`cannot read ${this.file}: ${code}`, { cause: error });
    }
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        throw new ProfileStoreError(`${this.file}:${i + 1}: not JSON (${(error as Error).message})`, {
          cause: error,
        });
      }
      let profile: Profile;
      try {
        profile = checkProfile(value, `${this.file}:${i + 1}`);
      } catch (error) {
        throw new ProfileStoreError((error as Error).message, { cause: error });
      }
      profiles.set(profile.key, profile);
    }
    this.#profiles = profiles;
    return profiles;
  }

  /** Every stored profile: the CLI loads them all before the first event. */
  async loadAll(): Promise<Profile[]> {
    return [...(await this.#all()).values()];
  }

  async load(keys: readonly string[]): Promise<Profile[]> {
    const all = await this.#all();
    const out: Profile[] = [];
    for (const key of keys) {
      const p = all.get(key);
      if (p) out.push(p);
    }
    return out;
  }

  async save(profiles: readonly Profile[]): Promise<void> {
    const all = await this.#all();
    for (const p of profiles) all.set(p.key, p);
    let newest = 0;
    for (const p of all.values()) if (p.last > newest) newest = p.last;
    for (const [key, p] of all) if (p.last < newest - this.forgetMs) all.delete(key);
    const keys = [...all.keys()].sort();
    const text = keys.map((k) => JSON.stringify(all.get(k))).join('\n');
    await mkdir(this.dir, { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    try {
      await writeFile(temp, keys.length > 0 ? `${text}\n` : '', 'utf8');
      await rename(temp, this.file);
    } catch (error) {
      throw new ProfileStoreError(
        `cannot write ${this.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
        { cause: error },
      );
    }
  }
}
