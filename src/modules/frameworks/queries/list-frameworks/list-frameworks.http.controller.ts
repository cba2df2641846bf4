import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FrameworkSummarySchema } from '../../../../platform/openapi/api-schemas.js';
import { ListFrameworksQuery } from './list-frameworks.query.js';

@ApiTags('frameworks')
@Controller('api/frameworks')
export class ListFrameworksController {
  constructor(private readonly queries: QueryBus) {}

  /** `[{ id, name, description?, createdAt, revision, eventCount, updatedAt }]` */
  @Get()
  @ApiOperation({ summary: 'The frameworks held by the service' })
  @ApiOkResponse({ type: [FrameworkSummarySchema] })
  list() {
    return this.queries.execute(new ListFrameworksQuery());
  }
}
