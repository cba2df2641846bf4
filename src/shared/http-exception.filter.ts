import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { FrameworkExists, FrameworkNotFound, InvalidInput, NotAllowed, ReadModelsBehind, RevisionConflict, RuleBroken } from './app-errors.js';

interface HttpResponse {
  status(code: number): HttpResponse;
  json(body: unknown): void;
  setHeader(name: string, value: string): void;
  headersSent?: boolean;
}

/**
 * One place that turns errors into answers: 400 names the fields, 404, 409 gives the current
 * revision, 422 names the rule. Anything unexpected is a 500 without internals (logged here).
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<HttpResponse>();
    if (response.headersSent) return;
    const [status, body] = this.describe(error);
    if (error instanceof RevisionConflict) response.setHeader('ETag', `"${error.currentRevision}"`);
    if (error instanceof ReadModelsBehind) response.setHeader('Retry-After', '1');
    response.status(status).json({ statusCode: status, error: REASONS[status] ?? 'Error', ...body });
  }

  private describe(error: unknown): [number, Record<string, unknown>] {
    if (error instanceof InvalidInput) return [400, { message: error.message, fields: error.fields }];
    if (error instanceof NotAllowed) return [403, { message: error.message }];
    if (error instanceof ReadModelsBehind) return [503, { message: error.message, position: error.reached }];
    if (error instanceof FrameworkNotFound) return [404, { message: error.message }];
    if (error instanceof RevisionConflict) {
      return [409, { message: error.message, currentRevision: error.currentRevision }];
    }
    if (error instanceof FrameworkExists) return [409, { message: error.message }];
    if (error instanceof RuleBroken) {
      return [422, { rule: error.rule, message: error.message, ...(error.conflictingEventId ? { conflictingEventId: error.conflictingEventId } : {}) }];
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const payload = error.getResponse();
      const message = typeof payload === 'string' ? payload : ((payload as { message?: unknown }).message ?? error.message);
      return [status, { message: Array.isArray(message) ? message.join('; ') : message }];
    }
    // Errors from the body parser carry their HTTP status (malformed JSON, too large, bad charset).
    const parserStatus = (error as { status?: unknown; type?: unknown }).status;
    if (typeof parserStatus === 'number' && parserStatus >= 400 && parserStatus < 500) {
      const type = (error as { type?: string }).type;
      const message =
        type === 'entity.parse.failed'
          ? 'body is not valid JSON'
          : type === 'entity.too.large'
            ? 'body is too large'
            : ((error as Error).message ?? 'bad request');
      return [parserStatus, { message, ...(parserStatus === 400 ? { fields: [{ field: 'body', problems: [message] }] } : {}) }];
    }
    this.logger.error((error as Error)?.stack ?? String(error));
    return [HttpStatus.INTERNAL_SERVER_ERROR, { message: 'internal error' }];
  }
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};
