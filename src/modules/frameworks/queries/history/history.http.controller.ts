import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { EVENT_TYPES } from '../../domain/events/framework.events.js';
import { IsInstant, normalizeInstant } from '../../../../platform/http/query-params.js';
import { HistoryAnswerSchema } from '../../../../platform/openapi/api-schemas.js';
import { HistoryParams } from './history.request.dto.js';
import { ApiReadErrors } from '../../../../platform/openapi/openapi.js';
import { HistoryQuery } from './history.query.js';


@ApiTags('history')
@Controller('api/frameworks')
export class HistoryController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/history')
  @ApiOperation({
    summary: 'The audit log in recorded order',
    description: 'Who recorded each event, when, on which source, and what corrected or retracted what.',
  })
  @ApiParam({ name: 'id', description: 'The framework id', example: 'cccs13' })
  @ApiOkResponse({ type: HistoryAnswerSchema })
  @ApiReadErrors()
  history(@Param('id') frameworkId: string, @QueryParams() params: HistoryParams) {
    return this.queries.execute(
      new HistoryQuery(frameworkId, {
        ...(params.actor ? { actor: params.actor } : {}),
        ...(params.type ? { type: params.type } : {}),
        ...(params.since ? { since: normalizeInstant(params.since) } : {}),
        ...(params.until ? { until: normalizeInstant(params.until) } : {}),
      }),
    );
  }
}
