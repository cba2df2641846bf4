/** Progress of a long run (the rebuild): a bar on a terminal, plain lines otherwise. */

export interface ProgressSample {
  done: number;
  total: number;
  elapsedMs: number;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '?';
  const s = Math.max(0, Math.round(ms / 1000));
  if (ms < 10_000) return `${(Math.max(0, ms) / 1000).toFixed(1)}s`;
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

export function formatRate(done: number, elapsedMs: number): string {
  if (elapsedMs <= 0) return '? events/s';
  const rate = (done * 1000) / elapsedMs;
  return `${rate >= 100 ? Math.round(rate) : rate.toFixed(1)} events/s`;
}

/** `[#########-----------]  4500/10000  45.0%  1500 events/s  ETA 4s` */
export function renderProgress({ done, total, elapsedMs }: ProgressSample, barWidth = 30): string {
  const fraction = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(fraction * barWidth);
  const rate = elapsedMs > 0 ? done / elapsedMs : 0;
  const eta = done >= total ? 0 : rate > 0 ? (total - done) / rate : Number.POSITIVE_INFINITY;
  return (
    `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}] ` +
    `${String(done).padStart(String(total).length)}/${total}  ${(fraction * 100).toFixed(1).padStart(5)}%  ` +
    `${formatRate(done, elapsedMs)}  ETA ${formatDuration(eta)}`
  );
}

export interface ProgressOutput {
  isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * Shows progress on `output` (stderr): redrawn in place on a terminal; otherwise one plain line
 * at most every `lineEveryMs`, so that logs stay short.
 */
export class ProgressReporter {
  private lastLineAt = 0;
  private drawn = false;

  constructor(
    private readonly output: ProgressOutput,
    private total: number,
    private readonly now: () => number = Date.now,
    private readonly lineEveryMs = 10_000,
    private readonly startedAt = now(),
    /** What is progressing, e.g. `validating` (before the bar). */
    private readonly label = '',
  ) {}

  /** `total`: a better estimate of the total, when the source has one. */
  update(done: number, total = this.total): void {
    this.total = Math.max(total, done);
    const elapsedMs = this.now() - this.startedAt;
    const text = `${this.label ? `${this.label} ` : ''}${renderProgress({ done, total: this.total, elapsedMs })}`;
    if (this.output.isTTY) {
      this.output.write(`\r${text}\x1b[K`);
      this.drawn = true;
    } else if (elapsedMs - this.lastLineAt >= this.lineEveryMs) {
      this.lastLineAt = elapsedMs;
      this.output.write(`progress: ${text}\n`);
    }
  }

  /** Ends the bar (a terminal's line is completed at 100 %); returns the time taken. */
  finish(done = this.total): number {
    const elapsedMs = this.now() - this.startedAt;
    if (this.drawn) this.output.write(`\r${this.label ? `${this.label} ` : ''}${renderProgress({ done, total: done, elapsedMs })}\x1b[K\n`);
    return elapsedMs;
  }
}
