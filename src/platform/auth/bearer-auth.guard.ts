import {
  createParamDecorator,
  ForbiddenException,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  SetMetadata,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { TokenRegistry, type Principal, type Role } from './token-registry.js';
import { WriteRateLimiter } from './write-rate-limiter.js';

const ROLE_KEY = 'governance:role';

/** The role a route needs (default: any authenticated actor). */
export const RequireRole = (role: Role) => SetMetadata(ROLE_KEY, role);

type AuthRequest = { headers: Record<string, string | undefined>; principal?: Principal; res?: { setHeader(name: string, value: string): void } };

/**
 * Writes need `Authorization: Bearer TOKEN`; the actor recorded is the token's owner.
 * Each actor's writes are limited per minute (429 with Retry-After beyond).
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    @Inject(TokenRegistry) private readonly tokens: TokenRegistry,
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(WriteRateLimiter) private readonly limiter: WriteRateLimiter,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthRequest>();
    const header = request.headers.authorization;
    if (!header) throw new UnauthorizedException('missing Authorization: Bearer token');
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthorizedException('Authorization must read "Bearer <token>"');
    const principal = this.tokens.principalOf(match[1]);
    if (!principal) throw new UnauthorizedException('unknown token');
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
}

/** The authenticated principal (set by BearerAuthGuard). */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const request = context.switchToHttp().getRequest<AuthRequest>();
  if (!request.principal) throw new UnauthorizedException('not authenticated');
  return request.principal;
});

/** The authenticated actor (set by BearerAuthGuard). */
export const Actor = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const request = context.switchToHttp().getRequest<AuthRequest>();
  if (!request.principal) throw new UnauthorizedException('not authenticated');
  return request.principal.actor;
});
