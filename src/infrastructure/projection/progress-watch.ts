import type { ReadModelProgress } from '../read-models/read-model.port.js';

/**
 * What this instance knows of the read models' progress, and the reads and writes waiting for a
 * position (read-your-writes, `minPosition`).
 *
 * It follows the stored checkpoint: as this instance's runner commits, and as polled from the
 * store (another instance's runner, or none here with PROJECTION=off). Within one epoch the
 * checkpoint only rises; a new epoch (the read models were reset for a rebuild) replaces it, so
 * that a position reached before the reset is not taken as reached again until the rebuild
 * gets there. While the projection is halted (the read models do not match the log), every wait
 * answers false at once.
 */
export class ProgressWatch {
  private checkpoint: number | null = null;
  private epoch: number | null = null;
  private halted = false;
  private waiters: { position: number; resolve: (reached: boolean) => void }[] = [];

  /** The position the read models are known to include (null: none). */
  get position(): number | null {
    return this.checkpoint;
  }

  get currentEpoch(): number | null {
    return this.epoch;
  }

  /** The store's progress as just read. */
  observe(progress: ReadModelProgress): void {
    if (progress.epoch !== this.epoch) {
      this.epoch = progress.epoch;
      this.checkpoint = progress.checkpoint;
    } else if (progress.checkpoint !== null && (this.checkpoint === null || progress.checkpoint > this.checkpoint)) {
      this.checkpoint = progress.checkpoint;
    }
    this.release();
  }

  /** This instance's runner has the read models at `position` or beyond, in `epoch`. */
  reached(position: number, epoch: number): void {
    if (epoch !== this.epoch) return;
    if (this.checkpoint === null || position > this.checkpoint) this.checkpoint = position;
    this.release();
  }

  /** The read models cannot be trusted: every pending and future wait answers false. */
  halt(): void {
    this.halted = true;
    const waiting = this.waiters;
    this.waiters = [];
    for (const waiter of waiting) waiter.resolve(false);
  }

  resume(): void {
    this.halted = false;
  }

  /** Whether a wait for `position` would answer true at once. */
  includes(position: number): boolean {
    return !this.halted && this.checkpoint !== null && this.checkpoint >= position;
  }

  /** Resolves true once the read models include `position`, false after `timeoutMs` or while halted. */
  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (this.halted) return Promise.resolve(false);
    if (this.checkpoint !== null && this.checkpoint >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs);
      timer.unref();
      const waiter = {
        position,
        resolve: (reached: boolean) => {
          clearTimeout(timer);
          resolve(reached);
        },
      };
      this.waiters.push(waiter);
    });
  }

  private release(): void {
    if (this.checkpoint === null) return;
    const reached = this.checkpoint;
    const ready = this.waiters.filter((w) => w.position <= reached);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => w.position > reached);
    for (const waiter of ready) waiter.resolve(true);
  }
}
