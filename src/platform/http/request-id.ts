import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * Every answer carries an `X-Request-Id`: the client's, when it sent a well-formed one (so that a
 * proxy's or a caller's id follows the request), otherwise a new UUID. The same id is in the
 * error bodies (`requestId`) and in every log line written while the request is handled.
 */
export const REQUEST_ID_HEADER = 'X-Request-Id';

/** 1 to 128 characters that are safe in a header and in a log line (a UUID, a hex or base64 id…). */
const WELL_FORMED = /^[A-Za-z0-9._:+/=@-]{1,128}$/;

export function acceptedRequestId(value: unknown): string | undefined {
  return typeof value === 'string' && WELL_FORMED.test(value) ? value : undefined;
}

interface RequestContext {
  requestId: string;
}

const context = new AsyncLocalStorage<RequestContext>();

/** The id of the request being handled, or undefined outside a request (start, projection…). */
export function currentRequestId(): string | undefined {
  return context.getStore()?.requestId;
}

export interface WithRequestId {
  headers: Record<string, string | string[] | undefined>;
  requestId?: string;
}

interface HeaderSink {
  setHeader(name: string, value: string): void;
}

/** First middleware: names the request (kept on it as `requestId`) and puts the id on the answer. */
export function assignRequestId(request: WithRequestId, response: HeaderSink, next: () => void): void {
  const requestId = acceptedRequestId(request.headers['x-request-id']) ?? randomUUID();
  request.requestId = requestId;
  response.setHeader(REQUEST_ID_HEADER, requestId);
  next();
}

/**
 * After the body is read (the parser's callbacks run outside any request's context): the rest of
 * the handling runs in the request's context, which the log lines read.
 */
export function enterRequestContext(request: WithRequestId, _response: unknown, next: () => void): void {
  const requestId = request.requestId ?? randomUUID();
  context.run({ requestId }, next);
}

/** The id of a request, as the error filter puts it in the body. */
export function requestIdOf(request: Partial<WithRequestId> | undefined): string | undefined {
  return request?.requestId ?? currentRequestId();
}
