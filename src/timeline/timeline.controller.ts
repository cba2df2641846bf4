import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsInstant, normalizeInstant } from '../shared/query-params.js';
import { TimelineAnswerSchema } from '../web/openapi/api-schemas.js';
import { ApiReadErrors } from '../web/openapi/openapi.js';
import { TimelineQuery } from './timeline.query.js';

export class TimelineParams {
  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-01-01T00:00:00Z',
    description: 'The record as it stood at this instant (ISO 8601); default: now',
  })
  @IsOptional()
  @IsInstant()
  knownAt?: string;
}

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
  timeline(@Param('id') frameworkId: string, @QueryParams() params: TimelineParams) {
    return this.queries.execute(new TimelineQuery(frameworkId, params.knownAt === undefined ? undefined : normalizeInstant(params.knownAt)));
  }
}
