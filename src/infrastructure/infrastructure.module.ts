import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config.js';
import { EVENT_STORE, type EventStore } from './event-store/event-store.port.js';
import { SqliteEventStore } from './event-store/sqlite/sqlite-event-store.adapter.js';
import { READ_MODEL_STORE, type ReadModelStore } from './read-models/read-model.port.js';
import { SqliteReadModelStore } from './read-models/sqlite/sqlite-read-model.adapter.js';
import { HealthController } from './health.http.controller.js';
import { MinPositionInterceptor } from './projection/min-position.interceptor.js';
import { ProjectionRunner } from './projection/projection-runner.js';

/** Opens the configured adapters of both ports. The server adapters are loaded only when chosen. */
export async function openEventStore(config: AppConfig): Promise<EventStore> {
  if (config.eventStore === 'kurrentdb') {
    const { KurrentDbEventStore } = await import('./event-store/kurrentdb/kurrentdb-event-store.adapter.js');
    return KurrentDbEventStore.connect(config.kurrentdbUrl!);
  }
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  return SqliteEventStore.open(join(config.dataDir, 'events.db'));
}

export async function openReadModelStore(config: AppConfig): Promise<ReadModelStore> {
  if (config.readModelStore === 'mongodb') {
    const { MongoReadModelStore } = await import('./read-models/mongodb/mongo-read-model.adapter.js');
    return MongoReadModelStore.connect(config.mongodbUri!);
  }
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  return SqliteReadModelStore.open(join(config.dataDir, 'read-models.db'));
}

/**
 * The infrastructure: the configured adapters of both ports, the projection that keeps the read
 * models, read-your-writes (`minPosition`) and /health.
 */
@Global()
@Module({
  controllers: [HealthController],
  providers: [
    { provide: EVENT_STORE, useFactory: openEventStore, inject: [APP_CONFIG] },
    { provide: READ_MODEL_STORE, useFactory: openReadModelStore, inject: [APP_CONFIG] },
    ProjectionRunner,
    { provide: APP_INTERCEPTOR, useClass: MinPositionInterceptor },
  ],
  exports: [EVENT_STORE, READ_MODEL_STORE, ProjectionRunner],
})
export class InfrastructureModule implements OnApplicationShutdown {
  private readonly logger = new Logger('Stores');

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.events.close(), this.readModels.close()]);
    this.logger.log('stores closed');
  }
}
