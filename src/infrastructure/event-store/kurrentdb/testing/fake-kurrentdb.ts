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
//
// And what matters when several instances share a cluster:
// - idempotent appends as the server's IndexWriter.CheckCommit decides them: with an expected
//   revision below the stream's, events whose ids are those already stored right after it are
//   acknowledged without being written (the first id different: wrong expected version; a later
//   one: "corrupted idempotency", answered as a wrong expected version too); with `any` or
//   `stream_exists`, the same from the server's cache of committed event ids;
// - follower reads: `followerLag` records at the end of the log are not yet on the followers, and
//   a read that does not require the leader (`requiresLeader`) does not see them;
// - server-side filters of $all reads and subscriptions, by regex or by prefixes;
// - `throwOnAppendFailure = false`: the client's batch append then resolves
//   `{ success: false, nextExpectedRevision: BigInt(hasCurrentStreamRevision()) }`, i.e. 1n when
//   the stream exists and 0n when it does not, whatever its revision.

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
  /** Records at the end of the log that the followers do not have yet. */
  followerLag = 0;
  /** Stream reads that fail, as during a leader change, before reads work again. */
  failingStreamReads = 0;
  /** The leader's clock against this machine's (a leader change to a node whose clock is behind: negative). */
  clockOffsetMs = 0;
  /** The server's cache of committed event ids (for `any` / `stream_exists` idempotence). */
  private readonly committed = new Map<string, { stream: string; revision: number }>();
  private readonly logIndex = new Map<FakeRecord, number>();
  private barrier: { need: number; arrived: (() => void)[] } | null = null;

  client(): KurrentClient {
    const db = this;
    const fake = {
      async appendToStream(streamName: string, events: EventData | EventData[], options: { streamState?: AppendStreamState } = {}) {
        await db.io();
        await db.arrive();
        return db.append(streamName, Array.isArray(events) ? events : [events], options.streamState ?? 'any');
      },
      readStream(
        streamName: string,
        {
          fromRevision = 'start',
          direction = 'forwards',
          maxCount = Number.MAX_SAFE_INTEGER,
          requiresLeader = false,
        }: { fromRevision?: ReadRevision; direction?: string; maxCount?: number | bigint; requiresLeader?: boolean } = {},
      ) {
        return (async function* () {
          await db.io();
          if (db.failingStreamReads > 0) {
            db.failingStreamReads--;
            throw new UnavailableError();
          }
          const visible = db.visible(requiresLeader);
          const stream = db.streams.get(streamName)?.filter((r) => db.logIndex.get(r)! < visible);
          if (!stream || stream.length === 0) throw new StreamNotFoundError(undefined, streamName);
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
      readAll({
        fromPosition = 'start',
        maxCount = Number.MAX_SAFE_INTEGER,
        filter,
        requiresLeader = false,
      }: { fromPosition?: ReadPosition; maxCount?: number | bigint; filter?: Filter; requiresLeader?: boolean } = {}) {
        return (async function* () {
          await db.io();
          const log = db.log.slice(0, db.visible(requiresLeader));
          let index = 0;
          if (fromPosition === 'end') index = log.length;
          else if (fromPosition !== 'start') {
            index = log.findIndex((r) => r.position.commit === fromPosition.commit);
            if (index < 0 && fromPosition.commit < BigInt(db.offset)) throw new UnknownError(undefined, 'Invalid position');
            if (index < 0) index = log.length; // at or past the end of the log
          }
          let count = 0;
          for (const record of log.slice(index)) {
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

  /** Another application's event that is not JSON (a shared server), in `streamName`. */
  writeForeignBinaryEvent(streamName = 'foreign'): void {
    const [record] = this.write(streamName, [{ id: randomUUID(), type: 'Binary', data: {} }]);
    record.isJson = false;
    record.data = new Uint8Array([0xde, 0xad]);
  }

  /** The next `count` appends wait for each other, then run in the order they came (two instances appending at once). */
  holdAppends(count: number): void {
    this.barrier = { need: count, arrived: [] };
  }

  private async arrive(): Promise<void> {
    const barrier = this.barrier;
    if (!barrier) return;
    await new Promise<void>((resolve) => {
      barrier.arrived.push(resolve);
      if (barrier.arrived.length === barrier.need) {
        this.barrier = null;
        for (const release of barrier.arrived) release();
      }
    });
  }

  /** How many records of the log a read sees: all on the leader, all but the last `followerLag` on a follower. */
  private visible(requiresLeader: boolean): number {
    return requiresLeader ? this.log.length : Math.max(0, this.log.length - this.followerLag);
  }

  private async io(): Promise<void> {
    if (this.hang) await new Promise(() => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    if (this.unavailable) throw new UnavailableError();
  }

  private append(streamName: string, events: EventData[], expected: AppendStreamState) {
    const stream = this.streams.get(streamName) ?? [];
    const current = stream.length - 1;
    const ids = events.map((e) => e.id.toLowerCase());
    const fail = () => {
      // The client's batch append: `BigInt(wrongExpectedVersion.hasCurrentStreamRevision())`.
      if (!this.throwOnAppendFailure) return { success: false, nextExpectedRevision: BigInt(current >= 0), position: undefined };
      throw new WrongExpectedVersionError(undefined, { streamName, expected, current: current >= 0 ? BigInt(current) : 'no_stream' });
    };
    // Acknowledged without writing: the revision and position of the last of the stored events.
    const idempotent = (last: number) => ({ success: true, nextExpectedRevision: BigInt(last), position: stream[last].position });
    if (expected === 'stream_exists' && current < 0) return fail();
    if (expected === 'any' || expected === 'stream_exists') {
      const cached = ids.map((id) => this.committed.get(id));
      if (cached[0]?.stream === streamName) {
        if (cached.every((c, i) => c?.stream === streamName && c.revision === cached[0]!.revision + i)) return idempotent(cached.at(-1)!.revision);
        return fail(); // corrupted idempotency
      }
    } else {
      const after = expected === 'no_stream' ? -1 : Number(expected);
      if (after > current) return fail();
      if (after < current) {
        if (stream[after + 1]?.id !== ids[0]) return fail();
        if (ids.some((id, i) => stream[after + 1 + i]?.id !== id)) return fail(); // corrupted idempotency
        return idempotent(after + ids.length);
      }
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
    const created = new Date(Date.now() + this.clockOffsetMs);
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
      this.logIndex.set(record, this.log.length);
      this.log.push(record);
      this.committed.set(record.id, { stream: streamName, revision: Number(record.revision) });
      return record;
    });
    for (const s of this.subscriptions) s.pump();
    return written;
  }
}

function matches(filter: Filter | undefined, record: FakeRecord): boolean {
  if (!filter) return true;
  const subject = filter.filterOn === 'eventType' ? record.type : record.streamId;
  if ('prefixes' in filter) return filter.prefixes.some((prefix) => subject.startsWith(prefix));
  if ('regex' in filter) return new RegExp(filter.regex).test(subject);
  return true;
}

function clone(record: FakeRecord): FakeRecord {
  return structuredClone(record);
}
