import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config.js';
import { EVENT_STORE, type EventStore, type StoredEvent, type Subscription } from '../event-store/event-store.port.js';
import { ProjectionGap, ReadModelsDiverged, ReadModelsReset } from '../read-models/commit-rules.js';
import { READ_MODEL_STORE, type ReadModelStore } from '../read-models/read-model.port.js';
import { isOpenedFromConfig, storeConfigOf } from '../open-stores.js';
import { FrameworkProjection } from './framework.projection.js';
import { checkAlignment, REBUILD_ACTION, type Misalignment } from './log-alignment.js';
import { projectWith, REBUILD_LIMITS, replayLog, type RebuildLimits, type RebuildProgress } from './log-replay.js';
import { rebuildInWorker, rebuildWorkerFile } from './rebuild-in-worker.js';
import { ProgressWatch } from './progress-watch.js';
import { readModelsOutdated } from './read-model-format.js';

/** Frameworks whose projection stays in memory between events (least recently used go first). */
const LIVE_CACHE = 256;

/** How often the stored checkpoint is read (another instance's runner, a reset). */
const POLL_MS = 100;

export interface ProjectionStatus {
  status: 'up' | 'down';
  /** The position the read models include, as this instance knows it. */
  position: number | null;
  detail?: string;
  /** When the read models do not match the log: why, where the log ends, and what to run. */
  problem?: Misalignment['problem'];
  logPosition?: number | null;
  action?: string;
}

/**
 * Keeps the read models: subscribes to the global log from the read models' checkpoint and
 * projects each event, checkpoint and read-model changes in one commit. Any number of instances
 * may run one on the same read models: a commit applies an event only as the next revision of its
 * framework and skips what another runner applied (`commit-rules.ts`), so the read models are the
 * same as with one runner. Before subscribing it checks that the read models come from this log
 * (`log-alignment.ts`); when they do not, it stops, reports why on /health and names the rebuild.
 *
 * Writers and reads wait on `waitFor(position)`: the stored checkpoint, as this runner commits
 * and as polled from the store (instances started with PROJECTION=off only poll).
 */
@Injectable()
export class ProjectionRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProjectionRunner.name);
  private readonly watch = new ProgressWatch();
  private readonly projections = new Map<string, FrameworkProjection>();
  private subscription: Subscription | null = null;
  /** The epoch of the read models the subscription feeds. */
  private epoch = 0;
  private poller: NodeJS.Timeout | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private running = false;
  private failure: unknown = null;
  private misalignment: Misalignment | null = null;
  private lastGap: string | null = null;
  private starting: Promise<void> | null = null;
  /** Memory and turn limits of a rebuild (tests narrow them). */
  rebuildLimits: RebuildLimits = { ...REBUILD_LIMITS };
  /** Whether a rebuild may run in a worker thread (when it can: see `replayAll`); false keeps it on this thread. */
  rebuildInWorker = true;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Optional() @Inject(APP_CONFIG) private readonly config?: AppConfig,
  ) {}

  /** False on instances started with PROJECTION=off: they follow the checkpoint other instances write. */
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
    this.running = true;
    this.starting ??= this.startNow().finally(() => (this.starting = null));
    return this.starting;
  }

  private async startNow(): Promise<void> {
    if (this.subscription) return;
    if (this.projecting && (await readModelsOutdated(this.readModels))) {
      this.logger.log('the read models are of an earlier format: rebuilding them from the log');
      await this.replayAll();
      this.running = true;
    }
    const progress = await this.readModels.progress();
    this.watch.observe(progress);
    this.misalignment = await checkAlignment(this.events, this.readModels, progress.checkpoint);
    this.startPolling();
    if (this.misalignment) {
      this.watch.halt();
      this.logger.error(`projection stopped: ${this.misalignment.detail}; ${REBUILD_ACTION}`);
      return;
    }
    this.watch.resume();
    this.failure = null;
    if (!this.projecting || !this.running) return;
    this.epoch = progress.epoch;
    this.projections.clear();
    this.subscription = this.events.subscribe({
      fromPosition: progress.checkpoint,
      handler: (event) => this.handle(event),
      onError: (error) => this.onSubscriptionError(error),
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.poller) clearInterval(this.poller);
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.poller = this.restartTimer = null;
    const subscription = this.subscription;
    this.subscription = null;
    await subscription?.close();
  }

  /** The position the read models include, as this instance knows it (null: none). */
  get checkpoint(): number | null {
    return this.watch.position;
  }

  get status(): ProjectionStatus {
    const position = this.watch.position;
    if (this.misalignment) {
      const { problem, logPosition, detail } = this.misalignment;
      return { status: 'down', position, problem, logPosition, detail, action: REBUILD_ACTION };
    }
    if (this.failure) return { status: 'down', position, detail: (this.failure as Error).message };
    if (!this.projecting) return { status: this.poller ? 'up' : 'down', position, detail: 'following the checkpoint (PROJECTION=off)' };
    return { status: this.subscription ? 'up' : 'down', position };
  }

  /** Resolves true once the read models include `position`, false after `timeoutMs` (at once while they do not match the log). */
  async waitFor(position: number, timeoutMs = 5000): Promise<boolean> {
    if (this.watch.includes(position)) {
      // Confirmed from the store: a reset since the last poll would otherwise go unseen.
      this.watch.observe(await this.readModels.progress().catch(() => ({ checkpoint: this.watch.position, epoch: this.watch.currentEpoch ?? 0 })));
    }
    return this.watch.waitFor(position, timeoutMs);
  }

  /**
   * Drops the read models and projects the whole log again, page by page (one commit per page),
   * then resumes the live subscription. Resolves with the number of events projected.
   */
  async rebuild(onProgress?: (progress: RebuildProgress) => void): Promise<{ events: number }> {
    if (!this.projecting) throw new Error('this instance does not project (PROJECTION=off): rebuild where the projection runs');
    const outcome = await this.replayAll(onProgress);
    await this.start();
    return outcome;
  }

  /**
   * Stops following, drops the read models and projects the whole log again (`log-replay.ts`:
   * bounded memory, a turn of the event loop at least every `rebuildLimits.sliceMs`). Run from the
   * build with stores opened from the configuration, the projecting happens in a worker thread
   * (`rebuild.worker.ts`): this thread's event loop only relays its progress, so /health and reads
   * keep answering meanwhile.
   */
  private async replayAll(onProgress?: (progress: RebuildProgress) => void): Promise<{ events: number }> {
    await this.stop();
    this.projections.clear();
    this.misalignment = null;
    await this.readModels.reset();
    const progress = await this.readModels.progress();
    this.watch.observe(progress);
    const total = await this.countEvents();
    const onReached = (position: number) => this.watch.reached(position, progress.epoch);
    const fromConfig = this.config && isOpenedFromConfig(this.events) && isOpenedFromConfig(this.readModels);
    const worker = this.rebuildInWorker && fromConfig ? rebuildWorkerFile() : null;
    if (worker) {
      const input = { stores: storeConfigOf(this.config!), epoch: progress.epoch, limits: this.rebuildLimits, total };
      return rebuildInWorker(worker, input, { onProgress, onReached });
    }
    return replayLog(this.events, this.readModels, { epoch: progress.epoch, limits: this.rebuildLimits, total, onProgress, onReached });
  }

  private async handle(event: StoredEvent): Promise<void> {
    const change = await projectWith(this.readModels, event, this.projections, LIVE_CACHE);
    const outcome = change ? await this.readModels.commit([change], { epoch: this.epoch }) : null;
    if (outcome && outcome.applied > 0) this.lastGap = null;
    // Every event up to this one is in the read models: applied here, or by another runner.
    this.watch.reached(Math.max(outcome?.checkpoint ?? event.position, event.position), this.epoch);
  }

  /** The subscription stopped on `error`: start again, or halt when the read models cannot follow this log. */
  private onSubscriptionError(error: unknown): void {
    this.subscription = null;
    this.projections.clear(); // what is in memory may be ahead of what was written
    if (!this.running) return;
    if (error instanceof ReadModelsDiverged) return this.halt('log-mismatch', error.message);
    if (error instanceof ProjectionGap) {
      const gap = `${error.frameworkId}|${error.revision}|${error.position}`;
      // Once: another runner or a reset may have moved the read models. Twice at the same place: they miss events.
      if (this.lastGap === gap) return this.halt('read-models-gap', `${error.message}: the read models miss events of the log`);
      this.lastGap = gap;
    }
    if (error instanceof ProjectionGap || error instanceof ReadModelsReset) {
      this.logger.warn(`projection restarts from the stored checkpoint: ${error.message}`);
      return this.restartIn(100);
    }
    this.failure = error;
    this.logger.error(`projection stopped at position ${this.watch.position}: ${(error as Error).message}; retrying in 1 s`);
    this.restartIn(1000);
  }

  private halt(problem: Misalignment['problem'], detail: string): void {
    const misalignment: Misalignment = { problem, checkpoint: this.watch.position, logPosition: null, detail };
    this.misalignment = misalignment;
    this.watch.halt();
    this.logger.error(`projection stopped: ${detail}; ${REBUILD_ACTION}`);
    this.events.lastPosition().then(
      (last) => void (misalignment.logPosition = last),
      () => undefined,
    );
  }

  private restartIn(ms: number): void {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (!this.running || this.subscription) return;
      this.start().catch((error: unknown) => {
        this.failure = error;
        this.restartIn(1000);
      });
    }, ms);
    this.restartTimer.unref();
  }

  /**
   * Reads the stored progress every POLL_MS: waits are released by other instances' commits too;
   * a reset (new epoch) restarts the subscription, and lets a halted instance check the rebuilt
   * read models again.
   */
  private startPolling(): void {
    if (this.poller) return;
    let polling = false;
    this.poller = setInterval(() => {
      if (polling) return;
      polling = true;
      this.readModels
        .progress()
        .then((progress) => {
          const reset = progress.epoch !== this.watch.currentEpoch;
          this.watch.observe(progress);
          if (!this.projecting) this.failure = null;
          if (reset && this.running && (this.misalignment || this.subscription)) void this.restartAfterReset();
        })
        .catch((error: unknown) => {
          if (!this.projecting) this.failure = error;
        })
        .finally(() => (polling = false));
    }, POLL_MS);
    this.poller.unref();
  }

  private async restartAfterReset(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = null;
    this.misalignment = null;
    await subscription?.close();
    this.projections.clear();
    this.restartIn(0);
  }

  /** How many events the log holds (for progress reports): counted where the store can, else the span of positions. */
  private async countEvents(): Promise<number> {
    if (this.events.countEvents) return this.events.countEvents();
    const last = await this.events.lastPosition();
    if (last === null) return 0;
    const first = (await this.events.readAll(null, 1))[0]?.position ?? last;
    return last - first + 1;
  }

}
