import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import {
  StreamNotFoundError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
  type AppendStreamState,
  type EventData,
  type Filter,
  type Position,
  type ReadPosition,
  type ReadRevision,
} from '@kurrent/kurrentdb-client';
import type { KurrentClient } from '../kurrentdb-client.js';
import type { RecordedEventLike } from '../kurrentdb.mapping.js';

// An in-memory KurrentDB, seen through the client's API. It follows the server's behaviour as
// the client and server sources describe it: positions are record offsets with
// commit = prepare for each event; $all reads start at a record boundary (inclusive) and fail on
// any other position; subscriptions deliver events after their start position (exclusive);
// wrong expected versions and missing streams raise the client's own error classes.

/** A record as the client returns it, with a position always. */
interface FakeRecord extends RecordedEventLike {
  metadata: unknown;
  position: Position;
}

class FakeSubscription extends PassThrough {
  private cursor = 0;
  private cancelled = false;

  constructor(
    private readonly db: FakeKurrentDb,
    from: ReadPosition,
    private readonly recordFilter: Filter | undefined,
  ) {
    super({ objectMode: true });
    setImmediate(() => {
      if (this.db.unavailable) return this.fail(new UnavailableError());
      if (from === 'start') this.cursor = 0;
      else if (from === 'end') this.cursor = this.db.log.length;
      else {
        const index = this.db.log.findIndex((r) => r.position.commit === from.commit);
        if (index < 0) return this.fail(new UnknownError(undefined, 'Invalid position'));
        this.cursor = index + 1; // exclusive
      }
      this.pump();
    });
  }

  get live(): boolean {
    return !this.cancelled && !this.destroyed;
  }

  pump(): void {
    while (this.live && this.cursor < this.db.log.length) {
      const record = this.db.log[this.cursor++];
      if (matches(this.recordFilter, record)) this.write({ event: clone(record), commitPosition: record.position.commit });
    }
  }

  fail(error: Error): void {
    if (!this.live) return;
    this.cancelled = true;
    this.emit('error', error); // as the client's Subscription does: an error event, not an end
  }

  async unsubscribe(): Promise<void> {
    this.cancelled = true;
  }
}

export class FakeKurrentDb {
  readonly log: FakeRecord[] = [];
  private readonly streams = new Map<string, FakeRecord[]>();
  private readonly subscriptions = new Set<FakeSubscription>();
  private offset = 128;
  subscriptionsOpened = 0;
  disposed = 0;
  unavailable = false;
  hang = false;
  throwOnAppendFailure = true;

  client(): KurrentClient {
    const db = this;
    const fake = {
      async appendToStream(streamName: string, events: EventData | EventData[], options: { streamState?: AppendStreamState } = {}) {
        await db.io();
        return db.append(streamName, Array.isArray(events) ? events : [events], options.streamState ?? 'any');
      },
      readStream(
        streamName: string,
        { fromRevision = 'start', direction = 'forwards', maxCount = Number.MAX_SAFE_INTEGER }: { fromRevision?: ReadRevision; direction?: string; maxCount?: number | bigint } = {},
      ) {
        return (async function* () {
          await db.io();
          const stream = db.streams.get(streamName);
          if (!stream) throw new StreamNotFoundError(undefined, streamName);
          const records = direction === 'backwards' ? [...stream].reverse() : stream;
          const start =
            fromRevision === 'start' || fromRevision === 'end'
              ? 0
              : direction === 'backwards'
                ? stream.length - 1 - Number(fromRevision)
                : Number(fromRevision);
          for (const record of records.slice(Math.max(0, start), Math.max(0, start) + Number(maxCount))) {
            yield { event: clone(record), commitPosition: record.position.commit };
          }
        })();
      },
      readAll({ fromPosition = 'start', maxCount = Number.MAX_SAFE_INTEGER, filter }: { fromPosition?: ReadPosition; maxCount?: number | bigint; filter?: Filter } = {}) {
        return (async function* () {
          await db.io();
          let index = 0;
          if (fromPosition === 'end') index = db.log.length;
          else if (fromPosition !== 'start') {
            index = db.log.findIndex((r) => r.position.commit === fromPosition.commit);
            if (index < 0 && fromPosition.commit < BigInt(db.offset)) throw new UnknownError(undefined, 'Invalid position');
            if (index < 0) index = db.log.length; // at or past the end of the log
          }
          let count = 0;
          for (const record of db.log.slice(index)) {
            if (count >= Number(maxCount)) break;
            if (!matches(filter, record)) continue;
            count++;
            yield { event: clone(record), commitPosition: record.position.commit };
          }
        })();
      },
      subscribeToAll({ fromPosition = 'start', filter }: { fromPosition?: ReadPosition; filter?: Filter } = {}) {
        const subscription = new FakeSubscription(db, fromPosition, filter);
        db.subscriptions.add(subscription);
        db.subscriptionsOpened++;
        subscription.on('close', () => db.subscriptions.delete(subscription));
        return subscription;
      },
      async dispose() {
        db.disposed++;
        for (const s of db.subscriptions) s.destroy();
      },
    };
    return fake as unknown as KurrentClient;
  }

  openSubscriptions(): number {
    return [...this.subscriptions].filter((s) => s.live).length;
  }

  /** Every open subscription fails as on a dropped connection. */
  dropSubscriptions(): void {
    for (const s of this.subscriptions) s.fail(new UnavailableError());
  }

  writeSystemEvents(): void {
    this.write('$stats-127.0.0.1:2113', [{ id: randomUUID(), type: '$statsCollected', data: { proc: 1 } }]);
    this.write('$settings', [{ id: randomUUID(), type: 'update-default-acl', data: {} }]);
    this.write('$$some-stream', [{ id: randomUUID(), type: '$metadata', data: {} }]);
  }

  writeForeignBinaryEvent(): void {
    const [record] = this.write('foreign', [{ id: randomUUID(), type: 'Binary', data: {} }]);
    record.isJson = false;
    record.data = new Uint8Array([0xde, 0xad]);
  }

  private async io(): Promise<void> {
    if (this.hang) await new Promise(() => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    if (this.unavailable) throw new UnavailableError();
  }

  private append(streamName: string, events: EventData[], expected: AppendStreamState) {
    const stream = this.streams.get(streamName);
    const current = stream ? BigInt(stream.length - 1) : undefined;
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && current === undefined) ||
      (expected === 'stream_exists' && current !== undefined) ||
      (typeof expected === 'bigint' && expected === current);
    if (!ok) {
      if (!this.throwOnAppendFailure) return { success: false, nextExpectedRevision: current ?? -1n, position: undefined };
      throw new WrongExpectedVersionError(undefined, { streamName, expected, current: current ?? 'no_stream' });
    }
    this.writeSystemEvents(); // the server writes its own events between the service's
    const written = this.write(
      streamName,
      events.map((e) => ({ id: e.id, type: e.type, data: JSON.parse(JSON.stringify(e.data)), metadata: e.metadata })),
    );
    const last = written[written.length - 1];
    return { success: true, nextExpectedRevision: last.revision, position: last.position };
  }

  private write(streamName: string, events: { id: string; type: string; data: unknown; metadata?: unknown }[]): FakeRecord[] {
    const stream = this.streams.get(streamName) ?? [];
    this.streams.set(streamName, stream);
    const created = new Date();
    const written = events.map((e) => {
      const size = 64 + JSON.stringify(e.data).length;
      const position = { commit: BigInt(this.offset), prepare: BigInt(this.offset) };
      this.offset += size;
      const record: FakeRecord = {
        streamId: streamName,
        id: e.id.toLowerCase(),
        type: e.type,
        revision: BigInt(stream.length),
        created,
        isJson: true,
        data: e.data,
        metadata: e.metadata === undefined ? undefined : JSON.parse(JSON.stringify(e.metadata)),
        position,
      };
      stream.push(record);
      this.log.push(record);
      return record;
    });
    for (const s of this.subscriptions) s.pump();
    return written;
  }
}

function matches(filter: Filter | undefined, record: FakeRecord): boolean {
  if (!filter || !('regex' in filter)) return true;
  const subject = filter.filterOn === 'eventType' ? record.type : record.streamId;
  return new RegExp(filter.regex).test(subject);
}

function clone(record: FakeRecord): FakeRecord {
  return structuredClone(record);
}
