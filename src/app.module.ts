import { Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from './auth/auth.module.js';
import { APP_CONFIG, type AppConfig } from './config/app-config.js';
import { CreateFrameworkModule } from './create-framework/create-framework.module.js';
import { DiffModule } from './diff/diff.module.js';
import { HealthController } from './health/health.controller.js';
import { HistoryModule } from './history/history.module.js';
import { ListFrameworksModule } from './list-frameworks/list-frameworks.module.js';
import { MinPositionInterceptor } from './projection/min-position.interceptor.js';
import { ProjectionRunner } from './projection/projection-runner.js';
import { RecordEventModule } from './record-event/record-event.module.js';
import { SeedLoader } from './seed/seed-loader.js';
import { FrameworkReader } from './shared/framework-reader.js';
import { FrameworkWriter } from './shared/framework-writer.js';
import { StateAtDateModule } from './state-at-date/state-at-date.module.js';
import { StoresModule } from './stores/stores.module.js';
import { TimelineModule } from './timeline/timeline.module.js';
import { VerifyIntegrityModule } from './verify-integrity/verify-integrity.module.js';
import { WebModule } from './web/web.module.js';

/** Shared services of the slices: configuration, the write path, the read path, the projection. */
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      global: true,
      imports: [StoresModule],
      providers: [{ provide: APP_CONFIG, useValue: config }, ProjectionRunner, FrameworkWriter, FrameworkReader],
      exports: [APP_CONFIG, ProjectionRunner, FrameworkWriter, FrameworkReader],
    };
  }
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        CoreModule.forRoot(config),
        AuthModule,
        CreateFrameworkModule,
        RecordEventModule,
        ListFrameworksModule,
        StateAtDateModule,
        TimelineModule,
        HistoryModule,
        DiffModule,
        VerifyIntegrityModule,
        WebModule,
      ],
      controllers: [HealthController],
      providers: [SeedLoader, { provide: APP_INTERCEPTOR, useClass: MinPositionInterceptor }],
    };
  }
}
