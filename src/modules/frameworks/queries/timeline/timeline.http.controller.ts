import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { KnownAtParams } from '../../../../platform/http/query-params.js';
import { TimelineAnswerSchema } from '../../../../platform/openapi/api-schemas.js';
import { ApiReadErrors } from '../../../../platform/openapi/openapi.js';
import { TimelineQuery } from './timeline.query.js';

@ApiTags('timeline')
@Controller('api/frameworks')
export class TimelineController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/timeline')
  @ApiOperation({
    summary: 'The facts in effective-date order',
    description: 'Corrections applied; retracted facts kept and marked `retractedBy`.',
  })
  @ApiParam({ name: 'id', description: 'The framework id', example: 'cccs13' })
  @ApiOkResponse({ type: TimelineAnswerSchema })
  @ApiReadErrors()
  timeline(@Param('id') frameworkId: string, @QueryParams() params: KnownAtParams) {
    return this.queries.execute(new TimelineQuery(frameworkId, KnownAtParams.instant(params)));
  }
}
