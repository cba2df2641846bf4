import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { AppModule } from './app.module.js';
import { READ_MODEL_STORE, type ReadModelStore } from './infrastructure/read-models/read-model.port.js';
import type { AppConfig } from './platform/config/app-config.js';
import { InvalidInput } from './libs/app-errors.js';
import { HttpErrorFilter } from './platform/http/http-exception.filter.js';
import { flatten } from './platform/validation/validation.js';
import { readAnswersMiddleware } from './platform/http/read-answers.middleware.js';
import { setupOpenApi } from './platform/openapi/openapi.js';

/** The HTTP application, configured as in production (used by main and by the end-to-end tests). */
export async function createHttpApp(config: AppConfig, options: { logger?: false } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    ...(options.logger === false ? { logger: false } : {}),
  });
  app.useBodyParser('json', { limit: '256kb', strict: true });
  app.disable('x-powered-by');
  // No ETag computed from every body: the reads give their own, from the revision (read-answers).
  app.set('etag', false);
  // Security headers everywhere; the page sets its own content security policy (src/platform/web).
  app.use(helmet({ contentSecurityPolicy: false }));
  // Browsers of other origins may call the API only where CORS_ORIGINS names them.
  if (config.corsOrigins.length > 0) app.enableCors({ origin: config.corsOrigins, exposedHeaders: ['ETag', 'Idempotent-Replayed', 'Retry-After'] });
  // Framework reads: ETag from the revision, 304, answers encoded once (gzip, brotli) and kept.
  app.use(readAnswersMiddleware(app.get<ReadModelStore>(READ_MODEL_STORE)));
  app.useGlobalFilters(new HttpErrorFilter());
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      exceptionFactory: (errors) => new InvalidInput(flatten(errors)),
    }),
  );
  setupOpenApi(app);
  app.enableShutdownHooks();
  return app;
}
