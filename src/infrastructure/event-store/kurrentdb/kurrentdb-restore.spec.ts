import { randomUUID } from 'node:crypto';
import { KurrentDbEventStore } from './kurrentdb-event-store.adapter.js';

/** Backups on KurrentDB: no chain of ours, and no restore (the server stamps its own dates). */
describe('KurrentDB event store: restore and chain head', () => {
  // Loopback port 1: nothing listens there; neither call may need the server.
  const store = KurrentDbEventStore.connect('kurrentdb://localhost:1?tls=false', { logger: { warn: () => undefined } });
  afterAll(() => store.close());

  it('refuses restore with a clear reason, without touching the server', async () => {
    const record = {
      eventId: randomUUID(),
      streamId: 'framework-x',
      type: 'MilestoneNoted',
      revision: 0,
      position: 1,
      recordedAt: '2020-01-01T00:00:00.000Z',
      data: {},
      metadata: {},
    };
    await expect(store.restore([record])).rejects.toThrow(/not supported by KurrentDB: it sets its own created dates.*use import/);
    await expect(store.restore([])).rejects.toThrow(/not supported by KurrentDB/);
  });

  it('has no chain head', async () => {
    expect(await store.chainHead()).toBeNull();
  });
});
