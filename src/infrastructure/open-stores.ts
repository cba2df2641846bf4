import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../platform/config/app-config.js';
import type { EventStore } from './event-store/event-store.port.js';
import { SqliteEventStore } from './event-store/sqlite/sqlite-event-store.adapter.js';
import type { ReadModelStore } from './read-models/read-model.port.js';
import { SqliteReadModelStore } from './read-models/sqlite/sqlite-read-model.adapter.js';
import type { SigningKey } from './transparency-log/signing-key.js';

/** What opening the stores needs of the configuration (plain data: it can be handed to a worker thread). */
export type StoreConfig = Pick<AppConfig, 'dataDir' | 'eventStore' | 'kurrentdbUrl' | 'readModelStore' | 'mongodbUri'>;

export function storeConfigOf(config: AppConfig): StoreConfig {
  const { dataDir, eventStore, kurrentdbUrl, readModelStore, mongodbUri } = config;
  return { dataDir, eventStore, kurrentdbUrl, readModelStore, mongodbUri };
}

/** The stores opened here from the configuration (another process or thread can open them again from it). */
const openedFromConfig = new WeakSet<object>();

export function isOpenedFromConfig(store: object): boolean {
  return openedFromConfig.has(store);
}

/** Opens the configured adapter of the event-store port. The server adapters are loaded only when chosen. */
export async function openEventStore(config: StoreConfig, key?: SigningKey): Promise<EventStore> {
  let store: EventStore;
  if (config.eventStore === 'kurrentdb') {
    const { KurrentDbEventStore } = await import('./event-store/kurrentdb/kurrentdb-event-store.adapter.js');
    store = await KurrentDbEventStore.connect(config.kurrentdbUrl!);
  } else {
    mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
    // The embedded store keeps the transparency log's tree in its own file, written in its appends.
    store = SqliteEventStore.open(join(config.dataDir, 'events.db'), key ? { transparency: { signingKey: key.privateKey } } : {});
  }
  openedFromConfig.add(store);
  return store;
}

/** Opens the configured adapter of the read-model port. */
export async function openReadModelStore(config: StoreConfig): Promise<ReadModelStore> {
  let store: ReadModelStore;
  if (config.readModelStore === 'mongodb') {
    const { MongoReadModelStore } = await import('./read-models/mongodb/mongo-read-model.adapter.js');
    store = await MongoReadModelStore.connect(config.mongodbUri!);
  } else {
    mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
    store = SqliteReadModelStore.open(join(config.dataDir, 'read-models.db'));
  }
  openedFromConfig.add(store);
  return store;
}
