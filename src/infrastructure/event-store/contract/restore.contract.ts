import type { EventStore, StoredEvent } from '../event-store.port.js';
import { waitFor } from '../testing/wait.js';
import { newEvent, newStreamId, type ContractFixture } from '../testing/contract-fixture.js';

/** Restore: refused into a store holding events; into an empty one (where supported), the same log again. */
export function restoreContract(fixture: ContractFixture): void {
  describe('restore', () => {
    const { store } = fixture;

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

    if (fixture.options.openEmpty) {
      const openEmpty = fixture.options.openEmpty;
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
}
