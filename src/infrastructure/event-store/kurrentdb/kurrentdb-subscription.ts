import { AsyncLocalStorage } from 'node:async_hooks';
import type { AllStreamSubscription, ReadPosition } from '@kurrent/kurrentdb-client';
import type { StoredEvent, SubscribeOptions, Subscription } from '../event-store.port.js';
import { reportSubscriptionError } from '../subscription-errors.js';
import { describeError, fromResolvedEvent, isTransientError } from './kurrentdb.mapping.js';

/** What a subscription needs from the store. */
export interface SubscriptionSource {
  startPosition(after: number | null): Promise<ReadPosition>;
  subscribe(from: ReadPosition): AllStreamSubscription;
  /** The store's own streams (the server filters on them already). */
  prefixes: readonly string[];
  detach(subscription: KurrentDbSubscription): void;
  backoffInitialMs: number;
  backoffMaxMs: number;
  logger: Pick<Console, 'warn'>;
}

/** The subscription whose handler is running, to let a handler close its own subscription. */
const runningHandler = new AsyncLocalStorage<KurrentDbSubscription>();

/** The handler threw: delivery stops, the error goes to `onError` as thrown. */
class HandlerFailure {
  constructor(readonly error: unknown) {}
}

/**
 * A catch-up subscription to `$all` (past events, then live ones), of the store's own streams.
 *
 * Events come through the client's async iterator, one at a time: the handler is awaited before
 * the next one is pulled (the client's stream buffers a little and applies back-pressure).
 * The subscription remembers the position of the last event it delivered; when the connection
 * drops (server restart, leader change, network) it re-subscribes from that position after a
 * back-off, and skips anything at or before it, so nothing is skipped nor delivered twice.
 * Other failures (the handler's, an unreadable event, access denied) stop delivery and go to
 * `onError`.
 */
export class KurrentDbSubscription implements Subscription {
  private stopped = false;
  private current: AllStreamSubscription | null = null;
  private wakeUp: (() => void) | null = null;
  /** Resolves on close: a pending lookup of the start position is not waited for. */
  private readonly stopSignal: Promise<null>;
  private signalStop!: () => void;
  private readonly done: Promise<void>;

  constructor(
    private readonly source: SubscriptionSource,
    private readonly options: SubscribeOptions,
  ) {
    this.stopSignal = new Promise((resolve) => (this.signalStop = () => resolve(null)));
    this.done = this.run();
  }

  async close(): Promise<void> {
    this.stopped = true;
    this.signalStop();
    this.interrupt();
    // A handler closing its own subscription cannot wait for itself to finish.
    if (runningHandler.getStore() === this) return;
    await this.done;
  }

  private async run(): Promise<void> {
    await Promise.resolve(); // never call the handler from within subscribe()
    let last = this.options.fromPosition; // deliver only events after this position
    let failures = 0;
    try {
      while (!this.stopped) {
        let subscription: AllStreamSubscription | null = null;
        try {
          const lookup = this.source.startPosition(last);
          lookup.catch(() => undefined); // may settle after close
          const from = await Promise.race([lookup, this.stopSignal]);
          if (this.stopped || from === null) break;
          subscription = this.source.subscribe(from);
          this.current = subscription;
          for await (const resolved of subscription) {
            if (this.stopped) break;
            const event = fromResolvedEvent(resolved, this.source.prefixes);
            if (!event || (last !== null && event.position <= last)) continue;
            await this.deliver(event);
            last = event.position;
            failures = 0;
          }
          if (this.stopped) break;
          throw new DroppedByServer();
        } catch (error) {
          if (this.stopped) break;
          if (error instanceof HandlerFailure) throw error;
          if (!(error instanceof DroppedByServer) && !isTransientError(error)) throw error;
          failures++;
          const delay = Math.min(this.source.backoffMaxMs, this.source.backoffInitialMs * 2 ** Math.min(failures - 1, 16));
          this.source.logger.warn(
            `KurrentDB subscription dropped (${describeError(error)}); re-subscribing after position ` +
              `${last ?? 'start'} in ${delay} ms (attempt ${failures})`,
          );
          await this.sleep(delay);
        } finally {
          if (subscription) release(subscription);
          if (this.current === subscription) this.current = null;
        }
      }
    } catch (error) {
      this.stopped = true;
      this.reportError(error instanceof HandlerFailure ? error.error : error);
    } finally {
      this.source.detach(this);
    }
  }

  private async deliver(event: StoredEvent): Promise<void> {
    try {
      await runningHandler.run(this, () => this.options.handler(event));
    } catch (error) {
      throw new HandlerFailure(error);
    }
  }

  /** Ends a pending wait or read at once (on close). */
  private interrupt(): void {
    const wakeUp = this.wakeUp;
    this.wakeUp = null;
    wakeUp?.();
    if (this.current) release(this.current);
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.wakeUp?.(), ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
    });
  }

  private reportError(error: unknown): void {
    reportSubscriptionError(this.options.onError, error);
  }
}

/** The server ended a subscription without an error: treated as a dropped connection. */
class DroppedByServer extends Error {
  constructor() {
    super('the server ended the subscription');
  }
}

/** Cancels the gRPC call and ends the client's stream (which a cancelled call does not end by itself). */
function release(subscription: AllStreamSubscription): void {
  subscription.unsubscribe().catch(() => undefined);
  if (!subscription.destroyed) subscription.destroy();
}
