import { randomUUID } from 'node:crypto';
import { eventStoreContract } from '../contract/event-store.contract.js';
import type { NewEvent } from '../event-store.port.js';
import { KurrentDbEventStore } from './kurrentdb-event-store.adapter.js';
import { waitFor } from '../testing/wait.js';

/**
 * The KurrentDB adapter against a real server, wherever KURRENTDB_URL points to one (the shared
 * contract), and without a reachable server. Its logic over a fake client:
 * `kurrentdb-fake-client.spec.ts`.
 */

const KURRENTDB_URL = process.env.KURRENTDB_URL;
const SKIP_REASON =
  'KURRENTDB_URL is not set (start KurrentDB with `docker compose up kurrentdb` and set ' +
  'KURRENTDB_URL=kurrentdb://localhost:2113?tls=false)';

// ---------------------------------------------------------------------------------------------
// Against a real server, wherever one is configured.

if (KURRENTDB_URL) {
  // One store for the whole suite: the contract allows a shared store (every test uses its own
  // streams), and the event id index is then read from $all once rather than once per test.
  let shared: KurrentDbEventStore | undefined;
  afterAll(async () => {
    await shared?.close();
  });
  eventStoreContract(
    `KurrentDB at ${KURRENTDB_URL}`,
    async () => (shared ??= KurrentDbEventStore.connect(KURRENTDB_URL, { streamPrefixes: ['contract-'] })),
    async () => undefined,
  );
} else {
  describe('KurrentDB event store (contract against a server)', () => {
    it(`is skipped: ${SKIP_REASON}`, () => {
      console.warn(`KurrentDB contract suite skipped: ${SKIP_REASON}`);
      expect(KURRENTDB_URL).toBeUndefined();
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Without a server.

describe('KurrentDB event store without a reachable server', () => {
  // Loopback port 1: nothing listens there, connections are refused at once.
  const UNREACHABLE = 'kurrentdb://localhost:1?tls=false';
  let store: KurrentDbEventStore;
  let warnings: string[];

  beforeEach(() => {
    warnings = [];
    store = KurrentDbEventStore.connect(UNREACHABLE, {
      healthTimeoutMs: 2000,
      resubscribeBackoffMs: { initial: 10, max: 50 },
      logger: { warn: (message: string) => void warnings.push(message) },
    });
  });

  afterEach(async () => {
    await store.close();
  });

  it('constructs without touching the network, and refuses malformed connection strings at once', () => {
    expect(store).toBeInstanceOf(KurrentDbEventStore);
    expect(() => KurrentDbEventStore.connect('http://localhost:2113')).toThrow();
  });

  it('reports down quickly rather than hanging', async () => {
    const started = Date.now();
    const health = await store.health();
    expect(health.status).toBe('down');
    expect(health.detail).toMatch(/^KurrentDB: /);
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('refuses invalid arguments before reaching for the server', async () => {
    await expect(store.append('framework-s', [], 'any')).rejects.toThrow(/no events/);
    await expect(store.append('$system', [newEvent()], 'any')).rejects.toThrow(TypeError);
    await expect(store.append('other-app', [newEvent()], 'any')).rejects.toThrow(/not one of this store's streams \(framework-…\)/);
    await expect(store.append('framework-s', [{ ...newEvent(), eventId: 'not-a-uuid' }], 'any')).rejects.toThrow(TypeError);
    await expect(store.append('framework-s', [newEvent()], 1.5)).rejects.toThrow(TypeError);
    await expect(store.append('framework-s', [newEvent({}, { governanceLog: {} })], 'any')).rejects.toThrow(/reserved for the store's hash chain/);
    expect(() => KurrentDbEventStore.connect(UNREACHABLE, { streamPrefixes: ['$'] })).toThrow(/streamPrefixes/);
    await expect(store.readAll(null, 0)).rejects.toThrow(RangeError);
    await expect(store.readAll(-1, 10)).rejects.toThrow(RangeError);
    await expect(store.readStream('s', -1)).rejects.toThrow(RangeError);
    expect(() => store.subscribe({ fromPosition: 1.5, handler: () => undefined })).toThrow(RangeError);
  });

  it('keeps re-subscribing while the server is unreachable, without reporting an error, until closed', async () => {
    const errors: unknown[] = [];
    const subscription = store.subscribe({ fromPosition: null, handler: () => undefined, onError: (e) => errors.push(e) });
    await waitFor(() => warnings.length >= 2);
    const started = Date.now();
    await subscription.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(errors).toEqual([]);
    expect(warnings[0]).toMatch(/re-subscribing after position start/);
  });

  it('reports down and refuses work once closed', async () => {
    await store.close();
    expect(await store.health()).toEqual({ status: 'down', detail: 'event store is closed' });
    await expect(store.append('s', [newEvent()], 'any')).rejects.toThrow('closed');
    expect(() => store.subscribe({ fromPosition: null, handler: () => undefined })).toThrow('closed');
  });
});

function newEvent(data: Record<string, unknown> = {}, metadata: Record<string, unknown> = { actor: 'test' }): NewEvent {
  return { eventId: randomUUID(), type: 'AdapterTested', data, metadata };
}
