import { EventIdConflict, type ExpectedRevision } from '../event-store.port.js';
import { appendError, newEvent, newStreamId, type ContractFixture } from '../testing/contract-fixture.js';

/** Event ids: an append whose ids are stored is a replay, anything partial or elsewhere a conflict. */
export function idempotencyContract(fixture: ContractFixture): void {
  describe('idempotence by event id', () => {
    const { store } = fixture;

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
}
