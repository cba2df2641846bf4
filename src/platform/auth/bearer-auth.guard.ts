import {
  createParamDecorator,
  ForbiddenException,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
  SetMetadata,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthenticationFailed } from './authentication-failed.js';
import { AuthFailureThrottle, clientKey } from './auth-failure-throttle.js';
import { TokenRegistry, type Principal, type Role } from './token-registry.js';
import { WriteRateLimiter } from './write-rate-limiter.js';

const ROLE_KEY = 'governance:role';

/** The role a route needs (default: any authenticated actor). */
export const RequireRole = (role: Role) => SetMetadata(ROLE_KEY, role);

export type AuthRequest = {
  headers: Record<string, string | string[] | undefined>;
  principal?: Principal;
  /** The client's address as Express sees it (TRUST_PROXY decides whether X-Forwarded-For counts). */
  ip?: string;
  socket?: { remoteAddress?: string };
  res?: { setHeader(name: string, value: string): void };
};

/**
 * Writes need `Authorization: Bearer TOKEN`; the actor recorded is the token's owner.
 * A client address that failed to authenticate too often is refused for a while (429 with
 * Retry-After); each actor's writes are limited per minute (429 with Retry-After beyond).
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  private readonly logger = new Logger('Auth');

  constructor(
    @Inject(TokenRegistry) private readonly tokens: TokenRegistry,
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(WriteRateLimiter) private readonly limiter: WriteRateLimiter,
    @Inject(AuthFailureThrottle) private readonly failures: AuthFailureThrottle,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthRequest>();
    const principal = this.authenticate(request, true);
    const role = this.reflector.getAllAndOverride<Role | undefined>(ROLE_KEY, [context.getHandler(), context.getClass()]);
    if (role === 'admin' && principal.role !== 'admin') throw new ForbiddenException(`${principal.actor} needs the admin role here`);
    const wait = this.limiter.take(principal.actor);
    if (wait > 0) {
      request.res?.setHeader('Retry-After', String(wait));
      throw new HttpException(`${principal.actor} is over the write limit; retry in ${wait} s`, HttpStatus.TOO_MANY_REQUESTS);
    }
    request.principal = principal;
    return true;
  }

  /**
   * The principal of the request's bearer token. Without an Authorization header: 401 when
   * `required`, else null. A wrong or malformed one is always a 401, counted against the client's
   * address; an address over its failures is refused before its token is looked at.
   */
  authenticate(request: AuthRequest, required: true): Principal;
  authenticate(request: AuthRequest, required: boolean): Principal | null;
  authenticate(request: AuthRequest, required: boolean): Principal | null {
    const header = request.headers.authorization;
    if (header === undefined && !required) return null;
    const address = request.ip ?? request.socket?.remoteAddress;
    const wait = this.failures.retryAfter(address);
    if (wait > 0) {
      request.res?.setHeader('Retry-After', String(wait));
      throw new HttpException(`too many failed authentications from this address; retry in ${wait} s`, HttpStatus.TOO_MANY_REQUESTS);
    }
    if (header === undefined) throw new AuthenticationFailed('missing Authorization: Bearer token');
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) {
      this.failed(address);
      const bearer = typeof header === 'string' && /^Bearer(\s|$)/i.test(header);
      throw new AuthenticationFailed('Authorization must read "Bearer <token>"', bearer ? 'invalid_request' : undefined);
    }
    const principal = this.tokens.principalOf(match[1]);
    if (!principal) {
      this.failed(address);
      throw new AuthenticationFailed('unknown token', 'invalid_token');
    }
    return principal;
  }

  private failed(address: string | undefined): void {
    if (this.failures.fail(address)) {
      this.logger.warn(`authentication failures from ${clientKey(address)} reached the limit: its authenticated requests are refused (429) for a while`);
    }
  }
}

/** The authenticated principal (set by BearerAuthGuard). */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const request = context.switchToHttp().getRequest<AuthRequest>();
  if (!request.principal) throw new AuthenticationFailed('not authenticated');
  return request.principal;
});

/** The authenticated actor (set by BearerAuthGuard). */
export const Actor = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const request = context.switchToHttp().getRequest<AuthRequest>();
  if (!request.principal) throw new AuthenticationFailed('not authenticated');
  return request.principal.actor;
});
