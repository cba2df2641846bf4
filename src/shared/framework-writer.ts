import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { decide, evolve, initialHistory, type FrameworkCommand, type FrameworkHistory } from '../domain/framework.decider.js';
import type { GovernanceEvent } from '../domain/framework.events.js';
import { EVENT_STORE, WrongExpectedRevision, type EventStore, type StoredEvent } from '../event-store/event-store.port.js';
import { streamIdOf, toNewEvent, toRecordedEvent } from '../event-store/framework-stream.js';
import { ProjectionRunner } from '../projection/projection-runner.js';
import { FrameworkExists, FrameworkNotFound, RevisionConflict, RuleBroken } from './app-errors.js';
import { sha256, uuidFromName } from './ids.js';

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

/**
 * The write path shared by every command: load the framework's history, decide, append with
 * the expected revision, wait for the read models. Nothing is appended on any refusal.
 */
@Injectable()
export class FrameworkWriter {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly projection: ProjectionRunner,
  ) {}

  async history(frameworkId: string): Promise<FrameworkHistory> {
    const stored = await this.events.readStream(streamIdOf(frameworkId));
    return stored.map(toRecordedEvent).reduce(evolve, initialHistory(frameworkId));
  }

  /**
   * Decides and appends one command. `check` runs against the loaded history before the decider
   * (for checks that need the application layer, such as validating corrected data).
   */
  async write(
    frameworkId: string,
    command: FrameworkCommand,
    options: WriteOptions,
    check?: (history: FrameworkHistory) => void,
  ): Promise<WriteResult> {
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
      const history = await this.history(frameworkId);
      if (command.type === 'RecordEvent' && history.revision < 0) throw new FrameworkNotFound(frameworkId);
      if (command.type === 'EstablishFramework' && history.revision >= 0) throw new FrameworkExists(frameworkId);
      if (options.expectedRevision !== undefined && options.expectedRevision !== history.revision) {
        throw new RevisionConflict(frameworkId, options.expectedRevision, history.revision);
      }
      check?.(history);
      const decision = decide(command, history);
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
        return this.result(result.events[0], false);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision)) throw error;
        if (options.expectedRevision !== undefined) throw new RevisionConflict(frameworkId, options.expectedRevision, error.actual);
        if (command.type === 'EstablishFramework') throw new FrameworkExists(frameworkId);
        // Someone else appended meanwhile: decide again on the new history.
      }
    }
    throw new RevisionConflict(frameworkId, -1, await this.events.streamRevision(streamId));
  }

  private async replay(earlier: StoredEvent, requestHash: string): Promise<WriteResult> {
    if (earlier.metadata.requestHash !== requestHash) {
      throw new RuleBroken('idempotency-key-reused', 'this Idempotency-Key was used for a different request');
    }
    return this.result(earlier, true);
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
