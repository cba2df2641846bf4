import { appendError, newEvent, newStreamId, type ContractFixture } from '../testing/contract-fixture.js';

/** Integrity: `verify` on an untouched log, and a chain head that moves with appends only. */
export function integrityContract(fixture: ContractFixture): void {
  describe('integrity: verify and chain head', () => {
    const { store } = fixture;

    it('verifies an untouched log', async () => {
      await store.append(newStreamId(), [newEvent(), newEvent()], 'no_stream');
      const report = await store.verify();
      expect(report).toMatchObject({ ok: true });
      expect(report.checked).toBeGreaterThanOrEqual(2);
      expect(report.firstBroken).toBeUndefined();
    });

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

  });
}
