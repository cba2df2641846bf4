import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/app-config.js';
import { InvalidInput } from './shared/app-errors.js';
import { HttpErrorFilter } from './shared/http-exception.filter.js';
import { flatten } from './shared/validation.js';

/** The HTTP application, configured as in production (used by main and by the end-to-end tests). */
export async function createHttpApp(config: AppConfig, options: { logger?: false } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    ...(options.logger === false ? { logger: false } : {}),
  });
  app.useBodyParser('json', { limit: '256kb', strict: true });
  app.disable('x-powered-by');
  app.useGlobalFilters(new HttpErrorFilter());
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      exceptionFactory: (errors) => new InvalidInput(flatten(errors)),
    }),
  );
  app.enableShutdownHooks();
  return app;
}
