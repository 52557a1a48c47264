import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { InputError } from './errors.ts';

/**
 * Line-delimited JSON to a file or stdout. Writes are synchronous calls; callers `await
 * drained()` between input chunks so a slow disk applies backpressure instead of memory growth.
 */
export class NdjsonWriter {
  /** Set when a write filled the stream's buffer; resolves on the next 'drain', however late we look. */
  private drain: Promise<unknown> | undefined;
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
    if (!this.stream.write(`${JSON.stringify(value)}\n`) && !this.drain)
      this.drain = once(this.stream, 'drain');
  }

  async drained(): Promise<void> {
    const drain = this.drain;
    if (!drain) return;
    await drain;
    this.drain = undefined;
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
