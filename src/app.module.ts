import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { InfrastructureModule } from './infrastructure/infrastructure.module.js';
import { FrameworksModule } from './modules/frameworks/frameworks.module.js';
import { TransparencyLogModule } from './modules/transparency-log/transparency-log.module.js';
import { AuthModule } from './platform/auth/auth.module.js';
import type { AppConfig } from './platform/config/app-config.js';
import { ConfigModule } from './platform/config/config.module.js';
import { WebModule } from './platform/web/web.module.js';

/**
 * The application: the frameworks feature on the CQRS buses, over the infrastructure (stores,
 * projection), the transparency log's reads, with the platform's edges (configuration, authentication, the web page).
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot(), ConfigModule.forRoot(config), InfrastructureModule, AuthModule, FrameworksModule, TransparencyLogModule, WebModule],
    };
  }
}
