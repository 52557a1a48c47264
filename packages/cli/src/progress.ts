/** Shows progress on stderr once a run has taken longer than `delayMs`, at most every `everyMs`. */
export class Progress {
  private readonly startedAt: number;
  private lastAt = Number.NEGATIVE_INFINITY;
  private shown = false;

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly clock: () => number,
    private readonly delayMs = 1500,
    private readonly everyMs = 1000,
  ) {
    this.startedAt = clock();
  }

  update(render: () => string): void {
    const now = this.clock();
    if (
      now - this.startedAt < this.delayMs ||
      now - this.lastAt < (this.out.isTTY ? this.everyMs : 10 * this.everyMs)
    )
      return;
    this.lastAt = now;
    this.shown = true;
    const line = render();
    if (this.out.isTTY) this.out.write(`\r\x1b[2K${line.slice(0, (this.out.columns ?? 120) - 1)}`);
    else this.out.write(`${line}\n`);
  }

  done(): void {
    if (this.shown && this.out.isTTY) this.out.write('\r\x1b[2K');
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}
