import { UnauthorizedException } from '@nestjs/common';

/** The error codes of RFC 6750 (3.1) a 401 may carry. */
export type BearerError = 'invalid_request' | 'invalid_token';

/**
 * 401, answered with `WWW-Authenticate: Bearer realm="governance"` — with `error="invalid_token"`
 * when a token was given but is unknown, `error="invalid_request"` when the Bearer header is malformed.
 */
export class AuthenticationFailed extends UnauthorizedException {
  constructor(
    message: string,
    readonly bearerError?: BearerError,
  ) {
    super(message);
  }
}

export const REALM = 'governance';

/** The challenge of a 401 (every 401 carries one, whatever raised it). */
export function bearerChallenge(error: unknown): string {
  const code = error instanceof AuthenticationFailed ? error.bearerError : undefined;
  return code === undefined ? `Bearer realm="${REALM}"` : `Bearer realm="${REALM}", error="${code}"`;
}
