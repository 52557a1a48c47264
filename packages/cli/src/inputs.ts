import { type Dirent, promises as fs } from 'node:fs';
import path from 'node:path';
import { InputError } from './errors.ts';

export interface InputFile {
  /** As the user gave it, or as found under a given directory; `-` is stdin. */
  path: string;
  /** Bytes on disk (compressed size for gzip files); undefined for stdin. */
  size?: number;
}

/** Documentation and code files that live next to sample logs and are not logs themselves. */
const NOT_LOGS = new Set([
  '.md',
  '.markdown',
  '.rst',
  '.ts',
  '.js',
  '.mjs',
  '.cjs',
  '.py',
  '.sh',
  '.yaml',
  '.yml',
  '.toml',
]);

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a path component is not a directory',
  ELOOP: 'too many symbolic links',
};

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return (code && REASONS[code]) ?? (error as Error).message;
}

/**
 * Expands the user's paths into the files to read, checking every one is readable before any
 * work starts: a typo fails fast with the path and the reason instead of after an hour of input.
 */
export async function resolveInputs(paths: readonly string[]): Promise<InputFile[]> {
  const files: InputFile[] = [];
  for (const p of paths) {
    if (p === '-') {
      files.push({ path: '-' });
      continue;
    }
    let stat: Awaited<ReturnType<typeof fs.stat>>;
    try {
      stat = await fs.stat(p);
    } catch (error) {
      throw new InputError(p, reasonOf(error), { cause: error });
    }
    if (stat.isDirectory()) files.push(...(await walk(p)));
    else if (stat.isFile()) files.push({ path: p, size: stat.size });
    else throw new InputError(p, 'not a regular file or directory');
  }
  for (const f of files) {
    if (f.path === '-') continue;
    try {
      await fs.access(f.path, fs.constants.R_OK);
    } catch (error) {
      throw new InputError(f.path, reasonOf(error), { cause: error });
    }
  }
  return files;
}

async function walk(dir: string): Promise<InputFile[]> {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw new InputError(dir, reasonOf(error), { cause: error });
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: InputFile[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    const stat = entry.isSymbolicLink() ? await fs.stat(full).catch(() => undefined) : undefined;
    if (entry.isDirectory() || stat?.isDirectory()) files.push(...(await walk(full)));
    else if ((entry.isFile() || stat?.isFile()) && !NOT_LOGS.has(path.extname(entry.name).toLowerCase())) {
      files.push({ path: full, size: stat?.size ?? (await fs.stat(full)).size });
    }
  }
  return files;
}
