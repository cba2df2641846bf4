import { BACKWARDS, END, FORWARDS, START, excludeSystemEvents, type ReadPosition } from '@kurrent/kurrentdb-client';
import type { StoredEvent } from '../event-store.port.js';
import type { IndexEntry } from './event-log-index.js';
import type { KurrentClient } from './kurrentdb-client.js';
import {
  isStreamNotFound,
  isSystemEvent,
  normalizeEventId,
  numberToPosition,
  positionToNumber,
  revisionToNumber,
  toStoredEvent,
  type ResolvedEventLike,
} from './kurrentdb.mapping.js';

/** A stream nobody writes: reading it is the cheapest round trip that proves the server answers. */
const HEALTH_PROBE_STREAM = 'governance-history-health-probe';

/** The reads of the KurrentDB adapter: streams, and `$all` page by page, without KurrentDB's own events. */
export class KurrentDbReader {
  constructor(
    private readonly client: KurrentClient,
    /** Events read per request when reading `$all` page by page. */
    private readonly pageSize: number,
  ) {}

  /** Events of a stream from `fromRevision`, at most `count`; empty when the stream does not exist. */
  async readRange(streamId: string, fromRevision: number, count?: number): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    try {
      const read = this.client.readStream(streamId, {
        direction: FORWARDS,
        fromRevision: BigInt(fromRevision),
        ...(count === undefined ? {} : { maxCount: count }),
      });
      for await (const resolved of read) {
        const recorded = resolved.event;
        if (!recorded || isSystemEvent(recorded.streamId, recorded.type)) continue;
        events.push(toStoredEvent(recorded));
      }
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw error;
    }
    return events;
  }

  /** The revision of the last event of a stream; -1 when it does not exist. */
  async streamRevision(streamId: string): Promise<number> {
    try {
      for await (const resolved of this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 })) {
        if (resolved.event) return revisionToNumber(resolved.event.revision);
      }
    } catch (error) {
      if (isStreamNotFound(error)) return -1;
      throw error;
    }
    return -1;
  }

  /**
   * The records of `$all` from `from` (inclusive, as the server reads), without system event
   * types (filtered by the server), after port position `after`, read page by page.
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
        filter: excludeSystemEvents(),
      })) {
        count++;
        const recorded = resolved.event;
        if (!recorded?.position) continue;
        last = recorded.position;
        if (positionToNumber(recorded.position, recorded.id) <= skipUpTo) continue;
        yield resolved;
      }
      if (count < pageSize || !last) return;
      position = last; // read from the last record again (inclusive) and skip it
      skipUpTo = Math.max(skipUpTo, positionToNumber(last));
    }
  }

  /** Feeds the event id index with the service events of `$all` after `after`. */
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
