import { EventIdConflict, WrongExpectedRevision } from '../event-store.port.js';
import { appendError, expectStrictlyIncreasing, newEvent, newStreamId, type ContractFixture } from '../testing/contract-fixture.js';

/** Appends: expected revisions, and the all-or-nothing of a multi-event append. */
export function appendContract(fixture: ContractFixture): void {
  describe('appends', () => {
    const { store } = fixture;

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
  });
}
