import { randomUUID } from 'node:crypto';
import { eventStoreContract } from '../contract/event-store.contract.js';
import { EventIdConflict, WrongExpectedRevision, type NewEvent, type StoredEvent } from '../event-store.port.js';
import { jsonEvent } from '@kurrent/kurrentdb-client';
import { KurrentDbEventStore } from './kurrentdb-event-store.adapter.js';
import { FakeKurrentDb } from './testing/fake-kurrentdb.js';
import { sleep, waitFor } from '../testing/wait.js';

/**
 * The KurrentDB adapter over an in-memory fake of the client (`testing/fake-kurrentdb.ts`): the
 * shared contract, and the adapter's own logic (event id index, replays, positions,
 * re-subscription). It checks the adapter, not the server: the contract against a real server
 * (`kurrentdb-event-store.adapter.spec.ts`, with KURRENTDB_URL) is what proves the mapping.
 */

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
      KurrentDbEventStore.withClient(server.client(), { readPageSize: 50, logger: { warn: () => undefined }, streamPrefixes: ['contract-'] }),
    );
  });

  it('hides system events and the server’s own streams from every read', async () => {
    const store = open();
    const streamId = newStreamId();
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
    const streamId = newStreamId();
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
    const first = await theirs.append(newStreamId(), [event], 'no_stream');

    expect(await mine.findEvent(event.eventId)).toEqual(first.events[0]);
    await expect(mine.append(newStreamId(), [event], 'any')).rejects.toBeInstanceOf(EventIdConflict);
    expect(await mine.append(first.events[0].streamId, [event], 'no_stream')).toEqual({ ...first, replayed: true });
  });

  it('serialises concurrent appends of the same id in one process: one append, then replays', async () => {
    const store = open();
    const streamId = newStreamId();
    const event = newEvent();
    const results = await Promise.all(Array.from({ length: 5 }, () => store.append(streamId, [event], 'any')));

    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(results.map((r) => r.events[0].position)).size).toBe(1);
    expect(await store.readStream(streamId)).toHaveLength(1);
  });

  it('maps the server’s wrong expected version, even when the client reports instead of throwing (with a wrong revision)', async () => {
    const store = open();
    const streamId = newStreamId();
    await store.append(streamId, [newEvent(), newEvent(), newEvent()], 'no_stream');
    fake.throwOnAppendFailure = false;
    // The client's batch append resolves { success: false, nextExpectedRevision: 1n } here: "there is a revision", not which.
    expect(await fake.client().appendToStream(streamId, [jsonEvent({ type: 'T', data: {} })], { streamState: 5n })).toMatchObject({ success: false, nextExpectedRevision: 1n });
    const error = await store.append(streamId, [newEvent()], 5).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongExpectedRevision);
    expect(error).toMatchObject({ streamId, expected: 5, actual: 2 });
    expect(await store.append(newStreamId(), [newEvent()], 0).catch((e: unknown) => e)).toMatchObject({ expected: 0, actual: -1 });
  });

  it('resumes after a dropped connection from the last delivered event, skipping and repeating nothing', async () => {
    const store = open();
    const streamId = newStreamId();
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
    const streamId = newStreamId();
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

  it('stops on an event of its own streams it cannot read, reporting why', async () => {
    const store = open();
    fake.writeForeignBinaryEvent(newStreamId());
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

async function drain(iterable: AsyncIterable<unknown>): Promise<unknown[]> {
  const items: unknown[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

function newStreamId(): string {
  return `framework-${randomUUID()}`;
}

function newEvent(data: Record<string, unknown> = {}): NewEvent {
  return { eventId: randomUUID(), type: 'AdapterTested', data, metadata: { actor: 'test' } };
}
