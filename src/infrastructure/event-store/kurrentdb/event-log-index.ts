import type { StoredEvent } from '../event-store.port.js';
import { floorPosition } from './kurrentdb.mapping.js';
import type { StoredLocation } from './kurrentdb-replay.js';

/** An event of the log as the index records it. */
export interface IndexEntry extends StoredLocation {
  eventId: string;
  position: number;
  recordedAt: string;
}

/** Reads the service's events of the log after `after` (null: from the start), in log order. */
export type LogScan = (after: number | null, visit: (entry: IndexEntry) => void) => Promise<void>;

/**
 * Every event id of the log with its stream, revision and position, and the sorted positions of
 * the service's events. Built from `$all` by `scan` on first use, then extended from where it
 * stopped by `refresh()`. It holds a prefix of the log (plus the events this process has just
 * appended): an id found here is its first occurrence, for good.
 *
 * It is what makes event ids idempotent across streams on KurrentDB (see docs/event-store.md).
 */
export class EventLogIndex {
  private readonly byId = new Map<string, StoredLocation>();
  private readonly positions: number[] = [];
  private watermark: number | null = null;
  private latest: string | null = null;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;

  constructor(private readonly scan: LogScan) {}

  get(eventId: string): StoredLocation | undefined {
    return this.byId.get(eventId);
  }

  /** Events this process has just appended, before a scan gets to them. */
  remember(events: StoredEvent[]): void {
    for (const e of events) {
      if (!this.byId.has(e.eventId)) this.byId.set(e.eventId, { streamId: e.streamId, revision: e.revision });
      this.seen(e.recordedAt);
    }
  }

  private seen(recordedAt: string): void {
    if (this.latest === null || recordedAt > this.latest) this.latest = recordedAt;
  }

  /** How many events of the log were read. */
  count(): number {
    return this.positions.length;
  }

  /** The latest `recordedAt` of the events read and remembered (null: none). */
  latestRecordedAt(): string | null {
    return this.latest;
  }

  /** The last position read from the log (null: none yet). */
  last(): number | null {
    return this.positions.length === 0 ? null : this.positions[this.positions.length - 1];
  }

  hasPosition(position: number): boolean {
    return floorPosition(this.positions, position) === position;
  }

  floor(position: number): number | null {
    return floorPosition(this.positions, position);
  }

  /**
   * Reads the log up to its current end. A call made while a scan runs waits for one that
   * starts after it, so it sees every event acknowledged before it was made.
   */
  refresh(): Promise<void> {
    if (!this.running) {
      this.running = this.run().finally(() => (this.running = null));
      return this.running;
    }
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.refresh();
      });
    return this.queued;
  }

  private run(): Promise<void> {
    return this.scan(this.watermark, (entry) => {
      if (this.watermark !== null && entry.position <= this.watermark) return;
      this.positions.push(entry.position);
      this.watermark = entry.position;
      this.seen(entry.recordedAt);
      if (!this.byId.has(entry.eventId)) this.byId.set(entry.eventId, { streamId: entry.streamId, revision: entry.revision });
    });
  }
}
