import { randomUUID } from 'node:crypto';
import type { StoredEvent } from '../event-store.port.js';
import { expectStrictlyIncreasing, newEvent, newStreamId, type ContractFixture } from '../testing/contract-fixture.js';

/** Reads: a stream, the global log by position, an event by id; positions and recordedAt as the store gives them. */
export function readsContract(fixture: ContractFixture): void {
  describe('reading', () => {
    const { store, appendMany, checkpoint } = fixture;

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
}
