import { randomUUID } from 'node:crypto';
import type { EventStore, ExpectedRevision, NewEvent, StoredEvent, Subscription } from '../event-store.port.js';

/** What the event store contract needs of a test run: the store, and its helpers. */

/** What only some adapters can do, and how the contract reaches it. */
export interface EventStoreContractOptions {
  /**
   * For adapters that restore backups (`restore`): opens a new, EMPTY store, closed by the test.
   * Without it, the contract only checks that `restore` refuses a store holding events.
   */
  openEmpty?: () => Promise<EventStore>;
}

export interface ContractFixture {
  /**
   * Stands for the store of the running test (opened before it, released after it): every call
   * goes to that store. Taken once per `describe`, used inside the tests.
   */
  readonly store: EventStore;
  readonly options: EventStoreContractOptions;
  /** Appends `count` events one by one and returns them. */
  appendMany(streamId: string, count: number): Promise<StoredEvent[]>;
  /** The position of a fresh event: every event after it on the global log is newer than this test. */
  checkpoint(): Promise<number>;
  /** Subscribes, collecting delivered events; closed after the test. */
  collect(
    fromPosition: number | null,
    onEvent?: (event: StoredEvent) => Promise<void> | void,
  ): { delivered: StoredEvent[]; errors: unknown[]; subscription: Subscription };
}

/**
 * Opens a store before each test of the enclosing `describe` and releases it after (`teardown`,
 * after the test's subscriptions are closed).
 */
export function contractFixture(
  open: () => Promise<EventStore>,
  teardown: (store: EventStore) => Promise<void>,
  options: EventStoreContractOptions,
): ContractFixture {
  let store: EventStore | undefined;
  let subscriptions: Subscription[] = [];

  beforeEach(async () => {
    store = await open();
    subscriptions = [];
  });

  afterEach(async () => {
    await Promise.all(subscriptions.map((s) => s.close()));
    if (store) await teardown(store);
  });

  const current = (): EventStore => {
    if (!store) throw new Error('the contract store is opened before each test');
    return store;
  };
  const forwarder = new Proxy({} as EventStore, {
    get(_, key) {
      const target = current() as unknown as Record<PropertyKey, unknown>;
      const value = target[key];
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });

  return {
    store: forwarder,
    options,
    async appendMany(streamId, count) {
      const stored: StoredEvent[] = [];
      for (let i = 0; i < count; i++) stored.push(...(await current().append(streamId, [newEvent({ i })], 'any')).events);
      return stored;
    },
    async checkpoint() {
      const [event] = (await current().append(newStreamId(), [newEvent()], 'no_stream')).events;
      return event.position;
    },
    collect(fromPosition, onEvent) {
      const delivered: StoredEvent[] = [];
      const errors: unknown[] = [];
      const subscription = current().subscribe({
        fromPosition,
        handler: async (event) => {
          delivered.push(event);
          await onEvent?.(event);
        },
        onError: (error) => errors.push(error),
      });
      subscriptions.push(subscription);
      return { delivered, errors, subscription };
    },
  };
}

export function newStreamId(): string {
  return `contract-${randomUUID()}`;
}

export function newEvent(data: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): NewEvent {
  return { eventId: randomUUID(), type: 'ContractTested', data, metadata };
}

export async function appendError(store: EventStore, streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<unknown> {
  try {
    await store.append(streamId, events, expected);
  } catch (error) {
    return error;
  }
  throw new Error('append was expected to fail');
}

export function ownEvents(events: StoredEvent[], streamId: string): StoredEvent[] {
  return events.filter((e) => e.streamId === streamId);
}

export function expectStrictlyIncreasing(values: number[]): void {
  for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThan(values[i - 1]);
}
