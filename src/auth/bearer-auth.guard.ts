import { createParamDecorator, Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { TokenRegistry } from './token-registry.js';

/** Writes need `Authorization: Bearer TOKEN`; the actor recorded is the token's owner. */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(@Inject(TokenRegistry) private readonly tokens: TokenRegistry) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; actor?: string }>();
    const header = request.headers.authorization;
    if (!header) throw new UnauthorizedException('missing Authorization: Bearer token');
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthorizedException('Authorization must read "Bearer <token>"');
    const actor = this.tokens.actorOf(match[1]);
    if (!actor) throw new UnauthorizedException('unknown token');
    request.actor = actor;
    return true;
  }
}

/** The authenticated actor (set by BearerAuthGuard). */
export const Actor = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const request = context.switchToHttp().getRequest<{ actor?: string }>();
  if (!request.actor) throw new UnauthorizedException('not authenticated');
  return request.actor;
});
