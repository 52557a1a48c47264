import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { InputError } from './errors.ts';

/**
 * Line-delimited JSON to a file or stdout. Writes are synchronous calls; callers `await
 * drained()` between input chunks so a slow disk applies backpressure instead of memory growth.
 */
export class NdjsonWriter {
  private blocked = false;
  count = 0;

  private constructor(
    private readonly stream: Writable,
    readonly target: string,
  ) {}

  static async open(target: string): Promise<NdjsonWriter> {
    if (target === '-') return new NdjsonWriter(process.stdout, 'stdout');
    const stream = createWriteStream(target);
    try {
      await once(stream, 'open');
    } catch (error) {
      throw new InputError(
        target,
        `cannot write: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    return new NdjsonWriter(stream, target);
  }

  write(value: unknown): void {
    this.count++;
    if (!this.stream.write(`${JSON.stringify(value)}\n`)) this.blocked = true;
  }

  async drained(): Promise<void> {
    if (!this.blocked) return;
    this.blocked = false;
    await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    if (this.stream === process.stdout) {
      await this.drained();
      return;
    }
    this.stream.end();
    await once(this.stream, 'finish');
  }
}
