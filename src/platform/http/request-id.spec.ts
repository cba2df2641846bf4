import { Logger, type ArgumentsHost, type LoggerService } from '@nestjs/common';
import { HttpErrorFilter } from './http-exception.filter.js';
import { acceptedRequestId, assignRequestId, currentRequestId, enterRequestContext, type WithRequestId } from './request-id.js';
import { RequestIdLogger } from './request-id-logger.js';

class Kept implements LoggerService {
  readonly lines: string[] = [];
  log(message: unknown) {
    this.lines.push(`log ${String(message)}`);
  }
  error(message: unknown) {
    this.lines.push(`error ${String(message)}`);
  }
  warn(message: unknown) {
    this.lines.push(`warn ${String(message)}`);
  }
}

function fakeHost(request: WithRequestId) {
  const answer: { status?: number; body?: any; headers: Record<string, string> } = { headers: {} };
  const response = {
    status(code: number) {
      answer.status = code;
      return response;
    },
    json(body: unknown) {
      answer.body = body;
    },
    setHeader(name: string, value: string) {
      answer.headers[name] = value;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => response, getRequest: () => request }) } as unknown as ArgumentsHost;
  return { host, answer };
}

describe('request ids', () => {
  it('accepts 1 to 128 safe characters, nothing else', () => {
    expect(acceptedRequestId('0f8fad5b-d9cb-469f-a165-70867728950e')).toBeDefined();
    expect(acceptedRequestId('a'.repeat(128))).toBeDefined();
    for (const bad of ['', 'a'.repeat(129), 'a b', 'a\nb', 'x"y', undefined, ['a']]) expect(acceptedRequestId(bad)).toBeUndefined();
  });

  it('a request keeps its id through asynchronous work; outside a request there is none', async () => {
    const request: WithRequestId = { headers: { 'x-request-id': 'r-1' } };
    const headers: Record<string, string> = {};
    assignRequestId(request, { setHeader: (n, v) => (headers[n] = v) }, () => undefined);
    expect([request.requestId, headers['X-Request-Id']]).toEqual(['r-1', 'r-1']);
    const seen = await new Promise<string | undefined>((resolve) =>
      enterRequestContext(request, {}, () => setTimeout(() => Promise.resolve().then(() => resolve(currentRequestId())), 5)),
    );
    expect(seen).toBe('r-1');
    expect(currentRequestId()).toBeUndefined();
  });

  it('an unexpected error: 500 without internals, the id in the body and in the log line', () => {
    const kept = new Kept();
    Logger.overrideLogger(new RequestIdLogger(kept));
    try {
      const request: WithRequestId = { headers: {}, requestId: 'r-500' };
      const { host, answer } = fakeHost(request);
      enterRequestContext(request, {}, () => new HttpErrorFilter().catch(new Error('secret internals at /srv/data'), host));
      expect(answer.status).toBe(500);
      expect(answer.body).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'internal error', requestId: 'r-500' });
      expect(kept.lines).toEqual([expect.stringMatching(/^error \[request r-500\] Error: secret internals at \/srv\/data/)]);
    } finally {
      Logger.overrideLogger(false);
    }
  });

  it('lines written outside a request are left as they are', () => {
    const kept = new Kept();
    new RequestIdLogger(kept).log('started');
    expect(kept.lines).toEqual(['log started']);
  });
});
