import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.adapter.js';
import { READ_MODEL_STORE, type ReadModelStore } from '../read-models/read-model.port.js';
import { SqliteReadModelStore } from '../read-models/sqlite/sqlite-read-model.adapter.js';

/** Opens the configured adapters of both ports. The server adapters are loaded only when chosen. */
export async function openEventStore(config: AppConfig): Promise<EventStore> {
  if (config.eventStore === 'kurrentdb') {
    const { KurrentDbEventStore } = await import('../event-store/kurrentdb/kurrentdb-event-store.adapter.js');
    return KurrentDbEventStore.connect(config.kurrentdbUrl!);
  }
  mkdirSync(config.dataDir, { recursive: true });
  return SqliteEventStore.open(join(config.dataDir, 'events.db'));
}

export async function openReadModelStore(config: AppConfig): Promise<ReadModelStore> {
  if (config.readModelStore === 'mongodb') {
    const { MongoReadModelStore } = await import('../read-models/mongodb/mongo-read-model.adapter.js');
    return MongoReadModelStore.connect(config.mongodbUri!);
  }
  mkdirSync(config.dataDir, { recursive: true });
  return SqliteReadModelStore.open(join(config.dataDir, 'read-models.db'));
}

@Global()
@Module({
  providers: [
    { provide: EVENT_STORE, useFactory: openEventStore, inject: [APP_CONFIG] },
    { provide: READ_MODEL_STORE, useFactory: openReadModelStore, inject: [APP_CONFIG] },
  ],
  exports: [EVENT_STORE, READ_MODEL_STORE],
})
export class StoresModule implements OnApplicationShutdown {
  private readonly logger = new Logger(StoresModule.name);

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.events.close(), this.readModels.close()]);
    this.logger.log('stores closed');
  }
}
