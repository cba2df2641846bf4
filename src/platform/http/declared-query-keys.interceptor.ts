import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { getMetadataStorage } from 'class-validator';
import type { Observable } from 'rxjs';
import { InvalidInput } from '../../libs/app-errors.js';

/**
 * Every query key an API route does not declare is refused (400 naming it), before anything
 * reads the query.
 *
 * Why this is needed: the query parameter classes are filled by class-transformer, which skips a
 * key when the instance already answers it with a function or an accessor — so `constructor`,
 * `hasOwnProperty`, `toString`, `valueOf`… (inherited from Object.prototype) and `__proto__`
 * never became properties of the instance, and the validator's whitelist, which looks only at
 * the instance, never saw them: `?toString=1` was answered 200 while `?foo=1` was a 400. Here the
 * raw keys are compared with the declared ones, as own keys, before any transformation.
 *
 * Declared: the properties of the route's `@Query()` class (validated by class-validator,
 * inherited ones included), the names of `@Query('name')` parameters, and `minPosition`, which
 * every read accepts (MinPositionInterceptor takes it off). Routes outside `/api` and `/health`
 * (the web page reads its own query in the browser) and routes that read the raw request are not checked.
 */
@Injectable()
export class DeclaredQueryKeysInterceptor implements NestInterceptor {
  private readonly declared = new WeakMap<Function, Set<string> | null>();

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const query = context.switchToHttp().getRequest<{ query?: Record<string, unknown> }>().query;
    const keys = query === undefined || query === null ? [] : Object.keys(query);
    if (keys.length === 0) return next.handle();
    const declared = this.declaredKeys(context);
    if (declared === null) return next.handle();
    const unknown = keys.filter((key) => !declared.has(key));
    if (unknown.length > 0) {
      throw new InvalidInput(unknown.map((key) => ({ field: key, problems: [`${key} is not allowed: this route takes ${describe(declared)}`] })));
    }
    return next.handle();
  }

  /** The keys the route declares; null when the route is not checked. */
  private declaredKeys(context: ExecutionContext): Set<string> | null {
    const handler = context.getHandler();
    if (this.declared.has(handler)) return this.declared.get(handler)!;
    const controller = context.getClass();
    const path = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '').replace(/^\/+/, '');
    const args: Record<string, { index: number; data?: unknown }> = Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler.name) ?? {};
    const types: unknown[] = Reflect.getMetadata('design:paramtypes', controller.prototype, handler.name) ?? [];
    let keys: Set<string> | null = new Set(['minPosition']);
    if (!/^(api(\/|$)|health$)/i.test(path)) keys = null;
    for (const [key, arg] of Object.entries(args)) {
      if (keys === null) break;
      const kind = Number(key.split(':')[0]);
      if (kind === RouteParamtypes.REQUEST) keys = null;
      else if (kind === RouteParamtypes.QUERY && typeof arg.data === 'string') keys.add(arg.data);
      else if (kind === RouteParamtypes.QUERY) {
        const type = types[arg.index];
        if (typeof type !== 'function' || type === Object) keys = null;
        else for (const meta of getMetadataStorage().getTargetValidationMetadatas(type, '', true, false)) keys.add(meta.propertyName);
      }
    }
    this.declared.set(handler, keys);
    return keys;
  }
}

function describe(declared: Set<string>): string {
  const names = [...declared].filter((k) => k !== 'minPosition');
  return names.length === 0 ? 'no query parameter but minPosition' : `only ${[...names, 'minPosition'].join(', ')}`;
}
