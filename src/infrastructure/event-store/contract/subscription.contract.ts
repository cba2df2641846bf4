import { sleep, waitFor } from '../testing/wait.js';
import { expectStrictlyIncreasing, newEvent, newStreamId, ownEvents, type ContractFixture } from '../testing/contract-fixture.js';

/** Catch-up subscriptions: past events then live ones, each once and in order; closing; handler errors. */
export function subscriptionContract(fixture: ContractFixture): void {
  describe('subscriptions', () => {
    const { store, appendMany, checkpoint, collect } = fixture;

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
}
