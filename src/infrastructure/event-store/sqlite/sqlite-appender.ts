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

/** The head of the log while a group is written: read once when the group takes the write lock, then kept. */
interface LogHead {
  logHash: string;
  /** The last `recordedAt` given (undefined: the log is empty). */
  recordedAt: string | undefined;
}

/**
 * The appends of the embedded store, committed in groups: the calls made while the event loop
 * is busy are queued and written by the next flush in ONE transaction (one fsync), each call in
 * its own savepoint so that a refusal (wrong revision, id conflict, the database refusing a row)
 * undoes that call only. Every promise resolves after the group's commit is on disk.
 *
 * Within a group the head of the log (last log hash, last instant) is read once, when the group
 * holds the write lock, and carried from one append to the next; the head of each stream
 * (revision and hash) is one query. Refusals that need no write (a wrong revision, an id taken)
 * are found before the append's savepoint is opened.
 */
export class SqliteAppender {
  private readonly queue: QueuedAppend[] = [];
  /** The group commit: queued appends in one IMMEDIATE transaction (takes the write lock up front). */
  private readonly groupTransaction: Database.Transaction<(batch: QueuedAppend[], outcomes: Outcome[]) => void>;
  /** The writes of one append (a savepoint within the group's transaction). */
  private readonly insertTransaction: Database.Transaction<
    (streamId: string, events: PendingEvent[], current: number, streamHash: string, head: LogHead) => AppendResult
  >;
  /** The revision and stream hash of a stream's last event, in one query. */
  private readonly streamHead: Database.Statement<[string], { revision: number; stream_hash: string }>;

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
    this.streamHead = db.prepare<[string], { revision: number; stream_hash: string }>(
      'SELECT revision, stream_hash FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
    );
    this.insertTransaction = db.transaction((streamId, events, current, streamHash, head) =>
      this.insertInTransaction(streamId, events, current, streamHash, head),
    );
    // Nested inside it, each append's transaction function becomes a savepoint.
    this.groupTransaction = db.transaction((batch: QueuedAppend[], outcomes: Outcome[]) => {
      const head: LogHead = {
        logHash: this.statements.lastLogHash.get()?.log_hash ?? GENESIS,
        recordedAt: this.statements.lastRecordedAt.get()?.recorded_at,
      };
      for (const request of batch) {
        try {
          outcomes.push({ ok: true, result: this.appendInGroup(request, head) });
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

  /** One append of a group: its checks, then its rows in a savepoint. `head` moves on when it is stored. */
  private appendInGroup({ streamId, pending, expected }: QueuedAppend, head: LogHead): AppendResult {
    const stored = pending.map((e) => this.statements.byEventId.get(e.eventId));
    if (stored.some((row) => row !== undefined)) return this.replay(streamId, stored);

    const last = this.streamHead.get(streamId);
    const current = last?.revision ?? -1;
    if (!satisfies(expected, current)) throw new WrongExpectedRevision(streamId, expected, current);
    const next: LogHead = { ...head };
    const result = this.insertTransaction(streamId, pending, current, last?.stream_hash ?? GENESIS, next);
    Object.assign(head, next); // only once the savepoint is released
    return result;
  }

  private insertInTransaction(streamId: string, events: PendingEvent[], current: number, streamHash: string, head: LogHead): AppendResult {
    const recordedAt = this.nextRecordedAt(head.recordedAt);
    let logHash = head.logHash;
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
    head.logHash = logHash;
    head.recordedAt = recordedAt;
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
  private nextRecordedAt(last: string | undefined): string {
    const now = this.store.now().toISOString();
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
