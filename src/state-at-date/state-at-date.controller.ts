import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { IsOptional } from 'class-validator';
import { IsDay, IsInstant, normalizeInstant } from '../shared/query-params.js';
import { StateAtDateQuery } from './state-at-date.query.js';

export class StateParams {
  @IsDay() at: string;
  @IsOptional() @IsInstant() knownAt?: string;
}

@Controller('api/frameworks')
export class StateAtDateController {
  constructor(private readonly queries: QueryBus) {}

  /** What was in force on `at`, as known at `knownAt`. */
  @Get(':id/state')
  state(@Param('id') frameworkId: string, @QueryParams() params: StateParams) {
    return this.queries.execute(
      new StateAtDateQuery(frameworkId, params.at, params.knownAt === undefined ? undefined : normalizeInstant(params.knownAt)),
    );
  }
}
