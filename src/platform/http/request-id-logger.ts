import type { LoggerService, LogLevel } from '@nestjs/common';
import { currentRequestId } from './request-id.js';

/**
 * A logger that adds the id of the request being handled to every line written while it is
 * (`[request 5b0e…] message`); lines written outside a request are left as they are.
 */
export class RequestIdLogger implements LoggerService {
  constructor(private readonly inner: LoggerService) {}

  private tagged(message: unknown): unknown {
    const requestId = currentRequestId();
    if (requestId === undefined) return message;
    if (typeof message === 'string') return `[request ${requestId}] ${message}`;
    if (message instanceof Error) return `[request ${requestId}] ${message.stack ?? message.message}`;
    return message !== null && typeof message === 'object' && !Array.isArray(message) ? { requestId, ...message } : message;
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.inner.log(this.tagged(message), ...rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.inner.error(this.tagged(message), ...rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.inner.warn(this.tagged(message), ...rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.inner.debug?.(this.tagged(message), ...rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.inner.verbose?.(this.tagged(message), ...rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    (this.inner.fatal ?? this.inner.error).call(this.inner, this.tagged(message), ...rest);
  }
  setLogLevels(levels: LogLevel[]): void {
    this.inner.setLogLevels?.(levels);
  }
}
