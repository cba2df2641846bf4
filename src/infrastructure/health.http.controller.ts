import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from './event-store/event-store.port.js';
import { ProjectionRunner } from './projection/projection-runner.js';
import { READ_MODEL_STORE, type ReadModelStore } from './read-models/read-model.port.js';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config.js';
import { HealthSchema } from '../platform/openapi/api-schemas.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly projection: ProjectionRunner,
  ) {}

  /** 200 when every store answers, 503 otherwise; each store's status either way. */
  @Get()
  @ApiOperation({ summary: "Each store's status and the projection's position" })
  @ApiOkResponse({ type: HealthSchema })
  @ApiServiceUnavailableResponse({ description: 'A store or the projection is down', type: HealthSchema })
  async health(@Res({ passthrough: true }) response: { status(code: number): void }) {
    const [eventStore, readModels] = await Promise.all([this.events.health(), this.readModels.health()]);
    const projection = this.projection.status;
    const up = eventStore.status === 'up' && readModels.status === 'up' && projection.status === 'up';
    if (!up) response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return {
      status: up ? 'ok' : 'degraded',
      eventStore: { kind: this.config.eventStore, ...eventStore },
      readModels: { kind: this.config.readModelStore, ...readModels },
      projection,
    };
  }
}
