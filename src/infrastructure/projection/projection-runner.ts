import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config.js';
import { EVENT_STORE, type EventStore, type StoredEvent, type Subscription } from '../event-store/event-store.port.js';
import { frameworkIdOf, toRecordedEvent } from '../event-store/framework-stream.js';
import { FrameworkProjection } from './framework.projection.js';
import { readModelsOutdated } from './read-model-format.js';
import { READ_MODEL_STORE, type ProjectionChange, type ReadModelStore } from '../read-models/read-model.port.js';

/** Frameworks whose projection stays in memory between events (least recently used go first). */
const LIVE_CACHE = 256;
/** Events read and committed together during a rebuild. */
const REBUILD_PAGE = 1000;

export interface RebuildProgress {
  done: number;
  total: number;
}

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
  private readonly projections = new Map<string, FrameworkProjection>();

  private follower: NodeJS.Timeout | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Optional() @Inject(APP_CONFIG) private readonly config?: AppConfig,
  ) {}

  /** False on instances started with PROJECTION=off: they follow the checkpoint another instance writes. */
  get projecting(): boolean {
    return this.config?.projection !== false;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  async start(): Promise<void> {
    if (!this.projecting) return this.follow();
    if (this.subscription) return;
    if (await readModelsOutdated(this.readModels)) {
      this.logger.log('the read models are of an earlier format: rebuilding them from the log');
      await this.rebuild();
      return;
    }
    this.failure = null;
    this.position = await this.readModels.checkpoint();
    this.subscription = this.events.subscribe({
      fromPosition: this.position,
      handler: async (event) => {
        const change = await this.project(event, this.projections, LIVE_CACHE);
        if (change) await this.readModels.commit([change]);
        this.advance(event.position);
      },
      onError: (error) => {
        this.failure = error;
        this.subscription = null;
        // What is in memory may be ahead of what was written: start again from the checkpoint.
        this.projections.clear();
        this.logger.error(`projection stopped at position ${this.position}: ${(error as Error).message}; retrying in 1 s`);
        setTimeout(() => void this.start().catch(() => undefined), 1000).unref();
      },
    });
  }

  /** Without a runner here, waiters are released as the stored checkpoint moves (polled every 100 ms). */
  private async follow(): Promise<void> {
    if (this.follower) return;
    const poll = async () => {
      try {
        const checkpoint = await this.readModels.checkpoint();
        this.failure = null;
        if (checkpoint !== null && (this.position === null || checkpoint > this.position)) this.advance(checkpoint);
      } catch (error) {
        this.failure = error;
      }
    };
    await poll();
    this.follower = setInterval(() => void poll(), 100);
    this.follower.unref();
  }

  async stop(): Promise<void> {
    if (this.follower) clearInterval(this.follower);
    this.follower = null;
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
      : { status: this.subscription || this.follower ? 'up' : 'down', position: this.position, ...(this.projecting ? {} : { detail: 'following the checkpoint (PROJECTION=off)' }) };
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

  /**
   * Drops the read models and projects the whole log again, page by page (one write per page),
   * then resumes the live subscription. Resolves with the number of events projected.
   */
  async rebuild(onProgress?: (progress: RebuildProgress) => void): Promise<{ events: number }> {
    if (!this.projecting) throw new Error('this instance does not project (PROJECTION=off): rebuild where the projection runs');
    await this.stop();
    this.projections.clear();
    await this.readModels.reset();
    this.position = null;
    const total = await this.countEvents();
    const projections = new Map<string, FrameworkProjection>();
    let done = 0;
    for (;;) {
      const page = await this.events.readAll(this.position, REBUILD_PAGE);
      if (page.length === 0) break;
      const changes: ProjectionChange[] = [];
      for (const event of page) {
        const change = await this.project(event, projections, Number.POSITIVE_INFINITY);
        if (change) changes.push(change);
      }
      await this.readModels.commit(changes);
      this.advance(page[page.length - 1].position);
      done += page.length;
      onProgress?.({ done, total: Math.max(total, done) });
      await new Promise((resolve) => setImmediate(resolve));
    }
    await this.start();
    return { events: done };
  }

  /** How many events the log holds (for progress reports). */
  private async countEvents(): Promise<number> {
    const last = await this.events.lastPosition();
    if (last === null) return 0;
    const first = (await this.events.readAll(null, 1))[0]?.position ?? last;
    return last - first + 1;
  }

  /** The change one event makes, with the framework's projection kept in `cache`. */
  private async project(stored: StoredEvent, cache: Map<string, FrameworkProjection>, capacity: number): Promise<ProjectionChange | null> {
    const frameworkId = frameworkIdOf(stored.streamId);
    if (frameworkId === null) return null;
    let projection = cache.get(frameworkId);
    if (projection) {
      cache.delete(frameworkId); // re-inserted below: most recently used last
    } else {
      const [events, current] = await Promise.all([
        this.readModels.frameworkEvents(frameworkId),
        this.readModels.currentSegments(frameworkId),
      ]);
      projection = FrameworkProjection.resume(frameworkId, events, current);
    }
    cache.set(frameworkId, projection);
    if (cache.size > capacity) cache.delete(cache.keys().next().value as string);
    try {
      return projection.apply(toRecordedEvent(stored));
    } catch (error) {
      cache.delete(frameworkId);
      throw error;
    }
  }

  private advance(position: number): void {
    this.position = position;
    const ready = this.waiters.filter((w) => w.position <= position);
    this.waiters = this.waiters.filter((w) => w.position > position);
    for (const waiter of ready) waiter.resolve();
  }
}
