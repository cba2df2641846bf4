import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { FrameworkExists, FrameworkNotFound, InvalidInput, NotAllowed, ReadModelsBehind, RevisionConflict, RuleBroken } from '../../libs/app-errors.js';
import { bearerChallenge } from '../auth/authentication-failed.js';
import { requestIdOf } from './request-id.js';

interface HttpResponse {
  status(code: number): HttpResponse;
  json(body: unknown): void;
  setHeader(name: string, value: string): void;
  headersSent?: boolean;
}

/**
 * One place that turns errors into answers: 400 names the fields, 401 says how to authenticate
 * (`WWW-Authenticate`), 404, 409 gives the current revision, 422 names the rule. Anything
 * unexpected is a 500 without internals (logged here). Every error body carries the `requestId`
 * of the answer's `X-Request-Id`.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<HttpResponse>();
    if (response.headersSent) return;
    const request = host.switchToHttp().getRequest<{ headers?: Record<string, string | string[] | undefined>; requestId?: string }>();
    const [status, body] = this.describe(error, request?.headers ?? {});
    if (error instanceof RevisionConflict) response.setHeader('ETag', `"${error.currentRevision}"`);
    if (error instanceof ReadModelsBehind) response.setHeader('Retry-After', '1');
    if (status === 401) response.setHeader('WWW-Authenticate', bearerChallenge(error));
    const requestId = requestIdOf(request);
    response.status(status).json({ statusCode: status, error: REASONS[status] ?? 'Error', ...body, ...(requestId ? { requestId } : {}) });
  }

  private describe(error: unknown, headers: Record<string, string | string[] | undefined>): [number, Record<string, unknown>] {
    if (error instanceof InvalidInput) return [400, { message: error.message, fields: error.fields }];
    if (error instanceof NotAllowed) return [403, { message: error.message }];
    if (error instanceof ReadModelsBehind) return [503, { message: error.message, position: error.reached }];
    if (error instanceof FrameworkNotFound) return [404, { message: error.message }];
    if (error instanceof RevisionConflict) {
      return [409, { message: error.message, currentRevision: error.currentRevision }];
    }
    if (error instanceof FrameworkExists) return [409, { message: error.message }];
    if (error instanceof RuleBroken) {
      return [
        422,
        {
          rule: error.rule,
          message: error.message,
          ...(error.conflictingEventId ? { conflictingEventId: error.conflictingEventId } : {}),
          ...(error.field ? { field: error.field } : {}),
        },
      ];
    }
    if (error instanceof HttpException) {
      // Errors of the request itself (body parser, a malformed percent-encoding), which the
      // platform hands over wrapped with their cause: described by what is wrong in the request.
      const cause = (error as { cause?: unknown }).cause;
      if (isRequestError(cause)) return describeRequestError(cause, headers);
      const status = error.getStatus();
      const payload = error.getResponse();
      const raw = typeof payload === 'string' ? payload : ((payload as { message?: unknown }).message ?? error.message);
      const message = Array.isArray(raw) ? raw.join('; ') : String(raw);
      // Every 400 names what is wrong; one without fields is about the request as a whole.
      return [status, { message, ...(status === 400 ? { fields: [{ field: 'request', problems: [message] }] } : {}) }];
    }
    // Errors from the body parser carry their HTTP status (malformed JSON, too large, bad charset).
    if (isRequestError(error)) return describeRequestError(error, headers);
    this.logger.error((error as Error)?.stack ?? String(error));
    return [HttpStatus.INTERNAL_SERVER_ERROR, { message: 'internal error' }];
  }
}

/** What the body parser (http-errors) and the router (URIError) throw about a request. */
interface RequestError {
  status?: number;
  statusCode?: number;
  type?: string;
  message?: string;
  limit?: number;
  charset?: string;
  encoding?: string;
  body?: unknown;
}

function isRequestError(error: unknown): error is RequestError {
  if (typeof error !== 'object' || error === null) return false;
  const status = (error as RequestError).status ?? (error as RequestError).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/** The JSON type of a value, as a client would name it. */
function jsonKind(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

/** 400/413/415 for a body that cannot be read, naming the problem (and the field `body`, or `path`). */
function describeRequestError(error: RequestError, headers: Record<string, string | string[] | undefined>): [number, Record<string, unknown>] {
  const status = (error.status ?? error.statusCode)!;
  // http-errors gives a bare status text when the cause had nothing to say.
  const detail = typeof error.message === 'string' && error.message !== REASONS[status] ? error.message : '';
  const encoding = String(headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  const at = (field: string, message: string): [number, Record<string, unknown>] => [
    status,
    { message, ...(status === 400 ? { fields: [{ field, problems: [message] }] } : {}) },
  ];
  switch (error.type) {
    case 'entity.parse.failed': {
      // The strict parser refuses valid JSON that is not an object or an array: say so.
      if (typeof error.body === 'string') {
        try {
          const value: unknown = JSON.parse(error.body);
          return at('body', `body must be a JSON object, not ${jsonKind(value)}`);
        } catch {
          // not JSON at all: below
        }
      }
      return at('body', `body is not valid JSON${detail ? ` (${detail})` : ''}`);
    }
    case 'entity.too.large':
      return at('body', `body is too large: ${typeof error.limit === 'number' ? `${Math.floor(error.limit / 1024)} kB` : 'the limit'} at most`);
    case 'charset.unsupported':
      return at('Content-Type', `unsupported charset${error.charset ? ` "${error.charset}"` : ''} in Content-Type: send JSON in UTF-8`);
    case 'encoding.unsupported':
      return at('Content-Encoding', `unsupported Content-Encoding${error.encoding ? ` "${error.encoding}"` : ''}: send identity, gzip, deflate or br`);
    case 'request.aborted':
      return at('body', 'the request was aborted before its body was read');
    case 'request.size.invalid':
      return at('body', 'the body is not as long as Content-Length says');
    default:
      if (error instanceof URIError || /^Failed to decode param/.test(detail)) {
        return at('path', `the path holds a malformed percent-encoding${detail ? ` (${detail})` : ''}`);
      }
      // e.g. a compressed body that does not inflate ("incorrect header check")
      if (encoding !== 'identity') return at('body', `body cannot be read as Content-Encoding ${encoding}: it does not decompress${detail ? ` (${detail})` : ''}`);
      return at('body', `body cannot be read${detail ? ` (${detail})` : ''}`);
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
