/**
 * A sliding one-minute window of writes per actor. `take` answers how long to wait (seconds)
 * when the actor is over its limit, or 0 when the write may go on.
 */
export class WriteRateLimiter {
  private readonly windows = new Map<string, number[]>();

  constructor(
    /** Writes per actor per minute; 0 means no limit. */
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(actor: string): number {
    if (this.perMinute === 0) return 0;
    const now = this.now();
    const window = (this.windows.get(actor) ?? []).filter((t) => t > now - 60_000);
    if (window.length >= this.perMinute) {
      this.windows.set(actor, window);
      return Math.max(1, Math.ceil((window[0] + 60_000 - now) / 1000));
    }
    window.push(now);
    this.windows.set(actor, window);
    return 0;
  }
}
