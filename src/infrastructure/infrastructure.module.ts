import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config.js';
import { EVENT_STORE, type EventStore } from './event-store/event-store.port.js';
import { READ_MODEL_STORE, type ReadModelStore } from './read-models/read-model.port.js';
import { HealthController } from './health.http.controller.js';
import { MinPositionInterceptor } from './projection/min-position.interceptor.js';
import { ProjectionRunner } from './projection/projection-runner.js';
import { openEventStore, openReadModelStore } from './open-stores.js';
import { SIGNING_KEY, TRANSPARENCY_LOG_PROVIDERS } from './transparency-log/transparency-log.providers.js';
import { TRANSPARENCY_LOG, type TransparencyLogPort } from './transparency-log/transparency-log.port.js';

/**
 * The infrastructure: the configured adapters of both ports, the projection that keeps the read
 * models, read-your-writes (`minPosition`), /health, and the transparency log over the event log
 * (its signing key, its placement: docs/transparency.md).
 */
@Global()
@Module({
  controllers: [HealthController],
  providers: [
    { provide: EVENT_STORE, useFactory: openEventStore, inject: [APP_CONFIG, SIGNING_KEY] },
    ...TRANSPARENCY_LOG_PROVIDERS({ config: APP_CONFIG, events: EVENT_STORE, log: TRANSPARENCY_LOG }),
    { provide: READ_MODEL_STORE, useFactory: openReadModelStore, inject: [APP_CONFIG] },
    ProjectionRunner,
    { provide: APP_INTERCEPTOR, useClass: MinPositionInterceptor },
  ],
  exports: [EVENT_STORE, READ_MODEL_STORE, ProjectionRunner, TRANSPARENCY_LOG, SIGNING_KEY],
})
export class InfrastructureModule implements OnApplicationShutdown {
  private readonly logger = new Logger('Stores');

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(TRANSPARENCY_LOG) private readonly transparency: TransparencyLogPort,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    // The follower of the log stops before the log it follows.
    await this.transparency.close().catch(() => undefined);
    await Promise.allSettled([this.events.close(), this.readModels.close()]);
    this.logger.log('stores closed');
  }
}
