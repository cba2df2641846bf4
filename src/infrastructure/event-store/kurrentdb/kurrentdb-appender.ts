import { randomUUID } from 'node:crypto';
import { WrongExpectedRevision, type AppendResult, type ExpectedRevision, type NewEvent, type StoredEvent } from '../event-store.port.js';
import type { EventLogIndex } from './event-log-index.js';
import { KeyedLock } from './keyed-lock.js';
import type { KurrentClient } from './kurrentdb-client.js';
import type { KurrentDbReader, SealedEvent } from './kurrentdb-reader.js';
import { decideReplay, type StoredLocation } from './kurrentdb-replay.js';
import { GENESIS, sealAppend, type StreamHead } from './kurrentdb-seal.js';
import { isTransientError, prepareAppend, revisionToNumber, toEventData, toWrongExpectedRevision, type PendingEvent } from './kurrentdb.mapping.js';

/** Appends with `any` or `stream_exists` are made against the head read just before: tries when another writer gets there first. */
const LOOSE_ATTEMPTS = 10;
/** Reads of an acknowledged append, the first one included, before giving up (a leader change may delay them). */
const READ_BACK_ATTEMPTS = 6;
/** Stream heads kept from this process's own appends (the next append of a stream needs its last link). */
const HEADS = 1024;

/**
 * The appends of the KurrentDB adapter. Event ids already in the log are replayed or refused
 * (`decideReplay`, with the event id index); new events go to the server with the revision they
 * follow, sealed (`kurrentdb-seal.ts`): each carries its stream's hash chain link, the id of this
 * append and the latest instant known. The events are then read back from the leader: when their
 * append id is another one, the server took this append as a retry of one already stored (its own
 * idempotence, by event ids: the same ids after the same revision, from another instance), and the
 * answer is a replay of those events, not a fresh append.
 */
export class KurrentDbAppender {
  private readonly locks = new KeyedLock();
  private readonly heads = new Map<string, StreamHead>();

  constructor(
    private readonly client: KurrentClient,
    private readonly reader: KurrentDbReader,
    private readonly index: EventLogIndex,
    private readonly prefixes: readonly string[],
  ) {}

  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const pending = prepareAppend(streamId, events, expected, this.prefixes);
    return this.locks.run(
      pending.map((e) => e.eventId),
      async () => {
        await this.index.refresh();
        const stored = pending.map((e) => this.index.get(e.eventId));
        if (stored.some((location) => location !== undefined)) return this.replay(streamId, pending, stored);
        for (let attempt = 1; ; attempt++) {
          const outcome = await this.tryAppend(streamId, pending, expected);
          if (outcome !== 'moved') return outcome;
          if (attempt >= LOOSE_ATTEMPTS) throw new WrongExpectedRevision(streamId, expected, await this.reader.streamRevision(streamId));
        }
      },
    );
  }

  /** One append against the stream's head as known now; 'moved' when another writer got there first and `expected` allows another try. */
  private async tryAppend(streamId: string, pending: PendingEvent[], expected: ExpectedRevision): Promise<AppendResult | 'moved'> {
    const loose = expected === 'any' || expected === 'stream_exists';
    const head = await this.headFor(streamId, expected);
    const appendId = randomUUID();
    const latest = this.index.latestRecordedAt();
    const notBefore = head.recordedAt !== null && (latest === null || head.recordedAt > latest) ? head.recordedAt : latest;
    const metadata = sealAppend(streamId, pending, head, appendId, notBefore);
    let result;
    try {
      result = await this.client.appendToStream(
        streamId,
        pending.map((e, i) => toEventData({ ...e, metadata: metadata[i] })),
        { streamState: head.revision < 0 ? 'no_stream' : BigInt(head.revision) },
      );
    } catch (error) {
      const wrong = toWrongExpectedRevision(error, streamId, expected);
      if (!wrong) throw error;
      this.heads.delete(streamId);
      if (loose) return 'moved';
      throw wrong;
    }
    if (!result.success) {
      // With `throwOnAppendFailure=false` the client reports instead of throwing, and its batch
      // append reports the current revision wrongly (whether there is one, as 0 or 1): read it.
      this.heads.delete(streamId);
      if (loose) return 'moved';
      throw new WrongExpectedRevision(streamId, expected, await this.reader.streamRevision(streamId));
    }
    const last = revisionToNumber(result.nextExpectedRevision);
    const appended = await this.readBack(streamId, last - pending.length + 1, pending.length);
    const events = appended.map((a) => a.event);
    assertSameEvents(streamId, pending, events);
    this.index.remember(events);
    const tail = appended[appended.length - 1];
    this.keepHead(streamId, { revision: tail.event.revision, link: tail.seal?.link ?? GENESIS, recordedAt: tail.event.recordedAt });
    if (appended.some((a) => a.seal?.append !== appendId)) {
      return { nextRevision: await this.reader.streamRevision(streamId), events, replayed: true };
    }
    return { nextRevision: last, events, replayed: false };
  }

  /** What the append follows: for a revision, that event (kept from this process's last append, or read). */
  private async headFor(streamId: string, expected: ExpectedRevision): Promise<StreamHead> {
    if (expected === 'no_stream') return { revision: -1, link: GENESIS, recordedAt: null };
    if (typeof expected === 'number') {
      const kept = this.heads.get(streamId);
      if (kept?.revision === expected) return kept;
      const head = await this.reader.headAt(streamId, expected);
      if (!head) throw new WrongExpectedRevision(streamId, expected, await this.reader.streamRevision(streamId));
      return head;
    }
    const head = await this.reader.head(streamId);
    if (expected === 'stream_exists' && head.revision < 0) throw new WrongExpectedRevision(streamId, expected, -1);
    return head;
  }

  private keepHead(streamId: string, head: StreamHead): void {
    this.heads.delete(streamId);
    this.heads.set(streamId, head);
    if (this.heads.size > HEADS) this.heads.delete(this.heads.keys().next().value as string);
  }

  /**
   * The events of an acknowledged append, read from the leader. An acknowledged write is durable:
   * a read that fails on a passing fault (a leader change) or comes back short is tried again
   * rather than turning the write into an error (which a client would retry into a duplicate).
   */
  private async readBack(streamId: string, fromRevision: number, count: number): Promise<SealedEvent[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        const events = await this.reader.readSealed(streamId, fromRevision, count);
        if (events.length === count || attempt >= READ_BACK_ATTEMPTS) return events;
      } catch (error) {
        if (!isTransientError(error) || attempt >= READ_BACK_ATTEMPTS) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** (attempt - 1))));
    }
  }

  private async replay(streamId: string, pending: PendingEvent[], stored: (StoredLocation | undefined)[]): Promise<AppendResult> {
    const { fromRevision } = decideReplay(streamId, pending, stored);
    const events = await this.reader.readRange(streamId, fromRevision, pending.length);
    assertSameEvents(streamId, pending, events);
    return { nextRevision: await this.reader.streamRevision(streamId), events, replayed: true };
  }
}

/** The stored events must be the ones of the append, in order. */
function assertSameEvents(streamId: string, pending: PendingEvent[], events: StoredEvent[]): void {
  if (events.length !== pending.length || events.some((e, i) => e.eventId !== pending[i].eventId)) {
    throw new Error(
      `append to ${streamId}: KurrentDB acknowledged the events but the stream does not hold them where expected ` +
        `(found ${events.map((e) => e.eventId).join(', ') || 'nothing'})`,
    );
  }
}
