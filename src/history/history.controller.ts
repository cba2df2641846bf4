import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { EVENT_TYPES } from '../domain/framework.events.js';
import { IsInstant, normalizeInstant } from '../shared/query-params.js';
import { HistoryQuery } from './history.query.js';

export class HistoryParams {
  @IsOptional() @IsString() @MaxLength(64) actor?: string;
  @IsOptional() @IsIn(EVENT_TYPES as unknown as string[]) type?: string;
  @IsOptional() @IsInstant() since?: string;
  @IsOptional() @IsInstant() until?: string;
}

@Controller('api/frameworks')
export class HistoryController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/history')
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
