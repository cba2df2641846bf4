import { createParamDecorator, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { BearerAuthGuard, type AuthRequest } from './bearer-auth.guard.js';
import type { Principal } from './token-registry.js';

/**
 * For public routes that say more to an authenticated caller (/health gives its details to
 * admins): without an Authorization header the request goes on anonymously; with one, the token
 * must be right (401 otherwise, counted and throttled as on every authenticated route).
 */
@Injectable()
export class OptionalBearerAuthGuard implements CanActivate {
  constructor(@Inject(BearerAuthGuard) private readonly auth: BearerAuthGuard) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthRequest>();
    const principal = this.auth.authenticate(request, false);
    if (principal) request.principal = principal;
    return true;
  }
}

/** The principal set by OptionalBearerAuthGuard, or undefined for an anonymous request. */
export const OptionalPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal | undefined => {
  return context.switchToHttp().getRequest<AuthRequest>().principal;
});
