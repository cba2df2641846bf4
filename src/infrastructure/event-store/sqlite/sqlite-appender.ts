import type Database from 'better-sqlite3';
import {
  EventIdConflict,
  WrongExpectedRevision,
  type AppendResult,
  type ExpectedRevision,
  type NewEvent,
  type StoredEvent,
} from '../event-store.port.js';
import { checkAppendArguments } from '../port-arguments.js';
import { GENESIS, link } from './hash-chain.js';
import { ownError } from './sqlite-errors.js';
import { toStoredEvent, type EventRow, type EventStatements } from './sqlite-statements.js';

/** A new event, validated and serialized, ready to insert. */
interface PendingEvent {
  eventId: string;
  type: string;
  data: string;
  metadata: string;
}

interface QueuedAppend {
  streamId: string;
  pending: PendingEvent[];
  expected: ExpectedRevision;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

/**
 * The appends of the embedded store, committed in groups: the calls made while the event loop
 * is busy are queued and written by the next flush in ONE transaction (one fsync), each call in
 * its own savepoint so that a refusal (wrong revision, id conflict) undoes that call only.
 * Every promise resolves after the group's commit is on disk.
 */
export class SqliteAppender {
  private readonly queue: QueuedAppend[] = [];
  /** The group commit: queued appends in one IMMEDIATE transaction (takes the write lock up front). */
  private readonly groupTransaction: Database.Transaction<(batch: QueuedAppend[], outcomes: Outcome[]) => void>;
  /** The body of one append (a savepoint within the group's transaction). */
  private readonly appendTransaction: Database.Transaction<
    (streamId: string, events: PendingEvent[], expected: ExpectedRevision) => AppendResult
  >;

  constructor(
    db: Database.Database,
    private readonly statements: EventStatements,
    private readonly store: {
      /** The clock that stamps `recordedAt`. */
      now: () => Date;
      /** Throws when the store is closed. */
      assertOpen: () => void;
      /** Called after a commit that stored new events. */
      appended: () => void;
    },
  ) {
    this.appendTransaction = db.transaction((streamId, events, expected) => this.appendInTransaction(streamId, events, expected));
    // Nested inside it, each append's transaction function becomes a savepoint.
    this.groupTransaction = db.transaction((batch: QueuedAppend[], outcomes: Outcome[]) => {
      for (const request of batch) {
        try {
          outcomes.push({ ok: true, result: this.appendTransaction(request.streamId, request.pending, request.expected) });
        } catch (error) {
          outcomes.push({ ok: false, error });
        }
      }
    });
  }

  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    try {
      this.store.assertOpen();
      // Validate and serialize before taking the write lock.
      const pending = prepareAppend(streamId, events, expected);
      return new Promise<AppendResult>((resolve, reject) => {
        this.queue.push({ streamId, pending, expected, resolve, reject });
        if (this.queue.length === 1) setImmediate(() => this.flush());
      });
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Writes the queued appends now (also before the store closes). */
  flush(): void {
    const batch = this.queue.splice(0);
    if (batch.length === 0) return;
    const outcomes: Outcome[] = [];
    try {
      this.store.assertOpen();
      this.groupTransaction.immediate(batch, outcomes);
    } catch (error) {
      // The group's commit failed: nothing of it is stored.
      for (const request of batch) request.reject(ownError(error));
      return;
    }
    if (outcomes.some((o) => o.ok && !o.result.replayed)) this.store.appended();
    batch.forEach((request, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) request.resolve(outcome.result);
      else request.reject(ownError(outcome.error));
    });
  }

  /** The revision of the last event of a stream; -1 when it has none. */
  currentRevision(streamId: string): number {
    return this.statements.streamRevision.get(streamId)?.revision ?? -1;
  }

  private appendInTransaction(streamId: string, events: PendingEvent[], expected: ExpectedRevision): AppendResult {
    const stored = events.map((e) => this.statements.byEventId.get(e.eventId));
    if (stored.some((row) => row !== undefined)) return this.replay(streamId, stored);

    const current = this.currentRevision(streamId);
    if (!satisfies(expected, current)) throw new WrongExpectedRevision(streamId, expected, current);

    const recordedAt = this.nextRecordedAt();
    let streamHash = this.statements.lastStreamHash.get(streamId)?.stream_hash ?? GENESIS;
    let logHash = this.statements.lastLogHash.get()?.log_hash ?? GENESIS;
    const appended = events.map((e, i): StoredEvent => {
      const revision = current + 1 + i;
      ({ streamHash, logHash } = link({ ...e, streamId, revision, recordedAt }, streamHash, logHash));
      const { lastInsertRowid } = this.statements.insert.run(
        e.eventId, streamId, revision, e.type, e.data, e.metadata, recordedAt, streamHash, logHash,
      );
      return {
        eventId: e.eventId,
        streamId,
        type: e.type,
        revision,
        position: Number(lastInsertRowid),
        recordedAt,
        data: JSON.parse(e.data),
        metadata: JSON.parse(e.metadata),
      };
    });
    return { nextRevision: current + events.length, events: appended, replayed: false };
  }

  /**
   * Some event ids of the append are already stored. It is a replay when all of them are,
   * in this stream, consecutive and in the same order; anything else is a conflict.
   */
  private replay(streamId: string, stored: (EventRow | undefined)[]): AppendResult {
    const conflicting = stored.find((row) => row !== undefined)!;
    const first = stored[0];
    if (!first || first.stream_id !== streamId) throw new EventIdConflict(conflicting.event_id);
    stored.forEach((row, i) => {
      if (!row) throw new EventIdConflict(conflicting.event_id);
      if (row.stream_id !== streamId || row.revision !== first.revision + i) throw new EventIdConflict(row.event_id);
    });
    return {
      nextRevision: this.currentRevision(streamId),
      events: (stored as EventRow[]).map(toStoredEvent),
      replayed: true,
    };
  }

  /** Now, unless the clock went back behind the last stored instant: then that instant again. */
  private nextRecordedAt(): string {
    const now = this.store.now().toISOString();
    const last = this.statements.lastRecordedAt.get()?.recorded_at;
    return last !== undefined && last > now ? last : now;
  }
}

/** Checks the arguments of `append` (programming errors) and serializes the events. */
function prepareAppend(streamId: string, events: NewEvent[], expected: ExpectedRevision): PendingEvent[] {
  return checkAppendArguments(streamId, events, expected).map((event) => ({
    eventId: event.eventId,
    type: event.type,
    data: JSON.stringify(event.data),
    metadata: JSON.stringify(event.metadata),
  }));
}

function satisfies(expected: ExpectedRevision, current: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === -1;
    case 'stream_exists':
      return current !== -1;
    default:
      return expected === current;
  }
}
