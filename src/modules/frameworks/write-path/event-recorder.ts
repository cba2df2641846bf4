import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, WrongExpectedRevision, type AppendLogEntry, type EventStore, type StoredEvent } from '../../../infrastructure/event-store/event-store.port.js';
import { streamIdOf, toNewEvent, type EventMetadata } from '../../../infrastructure/event-store/framework-stream.js';
import { ProjectionRunner } from '../../../infrastructure/projection/projection-runner.js';
import { TRANSPARENCY_LOG, type TransparencyLogPort } from '../../../infrastructure/transparency-log/transparency-log.port.js';
import type { Receipt } from '../../transparency-log/domain/receipt.js';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/app-config.js';
import { FrameworkExists, FrameworkNotFound, InvalidInput, RevisionConflict, RuleBroken } from '../../../libs/app-errors.js';
import { decideBatch } from '../domain/decider/decide-batch.js';
import type { DecisionState } from '../domain/decider/decision-state.js';
import type { FrameworkHistory, Refusal } from '../domain/decider/framework.decider.js';
import { preview, type Preview } from '../domain/decider/preview.js';
import type { GovernanceEvent } from '../domain/events/framework.events.js';
import { DecisionStates } from './decision-states.js';
import { FrameworkQueue } from './framework-queue.js';
import { assertNotTooFarAhead, latestAllowedDay } from './future-bound.js';
import { eventIdFor, replayOf, requestHash } from './idempotency.js';
import { READ_YOUR_WRITES_MS, readYourWrites } from './read-your-writes.js';

/** One event to record, validated. */
export interface EventToRecord {
  event: GovernanceEvent;
  /** Kept as given (exported events, the seed); default: derived from the Idempotency-Key, or new. */
  eventId?: string;
  /** Kept with the event besides the actor and the request's fingerprint (seed key, first recording of an import…). */
  metadata?: Record<string, unknown>;
}

export interface RecordRequest {
  frameworkId: string;
  /** Recorded together, all or none; a framework's first event establishes it. */
  events: EventToRecord[];
  /** Who records them (the token's owner); `metadata.actor` of an event may name its first recorder instead. */
  actor: string;
  /** A retry with the same key (same framework, same actor) returns the first result and appends nothing (one event only). */
  idempotencyKey?: string;
  /** The revision the client last saw; another current revision is a conflict (409). */
  expectedRevision?: number;
}

export interface RecordResult {
  /** The events as stored (the first results when the request was a retry). */
  stored: StoredEvent[];
  /** True when this was a retry of an earlier request: nothing was appended. */
  replayed: boolean;
  /** False when the read models had not caught up within the wait (the write itself is durable). */
  projected: boolean;
  /**
   * The transparency log's receipt of each stored event (a replay's too), in order: its leaf and a
   * signed tree head that includes it. Null when the log's tree had not included them within the
   * wait (a follower of KurrentDB that lags): `GET /api/log/receipt?position=` gives them later.
   */
  receipts: Receipt[] | null;
}

export interface CheckResult {
  /** The framework's current revision (-1: it does not exist yet). */
  revision: number;
  /** What a single accepted event would change (absent for several events). */
  preview?: Preview;
}

const MAX_ATTEMPTS = 5;

/**
 * The one write path of every command — HTTP, command line, import, seed: read the framework's
 * history, decide, append with the expected revision (deciding again if another writer got there
 * first), then wait for the read models. Nothing is appended on any refusal.
 */
@Injectable()
export class EventRecorder {
  private readonly queue = new FrameworkQueue();
  private readonly states: DecisionStates;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly projection: ProjectionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(TRANSPARENCY_LOG) private readonly transparency: TransparencyLogPort,
  ) {
    this.states = new DecisionStates(events);
  }

  /** The framework's history as the log holds it now (empty when it does not exist). */
  history(frameworkId: string): Promise<FrameworkHistory> {
    return this.queue.run(frameworkId, async () => (await this.states.current(frameworkId)).history);
  }

  async record(request: RecordRequest): Promise<RecordResult> {
    // The read models are awaited outside the framework's queue: the next command need not wait for them.
    const { stored, replayed, logEntry } = await this.queue.run(request.frameworkId, () => this.recordNow(request));
    const [projected, receipts] = await Promise.all([
      readYourWrites(this.projection, stored.at(-1)!.position),
      // The embedded store's append gave the leaves and their head; a follower is waited for, as the read models are.
      this.transparency.receipts(stored, { ...(logEntry ? { logEntry } : {}), waitMs: READ_YOUR_WRITES_MS }),
    ]);
    return { stored, replayed, projected, receipts };
  }

  /** Everything `record` checks — the framework, the revision, every rule — without appending. */
  check(request: RecordRequest): Promise<CheckResult> {
    return this.queue.run(request.frameworkId, async () => {
      const state = await this.states.current(request.frameworkId);
      this.decide(request, state, request.events.map((e, i) => e.eventId ?? `proposed-${i}`));
      const single = request.events.length === 1 ? { preview: preview(state.history, request.events[0].event) } : {};
      return { revision: state.history.revision, ...single };
    });
  }

  private async recordNow(request: RecordRequest): Promise<{ stored: StoredEvent[]; replayed: boolean; logEntry?: AppendLogEntry }> {
    const { frameworkId, actor, idempotencyKey } = request;
    if (idempotencyKey !== undefined && request.events.length !== 1) throw new TypeError('an Idempotency-Key applies to one event');
    const eventIds = request.events.map((e) => e.eventId ?? eventIdFor(frameworkId, actor, idempotencyKey));
    const hashes = request.events.map(({ event }, i) => requestHash(frameworkId, i === 0 && establishes(request) ? 'EstablishFramework' : 'RecordEvent', event));
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const state = await this.states.current(frameworkId);
      // Looked up after the state is read: a request with this key appended since (by another
      // instance) is found here, or makes the append below fail on its revision and come back here.
      if (idempotencyKey !== undefined) {
        const earlier = await this.events.findEvent(eventIds[0]);
        if (earlier) return { stored: [replayOf(earlier, hashes[0])], replayed: true };
      }
      this.decide(request, state, eventIds);
      const newEvents = request.events.map(({ event, metadata }, i) =>
        toNewEvent(
          event,
          eventIds[i],
          // Events that bring their metadata (the seed, an import) keep it as it is, the actor first unless it names one.
          metadata !== undefined
            ? ({ ...('actor' in metadata ? {} : { actor }), ...metadata } as EventMetadata)
            : { actor, requestHash: hashes[i], correlationId: eventIds[0], ...(idempotencyKey !== undefined ? { idempotencyKey } : {}) },
        ),
      );
      try {
        const revision = state.history.revision;
        const result = await this.events.append(streamIdOf(frameworkId), newEvents, revision < 0 ? 'no_stream' : revision);
        if (result.replayed) {
          return { stored: idempotencyKey === undefined ? result.events : result.events.map((e, i) => replayOf(e, hashes[i])), replayed: true };
        }
        this.states.remember(frameworkId, state, result.events);
        return { stored: result.events, replayed: false, ...(result.logEntry ? { logEntry: result.logEntry } : {}) };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision)) throw error;
        // With a key, the next turn finds the request if another instance appended it, or refuses as `decide` does.
        if (idempotencyKey === undefined && request.expectedRevision !== undefined) throw new RevisionConflict(frameworkId, request.expectedRevision, error.actual);
        if (idempotencyKey === undefined && establishes(request)) throw new FrameworkExists(frameworkId);
        // Someone else appended meanwhile: decide again on the new history.
      }
    }
    throw new RevisionConflict(frameworkId, -1, await this.events.streamRevision(streamIdOf(frameworkId)));
  }

  /** Throws what a refusal is (404, 409, 400, 422); returns when every event may be appended. */
  private decide(request: RecordRequest, state: DecisionState, eventIds: string[]): void {
    const { frameworkId } = request;
    const revision = state.history.revision;
    if (!establishes(request) && revision < 0) throw new FrameworkNotFound(frameworkId);
    if (establishes(request) && revision >= 0) throw new FrameworkExists(frameworkId);
    if (request.expectedRevision !== undefined && request.expectedRevision !== revision) {
      throw new RevisionConflict(frameworkId, request.expectedRevision, revision);
    }
    const latest = latestAllowedDay(this.config.maxYearsAhead);
    request.events.forEach(({ event }, i) =>
      assertNotTooFarAhead(event, latest, this.config.maxYearsAhead, request.events.length > 1 ? `event ${i + 1} of ${request.events.length}: ` : ''),
    );
    const proposed = request.events.map(({ event, metadata }, i) => ({
      event,
      eventId: eventIds[i],
      recordedBy: typeof metadata?.actor === 'string' ? metadata.actor : request.actor,
    }));
    const batch = decideBatch(state, proposed, { untilRefused: true, now: () => new Date().toISOString() });
    const [first] = batch.refusals;
    if (first) throw refusalError(first.refusal, request.events.length > 1 ? `event ${first.index + 1} of ${request.events.length}: ` : '');
  }
}

const establishes = (request: RecordRequest) => request.events[0]?.event.type === 'FrameworkEstablished';

function refusalError(refusal: Refusal, prefix: string): Error {
  if (refusal.fields) return new InvalidInput(refusal.fields);
  return new RuleBroken(refusal.rule, prefix + refusal.message, refusal.conflictingEventId, refusal.field);
}
