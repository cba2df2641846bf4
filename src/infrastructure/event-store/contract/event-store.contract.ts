import type { EventStore } from '../event-store.port.js';
import { contractFixture, type EventStoreContractOptions } from '../testing/contract-fixture.js';
import { appendContract } from './append.contract.js';
import { idempotencyContract } from './idempotency.contract.js';
import { integrityContract } from './integrity.contract.js';
import { readsContract } from './reads.contract.js';
import { restoreContract } from './restore.contract.js';
import { subscriptionContract } from './subscription.contract.js';

export type { EventStoreContractOptions };

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
    const fixture = contractFixture(open, teardown, options);

    appendContract(fixture);
    idempotencyContract(fixture);
    readsContract(fixture);
    subscriptionContract(fixture);
    integrityContract(fixture);
    restoreContract(fixture);

    it('reports its health', async () => {
      expect((await fixture.store.health()).status).toBe('up');
    });
  });
}
