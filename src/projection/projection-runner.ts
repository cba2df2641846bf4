import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type StoredEvent, type Subscription } from '../event-store/event-store.port.js';
import { frameworkIdOf, toRecordedEvent } from '../event-store/framework-stream.js';
import { projectEvent } from '../read-models/framework.projection.js';
import { READ_MODEL_STORE, type ReadModelStore } from '../read-models/read-model.port.js';

/**
 * Keeps the read models: subscribes to the global log from the read models' checkpoint and
 * projects each event, checkpoint and read-model changes in one write. Exactly one runner
 * per read-model store. Writers wait on `waitFor(position)` to read their own writes.
 */
@Injectable()
export class ProjectionRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProjectionRunner.name);
  private subscription: Subscription | null = null;
  private position: number | null = null;
  private waiters: { position: number; resolve: () => void }[] = [];
  private failure: unknown = null;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  async start(): Promise<void> {
    if (this.subscription) return;
    this.failure = null;
    this.position = await this.readModels.checkpoint();
    this.subscription = this.events.subscribe({
      fromPosition: this.position,
      handler: (event) => this.apply(event),
      onError: (error) => {
        this.failure = error;
        this.subscription = null;
        this.logger.error(`projection stopped at position ${this.position}: ${(error as Error).message}; retrying in 1 s`);
        setTimeout(() => void this.start().catch(() => undefined), 1000).unref();
      },
    });
  }

  async stop(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = null;
    await subscription?.close();
  }

  /** The position of the last event projected (null: none). */
  get checkpoint(): number | null {
    return this.position;
  }

  get status(): { status: 'up' | 'down'; position: number | null; detail?: string } {
    return this.failure
      ? { status: 'down', position: this.position, detail: (this.failure as Error).message }
      : { status: this.subscription ? 'up' : 'down', position: this.position };
  }

  /** Resolves true once the read models include `position`, false after `timeoutMs`. */
  waitFor(position: number, timeoutMs = 5000): Promise<boolean> {
    if (this.position !== null && this.position >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = { position, resolve: () => resolve(true) };
      this.waiters.push(waiter);
      setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs).unref();
    });
  }

  /** Drops the read models and projects the whole log again. Resolves when caught up. */
  async rebuild(onProgress?: (position: number) => void): Promise<{ events: number }> {
    await this.stop();
    await this.readModels.reset();
    this.position = null;
    const head = (await this.events.readAll(null, Number.MAX_SAFE_INTEGER)).at(-1)?.position ?? null;
    let count = 0;
    const progress = setInterval(() => this.position !== null && onProgress?.(this.position), 500);
    try {
      await this.start();
      if (head !== null) await this.waitFor(head, 24 * 3600_000);
      count = (await this.readModels.listFrameworks()).reduce((sum, f) => sum + f.eventCount, 0);
    } finally {
      clearInterval(progress);
    }
    return { events: count };
  }

  private async apply(stored: StoredEvent): Promise<void> {
    const frameworkId = frameworkIdOf(stored.streamId);
    if (frameworkId !== null) {
      const event = toRecordedEvent(stored);
      const [previous, current] = await Promise.all([
        this.readModels.frameworkEvents(frameworkId),
        this.readModels.currentSegments(frameworkId),
      ]);
      await this.readModels.commit([projectEvent(previous, event, current)]);
    }
    this.position = stored.position;
    const ready = this.waiters.filter((w) => w.position <= stored.position);
    this.waiters = this.waiters.filter((w) => w.position > stored.position);
    for (const waiter of ready) waiter.resolve();
  }
}
