import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { EVENT_TYPES } from '../domain/framework.events.js';
import { IsInstant, normalizeInstant } from '../shared/query-params.js';
import { HistoryAnswerSchema } from '../web/openapi/api-schemas.js';
import { ApiReadErrors } from '../web/openapi/openapi.js';
import { HistoryQuery } from './history.query.js';

export class HistoryParams {
  @ApiPropertyOptional({ description: 'Only the events recorded by this actor', example: 'admin', maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  actor?: string;
  @ApiPropertyOptional({ enum: EVENT_TYPES, description: 'Only the events of this type' })
  @IsOptional()
  @IsIn(EVENT_TYPES as unknown as string[])
  type?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Recorded at or after this instant' })
  @IsOptional()
  @IsInstant()
  since?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Recorded at or before this instant' })
  @IsOptional()
  @IsInstant()
  until?: string;
}

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
