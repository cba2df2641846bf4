import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  decideWith,
  decisionState,
  evolve,
  evolveState,
  initialHistory,
  type DecisionState,
  type FrameworkCommand,
  type FrameworkHistory,
} from '../domain/decider/framework.decider.js';
import type { GovernanceEvent } from '../domain/events/framework.events.js';
import { EVENT_STORE, WrongExpectedRevision, type EventStore, type StoredEvent } from '../../../infrastructure/event-store/event-store.port.js';
import { streamIdOf, toNewEvent, toRecordedEvent } from '../../../infrastructure/event-store/framework-stream.js';
import { ProjectionRunner } from '../../../infrastructure/projection/projection-runner.js';
import { FrameworkExists, FrameworkNotFound, RevisionConflict, RuleBroken } from '../../../libs/app-errors.js';
import { sha256, uuidFromName } from '../../../libs/ids.js';

export interface WriteOptions {
  actor: string;
  /** A retry with the same key (same framework, same actor) returns the first result and appends nothing. */
  idempotencyKey?: string;
  /** The revision the client last saw; a different current revision is a conflict (409). */
  expectedRevision?: number;
}

export interface WriteResult {
  eventId: string;
  revision: number;
  position: number;
  recordedAt: string;
  /** True when this was a retry of an earlier request: nothing was appended. */
  replayed: boolean;
  /** False when the read models had not caught up within the wait (the write itself is durable). */
  projected: boolean;
}

const MAX_ATTEMPTS = 5;
/** Frameworks whose decision state stays in memory between commands. */
const CACHE_SIZE = 256;

/**
 * The write path shared by every command: load the framework's history, decide, append with
 * the expected revision, wait for the read models. Nothing is appended on any refusal.
 */
@Injectable()
export class FrameworkWriter {
  private readonly states = new Map<string, DecisionState>();
  /** Commands on one framework run one at a time (the kept state is folded in place). */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly projection: ProjectionRunner,
  ) {}

  history(frameworkId: string): Promise<FrameworkHistory> {
    return this.serialized(frameworkId, async () => (await this.state(frameworkId)).history);
  }

  /** The framework's decision state: kept in memory, brought up to date with the stream's new events. */
  private async state(frameworkId: string): Promise<DecisionState> {
    const cached = this.states.get(frameworkId);
    let state: DecisionState;
    if (cached) {
      state = cached;
      const fresh = await this.events.readStream(streamIdOf(frameworkId), cached.history.revision + 1);
      for (const stored of fresh) state = evolveState(state, toRecordedEvent(stored));
    } else {
      const stored = await this.events.readStream(streamIdOf(frameworkId));
      state = decisionState(stored.map(toRecordedEvent).reduce(evolve, initialHistory(frameworkId)));
    }
    this.states.delete(frameworkId);
    if (state.history.revision >= 0) this.states.set(frameworkId, state);
    if (this.states.size > CACHE_SIZE) this.states.delete(this.states.keys().next().value as string);
    return state;
  }

  /** Folds an event this writer appended into the kept state, if the state is the one it decided on. */
  private remember(frameworkId: string, decidedOn: DecisionState, stored: StoredEvent): void {
    if (this.states.get(frameworkId) === decidedOn && decidedOn.history.revision === stored.revision - 1) {
      this.states.set(frameworkId, evolveState(decidedOn, toRecordedEvent(stored)));
    }
  }

  /** Runs `work` after every earlier call for the same framework has settled. */
  private serialized<T>(frameworkId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(frameworkId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(work);
    const tail = run.catch(() => undefined);
    this.queues.set(frameworkId, tail);
    void tail.then(() => {
      if (this.queues.get(frameworkId) === tail) this.queues.delete(frameworkId);
    });
    return run;
  }

  /**
   * Decides and appends one command. `check` runs against the loaded history before the decider
   * (for checks that need the application layer, such as validating corrected data).
   */
  write(
    frameworkId: string,
    command: FrameworkCommand,
    options: WriteOptions,
    check?: (history: FrameworkHistory) => void,
  ): Promise<WriteResult> {
    // The read models are awaited outside the framework's queue: the next command need not wait for them.
    return this.serialized(frameworkId, () => this.writeNow(frameworkId, command, options, check)).then(({ stored, replayed }) =>
      this.result(stored, replayed),
    );
  }

  private async writeNow(
    frameworkId: string,
    command: FrameworkCommand,
    options: WriteOptions,
    check?: (history: FrameworkHistory) => void,
  ): Promise<{ stored: StoredEvent; replayed: boolean }> {
    const event: GovernanceEvent = command.event;
    const requestHash = sha256(JSON.stringify({ frameworkId, command: command.type, event }));
    const eventId = options.idempotencyKey
      ? uuidFromName(`${frameworkId}|${options.actor}|${options.idempotencyKey}`)
      : randomUUID();

    if (options.idempotencyKey) {
      const earlier = await this.events.findEvent(eventId);
      if (earlier) return this.replay(earlier, requestHash);
    }

    const streamId = streamIdOf(frameworkId);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const state = await this.state(frameworkId);
      const history = state.history;
      if (command.type === 'RecordEvent' && history.revision < 0) throw new FrameworkNotFound(frameworkId);
      if (command.type === 'EstablishFramework' && history.revision >= 0) throw new FrameworkExists(frameworkId);
      if (options.expectedRevision !== undefined && options.expectedRevision !== history.revision) {
        throw new RevisionConflict(frameworkId, options.expectedRevision, history.revision);
      }
      check?.(history);
      const decision = decideWith(command, state);
      if (!decision.ok) throw new RuleBroken(decision.refusal.rule, decision.refusal.message, decision.refusal.conflictingEventId);

      const metadata = {
        actor: options.actor,
        requestHash,
        correlationId: eventId,
        ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}),
      };
      try {
        const result = await this.events.append(
          streamId,
          [toNewEvent(decision.events[0], eventId, metadata)],
          history.revision < 0 ? 'no_stream' : history.revision,
        );
        if (result.replayed) return this.replay(result.events[0], requestHash);
        this.remember(frameworkId, state, result.events[0]);
        return { stored: result.events[0], replayed: false };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision)) throw error;
        if (options.expectedRevision !== undefined) throw new RevisionConflict(frameworkId, options.expectedRevision, error.actual);
        if (command.type === 'EstablishFramework') throw new FrameworkExists(frameworkId);
        // Someone else appended meanwhile: decide again on the new history.
      }
    }
    throw new RevisionConflict(frameworkId, -1, await this.events.streamRevision(streamId));
  }

  private replay(earlier: StoredEvent, requestHash: string): { stored: StoredEvent; replayed: boolean } {
    if (earlier.metadata.requestHash !== requestHash) {
      throw new RuleBroken('idempotency-key-reused', 'this Idempotency-Key was used for a different request');
    }
    return { stored: earlier, replayed: true };
  }

  private async result(stored: StoredEvent, replayed: boolean): Promise<WriteResult> {
    const projected = await this.projection.waitFor(stored.position);
    return {
      eventId: stored.eventId,
      revision: stored.revision,
      position: stored.position,
      recordedAt: stored.recordedAt,
      replayed,
      projected,
    };
  }
}
