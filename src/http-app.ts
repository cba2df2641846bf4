import { ConsoleLogger, ValidationPipe, type INestApplication, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import type { Server } from 'node:http';
import { AppModule } from './app.module.js';
import { READ_MODEL_STORE, type ReadModelStore } from './infrastructure/read-models/read-model.port.js';
import type { AppConfig, ServerTimeouts } from './platform/config/app-config.js';
import { InvalidInput } from './libs/app-errors.js';
import { prepareDataDir } from './platform/files/data-dir-preflight.js';
import { DeclaredQueryKeysInterceptor } from './platform/http/declared-query-keys.interceptor.js';
import { HttpErrorFilter } from './platform/http/http-exception.filter.js';
import { assignRequestId, enterRequestContext, REQUEST_ID_HEADER } from './platform/http/request-id.js';
import { RequestIdLogger } from './platform/http/request-id-logger.js';
import { flatten } from './platform/validation/validation.js';
import { readAnswersMiddleware } from './platform/http/read-answers.middleware.js';
import { setupOpenApi } from './platform/openapi/openapi.js';

export interface HttpAppOptions {
  /** false: silent (tests); a logger: every line goes there, tagged with the request's id. Default: the console. */
  logger?: false | LoggerService;
}

/** The HTTP application, configured as in production (used by main and by the end-to-end tests). */
export async function createHttpApp(config: AppConfig, options: HttpAppOptions = {}): Promise<INestApplication> {
  const logger = options.logger === false ? undefined : new RequestIdLogger(options.logger ?? new ConsoleLogger());
  // Before anything opens a store: DATA_DIR owner-only, and a corrupt token digest stops the start here.
  prepareDataDir(config, (message) => logger?.log(message, 'DataDir'), (message) => logger?.warn(message, 'DataDir'));
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    logger: logger ?? false,
  });
  if (config.trustProxy !== false) app.set('trust proxy', config.trustProxy);
  // Every answer gets its X-Request-Id first, whatever refuses the request afterwards.
  app.use(assignRequestId);
  app.useBodyParser('json', { limit: '256kb', strict: true });
  app.use(enterRequestContext);
  app.disable('x-powered-by');
  // Security headers everywhere; the page and /docs set their own content security policies.
  app.use(helmet({ contentSecurityPolicy: false }));
  // Browsers of other origins may call the API only where CORS_ORIGINS names them.
  if (config.corsOrigins.length > 0) {
    app.enableCors({ origin: config.corsOrigins, exposedHeaders: ['ETag', 'Idempotent-Replayed', 'Retry-After', REQUEST_ID_HEADER, 'WWW-Authenticate'] });
  }
  // No ETag computed from every body: the reads give their own, from the revision (read-answers).
  app.set('etag', false);
  // Framework reads: ETag from the revision, 304, answers encoded once (gzip, brotli) and kept.
  app.use(readAnswersMiddleware(app.get<ReadModelStore>(READ_MODEL_STORE)));
  app.useGlobalFilters(new HttpErrorFilter());
  app.useGlobalInterceptors(new DeclaredQueryKeysInterceptor());
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      exceptionFactory: (errors) => new InvalidInput(flatten(errors)),
    }),
  );
  setupOpenApi(app);
  applyServerTimeouts(app.getHttpServer() as Server, config.timeouts);
  app.enableShutdownHooks();
  return app;
}

/**
 * A client gets HEADERS_TIMEOUT_MS to send its headers and REQUEST_TIMEOUT_MS for the whole
 * request (408, then the connection is closed); an idle kept-alive connection closes after
 * KEEP_ALIVE_TIMEOUT_MS. Node checks the pending requests every second here (30 s by default).
 */
export function applyServerTimeouts(server: Server, timeouts: ServerTimeouts): void {
  server.headersTimeout = timeouts.headersMs;
  server.requestTimeout = timeouts.requestMs;
  server.keepAliveTimeout = timeouts.keepAliveMs;
  // Read when the server starts listening.
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.max(100, Math.min(1000, Math.floor(timeouts.headersMs / 2)));
}

/** Listens on HOST:PORT (127.0.0.1 unless HOST says otherwise). */
export async function listen(app: INestApplication, config: AppConfig): Promise<void> {
  await app.listen(config.port, config.host);
}
