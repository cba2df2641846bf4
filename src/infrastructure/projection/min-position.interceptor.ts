import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { from, mergeMap, type Observable } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config.js';
import { InvalidInput, ReadModelsBehind } from '../../libs/app-errors.js';
import { ProjectionRunner } from './projection-runner.js';

/**
 * Read-your-writes on the asynchronous path: a read with `?minPosition=N` (the `position` of
 * a 201) waits, up to READ_WAIT_MS (5 s), until the read models include that position; then it answers,
 * or says 503 with Retry-After. The parameter is taken off the query before validation.
 */
@Injectable()
export class MinPositionInterceptor implements NestInterceptor {
  constructor(
    private readonly projection: ProjectionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<{ method: string; query?: Record<string, unknown> }>();
    const raw = request.query?.minPosition;
    if (raw === undefined) return next.handle();
    // Express 5 computes `req.query` on each access: replace it with the query without the parameter.
    const { minPosition: _, ...rest } = request.query!;
    Object.defineProperty(request, 'query', { value: rest, writable: true, configurable: true, enumerable: true });
    if (typeof raw !== 'string' || !/^\d{1,15}$/.test(raw)) {
      throw new InvalidInput([{ field: 'minPosition', problems: ['minPosition must be a log position (a whole number)'] }]);
    }
    return from(this.projection.waitFor(Number(raw), this.config.readWaitMs)).pipe(
      mergeMap((reached) => {
        if (!reached) throw new ReadModelsBehind(Number(raw), this.projection.checkpoint);
        return next.handle();
      }),
    );
  }
}
