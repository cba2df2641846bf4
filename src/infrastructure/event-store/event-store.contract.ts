import { randomUUID } from 'node:crypto';
import {
  EventIdConflict,
  WrongExpectedRevision,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type StoredEvent,
  type Subscription,
} from './event-store.port.js';
import { sleep, waitFor } from './testing/wait.js';

/** What only some adapters can do, and how the contract reaches it. */
export interface EventStoreContractOptions {
  /**
   * For adapters that restore backups (`restore`): opens a new, EMPTY store, closed by the test.
   * Without it, the contract only checks that `restore` refuses a store holding events.
   */
  openEmpty?: () => Promise<EventStore>;
}

/**
 * The behaviour every event store adapter must have. Each adapter's spec calls
 * `eventStoreContract(name, open)`; `open` gives a store per test, `teardown` (default:
 * `store.close()`) releases it.
 *
 * The store may be shared with other tests or writers (a KurrentDB server): every test uses
 * its own random streams and only asserts about its own events on the global log.
 */
export function eventStoreContract(
  name: string,
  open: () => Promise<EventStore>,
  teardown: (store: EventStore) => Promise<void> = (store) => store.close(),
  options: EventStoreContractOptions = {},
): void {
  describe(`event store contract: ${name}`, () => {
    let store: EventStore;
    let subscriptions: Subscription[];

    beforeEach(async () => {
      store = await open();
      subscriptions = [];
    });

    afterEach(async () => {
      await Promise.all(subscriptions.map((s) => s.close()));
      await teardown(store);
    });

    /** Appends `count` events one by one and returns them. */
    async function appendMany(streamId: string, count: number): Promise<StoredEvent[]> {
      const stored: StoredEvent[] = [];
      for (let i = 0; i < count; i++) stored.push(...(await store.append(streamId, [newEvent({ i })], 'any')).events);
      return stored;
    }

    /** The position of a fresh event: every event after it on the global log is newer than this test. */
    async function checkpoint(): Promise<number> {
      const [event] = (await store.append(newStreamId(), [newEvent()], 'no_stream')).events;
      return event.position;
    }

    /** Subscribes, collecting delivered events; closed after the test. */
    function collect(fromPosition: number | null, onEvent?: (event: StoredEvent) => Promise<void> | void) {
      const delivered: StoredEvent[] = [];
      const errors: unknown[] = [];
      const subscription = store.subscribe({
        fromPosition,
        handler: async (event) => {
          delivered.push(event);
          await onEvent?.(event);
        },
        onError: (error) => errors.push(error),
      });
      subscriptions.push(subscription);
      return { delivered, errors, subscription };
    }

    describe('append and expected revisions', () => {
      it('appends to a new stream with no_stream, starting at revision 0', async () => {
        const streamId = newStreamId();
        const event = newEvent({ n: 1, nested: { list: [1, 'two', null], flag: true } }, { causationId: 'c-1' });
        const result = await store.append(streamId, [event], 'no_stream');

        expect(result.replayed).toBe(false);
        expect(result.nextRevision).toBe(0);
        expect(result.events).toHaveLength(1);
        expect(result.events[0]).toMatchObject({
          eventId: event.eventId,
          streamId,
          type: event.type,
          revision: 0,
          data: event.data,
          metadata: event.metadata,
        });
        expect(await store.streamRevision(streamId)).toBe(0);
        expect(await store.readStream(streamId)).toEqual(result.events);
      });

      it('refuses no_stream when the stream exists, carrying the actual revision', async () => {
        const streamId = newStreamId();
        await store.append(streamId, [newEvent(), newEvent()], 'no_stream');

        const error = await appendError(store, streamId, [newEvent()], 'no_stream');
        expect(error).toBeInstanceOf(WrongExpectedRevision);
        expect(error).toMatchObject({ streamId, expected: 'no_stream', actual: 1 });
        expect(await store.streamRevision(streamId)).toBe(1);
      });

      it('appends with stream_exists to an existing stream, and refuses it for a missing one (actual -1)', async () => {
        const streamId = newStreamId();
        const missing = await appendError(store, streamId, [newEvent()], 'stream_exists');
        expect(missing).toBeInstanceOf(WrongExpectedRevision);
        expect(missing).toMatchObject({ streamId, expected: 'stream_exists', actual: -1 });
        expect(await store.readStream(streamId)).toEqual([]);

        await store.append(streamId, [newEvent()], 'no_stream');
        const result = await store.append(streamId, [newEvent()], 'stream_exists');
        expect(result.nextRevision).toBe(1);
        expect(result.events[0].revision).toBe(1);
      });

      it('appends with any whether or not the stream exists', async () => {
        const streamId = newStreamId();
        expect((await store.append(streamId, [newEvent()], 'any')).nextRevision).toBe(0);
        expect((await store.append(streamId, [newEvent()], 'any')).nextRevision).toBe(1);
      });

      it('appends when the expected revision is the last event’s, and refuses any other number', async () => {
        const streamId = newStreamId();
        const onMissing = await appendError(store, streamId, [newEvent()], 0);
        expect(onMissing).toBeInstanceOf(WrongExpectedRevision);
        expect(onMissing).toMatchObject({ streamId, expected: 0, actual: -1 });

        await store.append(streamId, [newEvent()], 'no_stream');
        expect((await store.append(streamId, [newEvent(), newEvent()], 0)).nextRevision).toBe(2);

        for (const stale of [0, 1, 3, 10]) {
          const error = await appendError(store, streamId, [newEvent()], stale);
          expect(error).toBeInstanceOf(WrongExpectedRevision);
          expect(error).toMatchObject({ streamId, expected: stale, actual: 2 });
        }
        expect(await store.streamRevision(streamId)).toBe(2);
        expect((await store.append(streamId, [newEvent()], 2)).nextRevision).toBe(3);
      });

      it('lets exactly one of concurrent appends with the same expected revision win', async () => {
        const streamId = newStreamId();
        await store.append(streamId, [newEvent()], 'no_stream');

        const outcomes = await Promise.allSettled(
          Array.from({ length: 8 }, (_, i) => store.append(streamId, [newEvent({ contender: i })], 0)),
        );
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(7);
        for (const { reason } of lost) {
          expect(reason).toBeInstanceOf(WrongExpectedRevision);
          expect(reason).toMatchObject({ actual: 1 });
        }
        expect(await store.readStream(streamId)).toHaveLength(2);
      });

      it('refuses an append without events', async () => {
        await expect(store.append(newStreamId(), [], 'any')).rejects.toThrow(Error);
      });

      it('reports -1 and an empty stream for a stream that does not exist', async () => {
        const streamId = newStreamId();
        expect(await store.streamRevision(streamId)).toBe(-1);
        expect(await store.readStream(streamId)).toEqual([]);
      });
    });

    describe('atomic multi-event appends', () => {
      it('stores the events of one append together, with consecutive revisions and increasing positions', async () => {
        const streamId = newStreamId();
        const events = [newEvent({ n: 0 }), newEvent({ n: 1 }), newEvent({ n: 2 })];
        const result = await store.append(streamId, events, 'no_stream');

        expect(result.nextRevision).toBe(2);
        expect(result.events.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
        expect(result.events.map((e) => e.revision)).toEqual([0, 1, 2]);
        expect(result.events.map((e) => e.data)).toEqual(events.map((e) => e.data));
        expectStrictlyIncreasing(result.events.map((e) => e.position));
        expect(await store.readStream(streamId)).toEqual(result.events);
      });

      it('stores none of the events when the expected revision is wrong', async () => {
        const streamId = newStreamId();
        await store.append(streamId, [newEvent()], 'no_stream');
        const events = [newEvent(), newEvent(), newEvent()];

        await expect(store.append(streamId, events, 5)).rejects.toBeInstanceOf(WrongExpectedRevision);
        expect(await store.readStream(streamId)).toHaveLength(1);
        for (const e of events) expect(await store.findEvent(e.eventId)).toBeNull();
      });

      it('stores none of the events when one of their ids conflicts', async () => {
        const other = newStreamId();
        const taken = newEvent();
        await store.append(other, [taken], 'no_stream');

        const streamId = newStreamId();
        const fresh = newEvent();
        const error = await appendError(store, streamId, [fresh, taken], 'any');
        expect(error).toBeInstanceOf(EventIdConflict);
        expect(error).toMatchObject({ eventId: taken.eventId });
        expect(await store.readStream(streamId)).toEqual([]);
        expect(await store.findEvent(fresh.eventId)).toBeNull();
      });
    });

    describe('idempotence by event id', () => {
      it('replays an append whose ids are all stored: the first result, nothing appended', async () => {
        const streamId = newStreamId();
        const events = [newEvent({ n: 0 }), newEvent({ n: 1 })];
        const first = await store.append(streamId, events, 'no_stream');

        // Same call again: the expected revision would now fail, but a replay does not check it.
        const again = await store.append(streamId, events, 'no_stream');
        expect(again).toEqual({ ...first, replayed: true });
        expect(await store.readStream(streamId)).toEqual(first.events);

        // The global log holds each event once, where the first append put it.
        const lastPosition = first.events[first.events.length - 1].position;
        const after = await store.readAll(first.events[0].position - 1, 100);
        expect(after.filter((e) => e.streamId === streamId)).toEqual(first.events);
        const later = await store.readAll(lastPosition, 1000);
        expect(later.filter((e) => events.some((n) => n.eventId === e.eventId))).toEqual([]);
        for (const e of first.events) expect(await store.findEvent(e.eventId)).toEqual(e);
      });

      it('replays with any expected revision, returning the stream’s current revision', async () => {
        const streamId = newStreamId();
        const events = [newEvent(), newEvent()];
        const first = await store.append(streamId, events, 'no_stream');
        await store.append(streamId, [newEvent(), newEvent()], 1);

        for (const expected of ['any', 'no_stream', 'stream_exists', 0, 1, 3, 42] as ExpectedRevision[]) {
          const again = await store.append(streamId, events, expected);
          expect(again.replayed).toBe(true);
          expect(again.events).toEqual(first.events);
          expect(again.nextRevision).toBe(3);
        }
        expect(await store.streamRevision(streamId)).toBe(3);
      });

      it('replays a single event of a multi-event append', async () => {
        const streamId = newStreamId();
        const events = [newEvent(), newEvent(), newEvent()];
        const first = await store.append(streamId, events, 'no_stream');

        const again = await store.append(streamId, [events[1]], 'any');
        expect(again.replayed).toBe(true);
        expect(again.events).toEqual([first.events[1]]);
        expect(await store.streamRevision(streamId)).toBe(2);
      });

      it('refuses an append where only some of the ids are stored', async () => {
        const streamId = newStreamId();
        const stored = newEvent();
        await store.append(streamId, [stored], 'no_stream');

        const fresh = newEvent();
        const error = await appendError(store, streamId, [stored, fresh], 'any');
        expect(error).toBeInstanceOf(EventIdConflict);
        expect(error).toMatchObject({ eventId: stored.eventId });
        expect(await store.readStream(streamId)).toHaveLength(1);
        expect(await store.findEvent(fresh.eventId)).toBeNull();
      });

      it('refuses an id already stored in another stream', async () => {
        const event = newEvent();
        const first = newStreamId();
        await store.append(first, [event], 'no_stream');

        const second = newStreamId();
        const error = await appendError(store, second, [event], 'any');
        expect(error).toBeInstanceOf(EventIdConflict);
        expect(error).toMatchObject({ eventId: event.eventId });
        expect(await store.readStream(second)).toEqual([]);
        expect((await store.findEvent(event.eventId))?.streamId).toBe(first);
      });

      it('refuses stored ids given in another order', async () => {
        const streamId = newStreamId();
        const events = [newEvent(), newEvent()];
        await store.append(streamId, events, 'no_stream');

        await expect(store.append(streamId, [events[1], events[0]], 'any')).rejects.toBeInstanceOf(EventIdConflict);
        expect(await store.streamRevision(streamId)).toBe(1);
      });
    });

    describe('reading', () => {
      it('reads a stream from a revision', async () => {
        const streamId = newStreamId();
        const stored = (await store.append(streamId, Array.from({ length: 5 }, (_, i) => newEvent({ i })), 'no_stream')).events;

        expect(await store.readStream(streamId, 0)).toEqual(stored);
        expect(await store.readStream(streamId, 3)).toEqual(stored.slice(3));
        expect(await store.readStream(streamId, 4)).toEqual(stored.slice(4));
        expect(await store.readStream(streamId, 5)).toEqual([]);
      });

      it('keeps two streams apart', async () => {
        const a = newStreamId();
        const b = newStreamId();
        await store.append(a, [newEvent({ s: 'a0' })], 'no_stream');
        await store.append(b, [newEvent({ s: 'b0' }), newEvent({ s: 'b1' })], 'no_stream');
        await store.append(a, [newEvent({ s: 'a1' })], 0);

        const streamA = await store.readStream(a);
        const streamB = await store.readStream(b);
        expect(streamA.map((e) => [e.streamId, e.revision, e.data.s])).toEqual([[a, 0, 'a0'], [a, 1, 'a1']]);
        expect(streamB.map((e) => [e.streamId, e.revision, e.data.s])).toEqual([[b, 0, 'b0'], [b, 1, 'b1']]);
        expect(await store.streamRevision(a)).toBe(1);
        expect(await store.streamRevision(b)).toBe(1);
        await expect(store.append(a, [newEvent()], 0)).rejects.toMatchObject({ actual: 1 });
      });

      it('pages through the global log by position', async () => {
        const start = await checkpoint();
        const streamId = newStreamId();
        const stored = await appendMany(streamId, 7);

        const pages: StoredEvent[][] = [];
        let after = start;
        for (;;) {
          const page = await store.readAll(after, 3);
          if (page.length === 0) break;
          expect(page.length).toBeLessThanOrEqual(3);
          pages.push(page);
          after = page[page.length - 1].position;
        }
        const all = pages.flat();
        expect(all.every((e) => e.position > start)).toBe(true);
        expect(all.filter((e) => e.streamId === streamId)).toEqual(stored);
      });

      it('verifies an untouched log', async () => {
        await store.append(newStreamId(), [newEvent(), newEvent()], 'no_stream');
        const report = await store.verify();
        expect(report).toMatchObject({ ok: true });
        expect(report.checked).toBeGreaterThanOrEqual(2);
        expect(report.firstBroken).toBeUndefined();
      });

      it('tells the position of the last event of the log', async () => {
        const stored = (await store.append(newStreamId(), [newEvent(), newEvent()], 'no_stream')).events;
        expect(await store.lastPosition()).toBeGreaterThanOrEqual(stored[1].position);
        const latest = (await store.append(newStreamId(), [newEvent()], 'no_stream')).events[0];
        expect(await store.lastPosition()).toBe(latest.position);
      });

      it('reads the global log from the start', async () => {
        const streamId = newStreamId();
        await store.append(streamId, [newEvent()], 'no_stream');
        const first = await store.readAll(null, 1);
        expect(first).toHaveLength(1);
        expect(first[0].position).toBeLessThanOrEqual((await store.readStream(streamId))[0].position);
      });

      it('numbers the global log with strictly increasing positions, in append order', async () => {
        const start = await checkpoint();
        const a = newStreamId();
        const b = newStreamId();
        const appended: StoredEvent[] = [];
        appended.push(...(await store.append(a, [newEvent(), newEvent()], 'no_stream')).events);
        appended.push(...(await store.append(b, [newEvent()], 'no_stream')).events);
        appended.push(...(await store.append(a, [newEvent()], 1)).events);
        appended.push(...(await store.append(b, [newEvent(), newEvent(), newEvent()], 0)).events);

        expectStrictlyIncreasing(appended.map((e) => e.position));
        const log = await store.readAll(start, 1000);
        expectStrictlyIncreasing(log.map((e) => e.position));
        expect(log.filter((e) => e.streamId === a || e.streamId === b)).toEqual(appended);
      });

      it('stamps recordedAt itself: an ISO instant with milliseconds, never decreasing along the log', async () => {
        const start = await checkpoint();
        const before = Date.now();
        const streamId = newStreamId();
        // A client-provided instant is just metadata: the store stamps its own.
        const claimed = '1999-01-01T00:00:00.000Z';
        const stored = (await store.append(streamId, [newEvent({}, { recordedAt: claimed })], 'no_stream')).events[0];
        await appendMany(newStreamId(), 5);
        const after = Date.now();

        expect(stored.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        expect(stored.recordedAt).not.toBe(claimed);
        expect(stored.metadata).toEqual({ recordedAt: claimed });
        // Allow for clock skew between this process and a server store.
        const recorded = Date.parse(stored.recordedAt);
        expect(recorded).toBeGreaterThan(before - 60_000);
        expect(recorded).toBeLessThan(after + 60_000);

        const log = await store.readAll(start, 1000);
        for (let i = 1; i < log.length; i++) expect(log[i].recordedAt >= log[i - 1].recordedAt).toBe(true);
      });

      it('finds an event by id, or null', async () => {
        const streamId = newStreamId();
        const events = [newEvent({ n: 0 }), newEvent({ n: 1 })];
        const stored = (await store.append(streamId, events, 'no_stream')).events;

        expect(await store.findEvent(events[1].eventId)).toEqual(stored[1]);
        expect(await store.findEvent(randomUUID())).toBeNull();
      });

      it('holds streams of many events', async () => {
        const streamId = newStreamId();
        const batches = 6;
        const perBatch = 200;
        for (let b = 0; b < batches; b++) {
          const events = Array.from({ length: perBatch }, (_, i) => newEvent({ n: b * perBatch + i }));
          await store.append(streamId, events, b === 0 ? 'no_stream' : b * perBatch - 1);
        }
        const total = batches * perBatch;
        expect(await store.streamRevision(streamId)).toBe(total - 1);

        const all = await store.readStream(streamId);
        expect(all).toHaveLength(total);
        expect(all.map((e) => e.revision)).toEqual(Array.from({ length: total }, (_, i) => i));
        expect(all.map((e) => e.data.n)).toEqual(Array.from({ length: total }, (_, i) => i));
        expectStrictlyIncreasing(all.map((e) => e.position));
        expect(await store.readStream(streamId, total - 150)).toEqual(all.slice(total - 150));
      });
    });

    describe('subscriptions', () => {
      it('catches up from the start, then delivers live events', async () => {
        const streamId = newStreamId();
        const past = (await store.append(streamId, [newEvent(), newEvent()], 'no_stream')).events;
        const { delivered, errors } = collect(null);

        await waitFor(() => ownEvents(delivered, streamId).length === 2);
        expect(ownEvents(delivered, streamId)).toEqual(past);

        const live = (await store.append(streamId, [newEvent(), newEvent()], 1)).events;
        await waitFor(() => ownEvents(delivered, streamId).length === 4);
        expect(ownEvents(delivered, streamId)).toEqual([...past, ...live]);
        expectStrictlyIncreasing(delivered.map((e) => e.position));
        expect(errors).toEqual([]);
      });

      it('catches up from a checkpoint: only events after that position', async () => {
        const streamId = newStreamId();
        const stored = (await store.append(streamId, [newEvent(), newEvent(), newEvent()], 'no_stream')).events;
        const { delivered } = collect(stored[0].position);

        await waitFor(() => ownEvents(delivered, streamId).length === 2);
        expect(ownEvents(delivered, streamId)).toEqual(stored.slice(1));
        expect(delivered.every((e) => e.position > stored[0].position)).toBe(true);
      });

      it('delivers every event once, in order, when appends race with the catch-up', async () => {
        const start = await checkpoint();
        const streamId = newStreamId();
        const before = await appendMany(streamId, 20);
        // A slow handler keeps the subscription catching up while appends go on.
        const { delivered, errors } = collect(start, () => new Promise((resolve) => setTimeout(resolve, 1)));
        const racing = await appendMany(streamId, 50);

        await waitFor(() => ownEvents(delivered, streamId).length >= 70);
        await sleep(50);
        expect(ownEvents(delivered, streamId)).toEqual([...before, ...racing]);
        expectStrictlyIncreasing(delivered.map((e) => e.position));
        expect(errors).toEqual([]);
      });

      it('delivers events appended concurrently to several streams, each once', async () => {
        const start = await checkpoint();
        const streams = [newStreamId(), newStreamId(), newStreamId()];
        const { delivered } = collect(start);
        const appended = (await Promise.all(streams.map((s) => appendMany(s, 15)))).flat();

        const ours = () => delivered.filter((e) => streams.includes(e.streamId));
        await waitFor(() => ours().length >= appended.length);
        await sleep(50);
        expect(ours()).toHaveLength(appended.length);
        expect(new Set(ours().map((e) => e.eventId))).toEqual(new Set(appended.map((e) => e.eventId)));
        expectStrictlyIncreasing(delivered.map((e) => e.position));
      });

      it('catches up over more events than one page', async () => {
        const start = await checkpoint();
        const streamId = newStreamId();
        for (let b = 0; b < 3; b++) {
          await store.append(streamId, Array.from({ length: 400 }, (_, i) => newEvent({ n: b * 400 + i })), 'any');
        }
        const { delivered } = collect(start);

        await waitFor(() => ownEvents(delivered, streamId).length >= 1200);
        expect(ownEvents(delivered, streamId).map((e) => e.data.n)).toEqual(Array.from({ length: 1200 }, (_, i) => i));
      });

      it('awaits each handler call before the next one', async () => {
        const start = await checkpoint();
        const streamId = newStreamId();
        await appendMany(streamId, 5);
        let running = 0;
        let overlapped = false;
        const { delivered } = collect(start, async () => {
          running++;
          if (running > 1) overlapped = true;
          await sleep(2);
          running--;
        });

        await waitFor(() => ownEvents(delivered, streamId).length === 5);
        expect(overlapped).toBe(false);
      });

      it('lets a handler close its own subscription', async () => {
        const start = await checkpoint();
        const streamId = newStreamId();
        await appendMany(streamId, 3);
        const delivered: number[] = [];
        let closed: Promise<void> | undefined;
        const subscription = store.subscribe({
          fromPosition: start,
          handler: async (event) => {
            if (event.streamId !== streamId) return;
            delivered.push(event.revision);
            if (event.revision === 1) await (closed = subscription.close());
          },
        });
        await waitFor(() => closed !== undefined);
        await closed;
        await subscription.close();
        expect(delivered).toEqual([0, 1]);
      });

      it('stops delivering once closed', async () => {
        const start = await checkpoint();
        const streamId = newStreamId();
        await appendMany(streamId, 2);
        const { delivered, subscription } = collect(start);
        await waitFor(() => ownEvents(delivered, streamId).length === 2);

        await subscription.close();
        await appendMany(streamId, 3);
        await sleep(100);
        expect(ownEvents(delivered, streamId)).toHaveLength(2);
      });

      it('resolves close only when the running handler call has finished', async () => {
        const start = await checkpoint();
        const streamId = newStreamId();
        await appendMany(streamId, 3);
        let release!: () => void;
        const blocked = new Promise<void>((resolve) => (release = resolve));
        let finished = 0;
        const { delivered, subscription } = collect(start, async (event) => {
          if (event.streamId !== streamId) return;
          await blocked;
          finished++;
        });
        await waitFor(() => ownEvents(delivered, streamId).length === 1);

        let closed = false;
        const closing = subscription.close().then(() => (closed = true));
        await sleep(50);
        expect(closed).toBe(false);
        release();
        await closing;
        expect(finished).toBe(1);
        await sleep(50);
        expect(ownEvents(delivered, streamId)).toHaveLength(1);
      });

      it('stops and reports the error when the handler throws', async () => {
        const start = await checkpoint();
        const streamId = newStreamId();
        await appendMany(streamId, 3);
        const failure = new Error('handler failed');
        const { delivered, errors } = collect(start, (event) => {
          if (event.streamId === streamId && event.revision === 1) throw failure;
        });

        await waitFor(() => errors.length === 1);
        expect(errors[0]).toBe(failure);
        await appendMany(streamId, 2);
        await sleep(100);
        expect(ownEvents(delivered, streamId).map((e) => e.revision)).toEqual([0, 1]);
      });
    });

    describe('backups: chain head and restore', () => {
      it('gives a chain head that changes with every append and only then (null when the store keeps no chain)', async () => {
        const streamId = newStreamId();
        const first = await store.append(streamId, [newEvent()], 'no_stream');
        const chained = (await store.verify()).chained;
        const head = await store.chainHead();
        if (!chained) {
          expect(head).toBeNull();
          return;
        }
        expect(typeof head).toBe('string');
        expect(head!.length).toBeGreaterThan(0);
        expect(await store.chainHead()).toBe(head);

        // Nothing appended: a replay, a refused append, reads.
        await store.append(streamId, first.events.map((e) => ({ eventId: e.eventId, type: e.type, data: e.data, metadata: e.metadata })), 'any');
        await appendError(store, streamId, [newEvent()], 5);
        await store.readAll(null, 10);
        expect(await store.chainHead()).toBe(head);

        await store.append(streamId, [newEvent()], 0);
        const next = await store.chainHead();
        expect(typeof next).toBe('string');
        expect(next).not.toBe(head);
      });

      it('refuses to restore into a store that holds events, and writes nothing', async () => {
        await store.append(newStreamId(), [newEvent()], 'no_stream');
        const streamId = newStreamId();
        const records: StoredEvent[] = [0, 1].map((revision) => ({
          ...newEvent({ revision }),
          streamId,
          revision,
          position: 1 + revision,
          recordedAt: '2020-01-01T00:00:00.000Z',
        }));
        await expect(store.restore(records)).rejects.toThrow(Error);
        expect(await store.readStream(streamId)).toEqual([]);
        for (const r of records) expect(await store.findEvent(r.eventId)).toBeNull();
      });

      if (options.openEmpty) {
        const openEmpty = options.openEmpty;
        /** The whole log of a store, in global order. */
        const everything = async (s: EventStore) => {
          const log: StoredEvent[] = [];
          for (let page = await s.readAll(null, 100); page.length > 0; page = await s.readAll(page[page.length - 1].position, 100)) log.push(...page);
          return log;
        };

        it('restores a copy into an empty store: the same records, answers and chain head; appends go on after it', async () => {
          const source = await openEmpty();
          const target = await openEmpty();
          try {
            const [a, b, c] = [newStreamId(), newStreamId(), newStreamId()];
            await source.append(a, [newEvent({ n: 0, nested: { list: [1, 'two', null] } }, { actor: 'x', requestHash: 'h' }), newEvent({ n: 1 })], 'no_stream');
            // Concurrent appends: committed together by adapters that group them.
            await Promise.all([
              source.append(b, [newEvent({ s: 'b' })], 'no_stream'),
              source.append(c, [newEvent({ s: 'c' })], 'no_stream'),
              source.append(a, [newEvent({ n: 2 })], 1),
            ]);
            await source.append(b, [newEvent({ emoji: 'é 🎉', quote: '"' }), newEvent()], 0);
            const log = await everything(source);

            await target.restore(log);

            expect(await everything(target)).toEqual(log);
            for (const streamId of [a, b, c]) {
              expect(await target.readStream(streamId)).toEqual(await source.readStream(streamId));
              expect(await target.streamRevision(streamId)).toBe(await source.streamRevision(streamId));
            }
            for (const e of log) expect(await target.findEvent(e.eventId)).toEqual(e);
            expect(await target.lastPosition()).toBe(await source.lastPosition());
            expect(await target.chainHead()).toBe(await source.chainHead());
            expect(await target.verify()).toEqual(await source.verify());

            // A second restore is refused: the store is no longer empty.
            await expect(target.restore(log)).rejects.toThrow(/not empty/);

            // Subscribers see the restored log, then what comes after it.
            const delivered: StoredEvent[] = [];
            const subscription = target.subscribe({ fromPosition: null, handler: (e) => void delivered.push(e) });
            try {
              const next = await target.append(a, [newEvent({ n: 3 })], 2);
              expect(next.events[0].revision).toBe(3);
              expect(next.events[0].position).toBeGreaterThan(log[log.length - 1].position);
              expect(next.events[0].recordedAt >= log[log.length - 1].recordedAt).toBe(true);
              await waitFor(() => delivered.length === log.length + 1);
              expect(delivered).toEqual([...log, ...next.events]);
            } finally {
              await subscription.close();
            }
            expect((await target.verify()).ok).toBe(true);
          } finally {
            await Promise.all([source.close(), target.close()]);
          }
        });

        it('restores records with their own positions (gaps kept), and an empty list as nothing', async () => {
          const target = await openEmpty();
          try {
            await target.restore([]);
            expect(await target.lastPosition()).toBeNull();
            expect(await target.chainHead()).toBeNull();
            const streamId = newStreamId();
            const records: StoredEvent[] = [5, 9, 40].map((position, revision) => ({
              ...newEvent({ revision }),
              streamId,
              revision,
              position,
              recordedAt: `2020-01-0${revision + 1}T00:00:00.000Z`,
            }));
            await target.restore(records);
            expect(await target.readStream(streamId)).toEqual(records);
            expect(await target.lastPosition()).toBe(40);
            expect((await target.append(streamId, [newEvent()], 2)).events[0].position).toBeGreaterThan(40);
            expect((await target.verify()).ok).toBe(true);
          } finally {
            await target.close();
          }
        });

        it('refuses inconsistent records, naming the first at fault, and writes nothing', async () => {
          const target = await openEmpty();
          try {
            const streamId = newStreamId();
            const record = (revision: number, position: number, recordedAt = '2020-01-01T00:00:00.000Z', stream = streamId): StoredEvent => ({
              ...newEvent({ revision }),
              streamId: stream,
              revision,
              position,
              recordedAt,
            });
            const twice = record(0, 1);
            const cases: [StoredEvent[], RegExp][] = [
              [[record(0, 1), record(2, 2)], /record 2.*revision/],
              [[record(1, 1)], /record 1.*revision/],
              [[record(0, 2), record(1, 2)], /record 2.*position/],
              [[record(0, 1, '2020-01-02T00:00:00.000Z'), record(1, 2, '2020-01-01T00:00:00.000Z')], /record 2.*recordedAt/],
              [[record(0, 1, 'yesterday')], /record 1.*recordedAt/],
              [[twice, { ...record(0, 2, undefined, newStreamId()), eventId: twice.eventId }], new RegExp(twice.eventId)],
              [[{ ...record(0, 1), eventId: 'not-a-uuid' }], /UUID/],
              [[{ ...record(0, 1), data: [] as never }], /data/],
            ];
            for (const [records, problem] of cases) {
              await expect(target.restore(records)).rejects.toThrow(problem);
              expect(await target.lastPosition()).toBeNull();
              expect(await target.readStream(streamId)).toEqual([]);
            }
          } finally {
            await target.close();
          }
        });
      }
    });

    it('reports its health', async () => {
      expect((await store.health()).status).toBe('up');
    });
  });
}

function newStreamId(): string {
  return `contract-${randomUUID()}`;
}

function newEvent(data: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): NewEvent {
  return { eventId: randomUUID(), type: 'ContractTested', data, metadata };
}

async function appendError(store: EventStore, streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<unknown> {
  try {
    await store.append(streamId, events, expected);
  } catch (error) {
    return error;
  }
  throw new Error('append was expected to fail');
}

function ownEvents(events: StoredEvent[], streamId: string): StoredEvent[] {
  return events.filter((e) => e.streamId === streamId);
}

function expectStrictlyIncreasing(values: number[]): void {
  for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThan(values[i - 1]);
}

