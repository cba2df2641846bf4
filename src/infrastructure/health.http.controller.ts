import { Controller, Get, HttpStatus, Inject, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from './event-store/event-store.port.js';
import { ProjectionRunner } from './projection/projection-runner.js';
import { READ_MODEL_STORE, type ReadModelStore } from './read-models/read-model.port.js';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config.js';
import { HealthSchema } from '../platform/openapi/api-schemas.js';
import { OptionalBearerAuthGuard, OptionalPrincipal } from '../platform/auth/optional-bearer-auth.guard.js';
import type { Principal } from '../platform/auth/token-registry.js';
import { withoutDetails } from '../platform/http/without-details.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly projection: ProjectionRunner,
  ) {}

  /** 200 when every store answers, 503 otherwise; each store's status either way (the `detail`s for admins only). */
  @Get()
  @UseGuards(OptionalBearerAuthGuard)
  @ApiBearerAuth('bearer')
  @ApiOperation({ summary: "Each store's status and the projection's position", description: 'Public; with the bearer token of an admin, each status also has its `detail` (files, servers, errors).' })
  @ApiOkResponse({ type: HealthSchema })
  @ApiServiceUnavailableResponse({ description: 'A store or the projection is down', type: HealthSchema })
  async health(@Res({ passthrough: true }) response: { status(code: number): void }, @OptionalPrincipal() viewer: Principal | undefined) {
    const [eventStore, readModels] = await Promise.all([this.events.health(), this.readModels.health()]);
    const projection = this.projection.status;
    const up = eventStore.status === 'up' && readModels.status === 'up' && projection.status === 'up';
    if (!up) response.status(HttpStatus.SERVICE_UNAVAILABLE);
    const answer = {
      status: up ? 'ok' : 'degraded',
      eventStore: { kind: this.config.eventStore, ...eventStore },
      readModels: { kind: this.config.readModelStore, ...readModels },
      projection,
    };
    return viewer?.role === 'admin' ? answer : withoutDetails(answer);
  }
}
