import { AsyncLocalStorage } from 'node:async_hooks';
import type { StoredEvent, SubscribeOptions, Subscription } from '../event-store.port.js';
import { reportSubscriptionError } from '../subscription-errors.js';

/** Events read per query when a subscription catches up. */
const PAGE_SIZE = 500;

/** What a subscription needs from the store. */
export interface SubscriptionSource {
  readPage(after: number, limit: number): StoredEvent[];
  pollIntervalMs: number;
  detach(subscription: SqliteSubscription): void;
}

/** The subscription whose handler is running, to let a handler close its own subscription. */
const runningHandler = new AsyncLocalStorage<SqliteSubscription>();

/**
 * A catch-up subscription: reads the log from its checkpoint page by page, and when it has
 * reached the end, sleeps until the store wakes it (after an append) or the poll interval ends.
 * Everything is read from the table by position, so no event is delivered twice or skipped,
 * whatever the appends do meanwhile.
 */
export class SqliteSubscription implements Subscription {
  private stopped = false;
  private wakeUp: (() => void) | null = null;
  private readonly done: Promise<void>;

  constructor(
    private readonly source: SubscriptionSource,
    private readonly options: SubscribeOptions,
  ) {
    this.done = this.run();
  }

  /** New events may be there. */
  wake(): void {
    const wakeUp = this.wakeUp;
    this.wakeUp = null;
    wakeUp?.();
  }

  async close(): Promise<void> {
    this.stopped = true;
    this.wake();
    // A handler closing its own subscription cannot wait for itself to finish.
    if (runningHandler.getStore() === this) return;
    await this.done;
  }

  private async run(): Promise<void> {
    await Promise.resolve(); // never call the handler from within subscribe()
    let checkpoint = this.options.fromPosition ?? 0;
    try {
      while (!this.stopped) {
        const page = this.source.readPage(checkpoint, PAGE_SIZE);
        if (page.length === 0) {
          await this.sleep();
          continue;
        }
        for (const event of page) {
          if (this.stopped) break;
          await runningHandler.run(this, () => this.options.handler(event));
          checkpoint = event.position;
        }
        // Let timers and I/O run between pages: a long catch-up must not starve the process.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      this.stopped = true;
      reportSubscriptionError(this.options.onError, error);
    } finally {
      this.source.detach(this);
    }
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.wake(), this.source.pollIntervalMs);
      timer.unref();
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
