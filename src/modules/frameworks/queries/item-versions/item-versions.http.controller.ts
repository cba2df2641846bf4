import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { KnownAtParams } from '../../../../platform/http/query-params.js';
import { ItemVersionsAnswerSchema } from '../../../../platform/openapi/api-schemas.js';
import { ApiReadErrors } from '../../../../platform/openapi/openapi.js';
import { ItemVersionsQuery } from './item-versions.query.js';

@ApiTags('state')
@Controller('api/frameworks')
export class ItemVersionsController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/items')
  @ApiOperation({
    summary: 'Every item with its versions over effective time',
    description:
      'Each convention, party, mission, instrument, body, review, milestone and conflict, with its versions « en vigueur du … au … » (`validFrom`, `validTo` exclusive), the view of each (as the state answers it on any day of the version) and the facts that took effect on its first day. One request draws the whole timeline.',
  })
  @ApiParam({ name: 'id', description: 'The framework id', example: 'cccs13' })
  @ApiOkResponse({ type: ItemVersionsAnswerSchema })
  @ApiReadErrors()
  items(@Param('id') frameworkId: string, @QueryParams() params: KnownAtParams) {
    return this.queries.execute(new ItemVersionsQuery(frameworkId, KnownAtParams.instant(params)));
  }
}
