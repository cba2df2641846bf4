import { BACKWARDS, END, FORWARDS, START, streamNameFilter, type ReadPosition } from '@kurrent/kurrentdb-client';
import type { StoredEvent } from '../event-store.port.js';
import type { IndexEntry } from './event-log-index.js';
import type { KurrentClient } from './kurrentdb-client.js';
import { GENESIS, recordedAtOf, sealOf, type Seal, type StreamHead } from './kurrentdb-seal.js';
import {
  isOwnStream,
  isStreamNotFound,
  isSystemEvent,
  normalizeEventId,
  numberToPosition,
  positionToNumber,
  revisionToNumber,
  toStoredEvent,
  type RecordedEventLike,
  type ResolvedEventLike,
} from './kurrentdb.mapping.js';

/** A stream nobody writes: reading it is the cheapest round trip that proves the server answers. */
const HEALTH_PROBE_STREAM = 'governance-history-health-probe';

/** A stored event with the seal its metadata carried (null: written without one). */
export interface SealedEvent {
  event: StoredEvent;
  seal: Seal | null;
}

/**
 * The reads of the KurrentDB adapter: streams, and `$all` page by page, filtered by the server to
 * the store's own streams (`prefixes`), without KurrentDB's own events.
 *
 * Every read requires the leader (`requiresLeader`): a follower may not have the events the
 * leader has just acknowledged, and the adapter reads to decide (read-back after an append, event
 * ids, the stream's head, the end of the log). A follower asked answers "not leader", and the
 * client reconnects to the leader.
 */
export class KurrentDbReader {
  constructor(
    private readonly client: KurrentClient,
    /** Events read per request when reading `$all` page by page. */
    private readonly pageSize: number,
    /** The store's own streams, by name prefix. */
    private readonly prefixes: readonly string[],
  ) {}

  /** Events of a stream from `fromRevision`, at most `count`; empty when the stream does not exist. */
  async readRange(streamId: string, fromRevision: number, count?: number): Promise<StoredEvent[]> {
    return (await this.readSealed(streamId, fromRevision, count)).map((s) => s.event);
  }

  /** Events of a stream with their seals. */
  async readSealed(streamId: string, fromRevision: number, count?: number): Promise<SealedEvent[]> {
    const events: SealedEvent[] = [];
    try {
      const read = this.client.readStream(streamId, {
        direction: FORWARDS,
        fromRevision: BigInt(fromRevision),
        requiresLeader: true,
        ...(count === undefined ? {} : { maxCount: count }),
      });
      for await (const resolved of read) {
        const recorded = resolved.event;
        if (!recorded || isSystemEvent(recorded.streamId, recorded.type)) continue;
        events.push({ event: toStoredEvent(recorded), seal: sealOf(recorded.metadata) });
      }
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw error;
    }
    return events;
  }

  /** The revision of the last event of a stream; -1 when it does not exist. */
  async streamRevision(streamId: string): Promise<number> {
    return (await this.head(streamId)).revision;
  }

  /** The stream's last event, as what an append follows (revision -1: no stream). */
  async head(streamId: string): Promise<StreamHead> {
    try {
      for await (const resolved of this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1, requiresLeader: true })) {
        if (resolved.event) return headOf(resolved.event);
      }
    } catch (error) {
      if (!isStreamNotFound(error)) throw error;
    }
    return { revision: -1, link: GENESIS, recordedAt: null };
  }

  /** The event at `revision` of a stream as what an append follows; null when there is none. */
  async headAt(streamId: string, revision: number): Promise<StreamHead | null> {
    try {
      for await (const resolved of this.client.readStream(streamId, { direction: FORWARDS, fromRevision: BigInt(revision), maxCount: 1, requiresLeader: true })) {
        if (resolved.event && revisionToNumber(resolved.event.revision) === revision) return headOf(resolved.event);
      }
    } catch (error) {
      if (!isStreamNotFound(error)) throw error;
    }
    return null;
  }

  /**
   * The records of `$all` from `from` (inclusive, as the server reads), of the store's own streams
   * (filtered by the server), after port position `after`, read page by page.
   */
  async *readLog(from: ReadPosition, after: number | null, pageSize = this.pageSize): AsyncGenerator<ResolvedEventLike> {
    let position = from;
    let skipUpTo = after ?? -1;
    for (;;) {
      let count = 0;
      let last: { commit: bigint; prepare: bigint } | undefined;
      for await (const resolved of this.client.readAll({
        fromPosition: position,
        maxCount: pageSize,
        direction: FORWARDS,
        filter: this.filter(),
        requiresLeader: true,
      })) {
        count++;
        const recorded = resolved.event;
        if (!recorded?.position) continue;
        last = recorded.position;
        if (!isOwnStream(recorded.streamId, this.prefixes)) continue;
        if (positionToNumber(recorded.position, recorded.id) <= skipUpTo) continue;
        yield resolved;
      }
      if (count < pageSize || !last) return;
      position = last; // read from the last record again (inclusive) and skip it
      skipUpTo = Math.max(skipUpTo, positionToNumber(last));
    }
  }

  /** The server-side filter of `$all` reads and subscriptions: the store's own streams. */
  filter() {
    return streamNameFilter({ prefixes: [...this.prefixes] });
  }

  /** Feeds the event id index with the store's events of `$all` after `after`. */
  async scanLog(after: number | null, visit: (entry: IndexEntry) => void): Promise<void> {
    const from = after === null ? START : numberToPosition(after);
    for await (const resolved of this.readLog(from, after)) {
      const recorded = resolved.event;
      if (!recorded?.position || resolved.link !== undefined || isSystemEvent(recorded.streamId, recorded.type)) continue;
      visit({
        eventId: normalizeEventId(recorded.id),
        streamId: recorded.streamId,
        revision: revisionToNumber(recorded.revision),
        position: positionToNumber(recorded.position, recorded.id),
        recordedAt: recordedAtOf(createdOf(recorded), sealOf(recorded.metadata)),
      });
    }
  }

  /** One cheap read; throws when the server does not answer. */
  async probe(): Promise<void> {
    try {
      for await (const _ of this.client.readStream(HEALTH_PROBE_STREAM, { maxCount: 1 })) break;
    } catch (error) {
      if (!isStreamNotFound(error)) throw error;
    }
  }
}

function createdOf(recorded: RecordedEventLike): string {
  const created = recorded.created;
  return Object.prototype.toString.call(created) === '[object Date]' && !Number.isNaN(created.getTime()) ? created.toISOString() : '';
}

function headOf(recorded: RecordedEventLike): StreamHead {
  const seal = sealOf(recorded.metadata);
  return { revision: revisionToNumber(recorded.revision), link: seal?.link ?? GENESIS, recordedAt: recordedAtOf(createdOf(recorded), seal) };
}
