import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Writes `<dir>/<name>.txt` through a temporary file and a rename, so a reader never sees half a set. */
export function setFileWriter(dir: string): (name: string, text: string) => Promise<void> {
  return async (name, text) => {
    if (!/^[a-z][a-z0-9_]*$/.test(name))
      throw new Error(`refusing to write set with name ${JSON.stringify(name)}`);
    await fs.mkdir(dir, { recursive: true });
    const file = path.join(dir, `${name}.txt`);
    const tmp = `${file}.${process.pid}.tmp`;
    await fs.writeFile(tmp, text, 'utf8');
    await fs.rename(tmp, file);
  };
}
