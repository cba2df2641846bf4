import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { IsOptional } from 'class-validator';
import { IsInstant, normalizeInstant } from '../shared/query-params.js';
import { TimelineQuery } from './timeline.query.js';

export class TimelineParams {
  @IsOptional() @IsInstant() knownAt?: string;
}

@Controller('api/frameworks')
export class TimelineController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/timeline')
  timeline(@Param('id') frameworkId: string, @QueryParams() params: TimelineParams) {
    return this.queries.execute(new TimelineQuery(frameworkId, params.knownAt === undefined ? undefined : normalizeInstant(params.knownAt)));
  }
}
