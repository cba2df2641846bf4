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
import { eventStoreContract } from '../event-store.contract.js';
import { EventIdConflict, WrongExpectedRevision, type NewEvent, type StoredEvent } from '../event-store.port.js';
import { KurrentDbEventStore, type KurrentClient } from './kurrentdb-event-store.adapter.js';
import { sleep, waitFor } from '../testing/wait.js';

const KURRENTDB_URL = process.env.KURRENTDB_URL;
const SKIP_REASON =
  'KURRENTDB_URL is not set (start KurrentDB with `docker compose up kurrentdb` and set ' +
  'KURRENTDB_URL=kurrentdb://localhost:2113?tls=false)';

// ---------------------------------------------------------------------------------------------
// Against a real server, wherever one is configured.

if (KURRENTDB_URL) {
  // One store for the whole suite: the contract allows a shared store (every test uses its own
  // streams), and the event id index is then read from $all once rather than once per test.
  let shared: KurrentDbEventStore | undefined;
  afterAll(async () => {
    await shared?.close();
  });
  eventStoreContract(
    `KurrentDB at ${KURRENTDB_URL}`,
    async () => (shared ??= KurrentDbEventStore.connect(KURRENTDB_URL)),
    async () => undefined,
  );
} else {
  describe('KurrentDB event store (contract against a server)', () => {
    it(`is skipped: ${SKIP_REASON}`, () => {
      console.warn(`KurrentDB contract suite skipped: ${SKIP_REASON}`);
      expect(KURRENTDB_URL).toBeUndefined();
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Without a server.

describe('KurrentDB event store without a reachable server', () => {
  // Loopback port 1: nothing listens there, connections are refused at once.
  const UNREACHABLE = 'kurrentdb://localhost:1?tls=false';
  let store: KurrentDbEventStore;
  let warnings: string[];

  beforeEach(() => {
    warnings = [];
    store = KurrentDbEventStore.connect(UNREACHABLE, {
      healthTimeoutMs: 2000,
      resubscribeBackoffMs: { initial: 10, max: 50 },
      logger: { warn: (message: string) => void warnings.push(message) },
    });
  });

  afterEach(async () => {
    await store.close();
  });

  it('constructs without touching the network, and refuses malformed connection strings at once', () => {
    expect(store).toBeInstanceOf(KurrentDbEventStore);
    expect(() => KurrentDbEventStore.connect('http://localhost:2113')).toThrow();
  });

  it('reports down quickly rather than hanging', async () => {
    const started = Date.now();
    const health = await store.health();
    expect(health.status).toBe('down');
    expect(health.detail).toMatch(/^KurrentDB: /);
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('refuses invalid arguments before reaching for the server', async () => {
    await expect(store.append('s', [], 'any')).rejects.toThrow(/no events/);
    await expect(store.append('$system', [newEvent()], 'any')).rejects.toThrow(TypeError);
    await expect(store.append('s', [{ ...newEvent(), eventId: 'not-a-uuid' }], 'any')).rejects.toThrow(TypeError);
    await expect(store.append('s', [newEvent()], 1.5)).rejects.toThrow(TypeError);
    await expect(store.readAll(null, 0)).rejects.toThrow(RangeError);
    await expect(store.readAll(-1, 10)).rejects.toThrow(RangeError);
    await expect(store.readStream('s', -1)).rejects.toThrow(RangeError);
    expect(() => store.subscribe({ fromPosition: 1.5, handler: () => undefined })).toThrow(RangeError);
  });

  it('keeps re-subscribing while the server is unreachable, without reporting an error, until closed', async () => {
    const errors: unknown[] = [];
    const subscription = store.subscribe({ fromPosition: null, handler: () => undefined, onError: (e) => errors.push(e) });
    await waitFor(() => warnings.length >= 2);
    const started = Date.now();
    await subscription.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(errors).toEqual([]);
    expect(warnings[0]).toMatch(/re-subscribing after position start/);
  });

  it('reports down and refuses work once closed', async () => {
    await store.close();
    expect(await store.health()).toEqual({ status: 'down', detail: 'event store is closed' });
    await expect(store.append('s', [newEvent()], 'any')).rejects.toThrow('closed');
    expect(() => store.subscribe({ fromPosition: null, handler: () => undefined })).toThrow('closed');
  });
});

// ---------------------------------------------------------------------------------------------
// The adapter's own logic (event id index, replays, positions, re-subscription) over an
// in-memory fake of the client, written after the server's documented behaviour. It checks the
// adapter, not the server: the contract against a real server above is what proves the mapping.

describe('KurrentDB adapter over an in-memory fake of the client', () => {
  let fake: FakeKurrentDb;
  const opened: KurrentDbEventStore[] = [];

  function open(options: Parameters<typeof KurrentDbEventStore.withClient>[1] = {}): KurrentDbEventStore {
    const store = KurrentDbEventStore.withClient(fake.client(), {
      resubscribeBackoffMs: { initial: 5, max: 20 },
      logger: { warn: () => undefined },
      readPageSize: 7, // small pages, to page through $all often
      ...options,
    });
    opened.push(store);
    return store;
  }

  beforeEach(() => {
    fake = new FakeKurrentDb();
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });

  describe('shared contract', () => {
    let server: FakeKurrentDb;
    beforeAll(() => {
      server = new FakeKurrentDb();
    });
    eventStoreContract('KurrentDB adapter over the fake client', async () =>
      KurrentDbEventStore.withClient(server.client(), { readPageSize: 50, logger: { warn: () => undefined } }),
    );
  });

  it('hides system events and the server’s own streams from every read', async () => {
    const store = open();
    const streamId = `s-${randomUUID()}`;
    const stored = (await store.append(streamId, [newEvent(), newEvent()], 'no_stream')).events;
    fake.writeSystemEvents();
    await store.append(streamId, [newEvent()], 1);

    const all = await store.readAll(null, 100);
    expect(all.every((e) => !e.streamId.startsWith('$') && !e.type.startsWith('$'))).toBe(true);
    expect(all.slice(0, 2)).toEqual(stored);
    expect(fake.log.some((r) => r.streamId.startsWith('$'))).toBe(true);
  });

  it('reads $all after a position that is no event’s own, from the nearest event before it', async () => {
    const store = open();
    const streamId = `s-${randomUUID()}`;
    const stored = (await store.append(streamId, [newEvent(), newEvent(), newEvent()], 'no_stream')).events;

    // The fake, like the server, refuses reads that do not start at a record boundary.
    await expect(drain(fake.client().readAll({ fromPosition: { commit: BigInt(stored[1].position - 1), prepare: BigInt(stored[1].position - 1) } }))).rejects.toThrow(/invalid position/i);
    expect(await store.readAll(stored[1].position - 1, 10)).toEqual(stored.slice(1));
    expect(await store.readAll(stored[1].position, 10)).toEqual(stored.slice(2));
    expect(await store.readAll(stored[2].position + 1_000_000, 10)).toEqual([]);
  });

  it('sees events appended by another process before deciding on ids', async () => {
    const mine = open();
    const theirs = open();
    const event = newEvent();
    const first = await theirs.append(`s-${randomUUID()}`, [event], 'no_stream');

    expect(await mine.findEvent(event.eventId)).toEqual(first.events[0]);
    await expect(mine.append(`s-${randomUUID()}`, [event], 'any')).rejects.toBeInstanceOf(EventIdConflict);
    expect(await mine.append(first.events[0].streamId, [event], 'no_stream')).toEqual({ ...first, replayed: true });
  });

  it('serialises concurrent appends of the same id in one process: one append, then replays', async () => {
    const store = open();
    const streamId = `s-${randomUUID()}`;
    const event = newEvent();
    const results = await Promise.all(Array.from({ length: 5 }, () => store.append(streamId, [event], 'any')));

    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(results.map((r) => r.events[0].position)).size).toBe(1);
    expect(await store.readStream(streamId)).toHaveLength(1);
  });

  it('maps the server’s wrong expected version, even when the client reports instead of throwing', async () => {
    const store = open();
    const streamId = `s-${randomUUID()}`;
    await store.append(streamId, [newEvent()], 'no_stream');
    fake.throwOnAppendFailure = false;
    const error = await store.append(streamId, [newEvent()], 5).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongExpectedRevision);
    expect(error).toMatchObject({ streamId, expected: 5, actual: 0 });
  });

  it('resumes after a dropped connection from the last delivered event, skipping and repeating nothing', async () => {
    const store = open();
    const streamId = `s-${randomUUID()}`;
    const before = (await store.append(streamId, [newEvent(), newEvent(), newEvent()], 'no_stream')).events;
    const delivered: StoredEvent[] = [];
    const errors: unknown[] = [];
    const subscription = store.subscribe({
      fromPosition: null,
      handler: async (event) => {
        delivered.push(event);
        if (delivered.length === 2) fake.dropSubscriptions(); // mid-catch-up, with events still buffered
      },
      onError: (e) => errors.push(e),
    });
    await waitFor(() => delivered.length === 3 && fake.openSubscriptions() === 1);
    const opened = fake.subscriptionsOpened;
    fake.dropSubscriptions(); // while live
    const after = (await store.append(streamId, [newEvent(), newEvent()], 2)).events;
    await waitFor(() => delivered.length === 5);
    await sleep(30);

    expect(delivered).toEqual([...before, ...after]);
    expect(errors).toEqual([]);
    expect(fake.subscriptionsOpened).toBeGreaterThan(opened);
    await subscription.close();
    expect(fake.openSubscriptions()).toBe(0);
  });

  it('resumes once the server is back after an outage', async () => {
    const store = open();
    const streamId = `s-${randomUUID()}`;
    const delivered: StoredEvent[] = [];
    store.subscribe({ fromPosition: null, handler: (event) => void delivered.push(event) });
    const first = (await store.append(streamId, [newEvent()], 'no_stream')).events;
    await waitFor(() => delivered.length === 1);

    fake.unavailable = true;
    fake.dropSubscriptions();
    await sleep(50);
    fake.unavailable = false;
    const second = (await store.append(streamId, [newEvent()], 0)).events;
    await waitFor(() => delivered.length === 2);
    expect(delivered).toEqual([...first, ...second]);
  });

  it('stops on an event it cannot read, reporting why', async () => {
    const store = open();
    fake.writeForeignBinaryEvent();
    const errors: unknown[] = [];
    store.subscribe({ fromPosition: null, handler: () => undefined, onError: (e) => errors.push(e) });
    await waitFor(() => errors.length === 1);
    expect(String(errors[0])).toMatch(/not a JSON object/);
  });

  it('reports its health from a cheap read, and down when the server does not answer', async () => {
    const store = open({ healthTimeoutMs: 50 });
    expect(await store.health()).toEqual({ status: 'up' });
    fake.unavailable = true;
    expect(await store.health()).toMatchObject({ status: 'down' });
    fake.unavailable = false;
    fake.hang = true;
    expect(await store.health()).toEqual({ status: 'down', detail: 'KurrentDB: no answer within 50 ms' });
    fake.hang = false;
  });

  it('closes its subscriptions and disposes of the client on close', async () => {
    const store = open();
    store.subscribe({ fromPosition: null, handler: () => undefined });
    await waitFor(() => fake.openSubscriptions() === 1);
    await store.close();
    expect(fake.openSubscriptions()).toBe(0);
    expect(fake.disposed).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------
// An in-memory KurrentDB, seen through the client's API. It follows the server's behaviour as
// the client and server sources describe it: positions are record offsets with
// commit = prepare for each event; $all reads start at a record boundary (inclusive) and fail on
// any other position; subscriptions deliver events after their start position (exclusive);
// wrong expected versions and missing streams raise the client's own error classes.

interface FakeRecord {
  streamId: string;
  id: string;
  type: string;
  revision: bigint;
  created: Date;
  isJson: boolean;
  data: unknown;
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

class FakeKurrentDb {
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

async function drain(iterable: AsyncIterable<unknown>): Promise<unknown[]> {
  const items: unknown[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

function newEvent(data: Record<string, unknown> = {}): NewEvent {
  return { eventId: randomUUID(), type: 'AdapterTested', data, metadata: { actor: 'test' } };
}

