import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { IsOptional } from 'class-validator';
import { InvalidInput } from '../shared/app-errors.js';
import { IsDay, IsInstant, normalizeInstant } from '../shared/query-params.js';
import { DiffQuery } from './diff.query.js';

export class DiffParams {
  @IsDay() from: string;
  @IsDay() to: string;
  @IsOptional() @IsInstant() knownAt?: string;
}

@Controller('api/frameworks')
export class DiffController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/diff')
  diff(@Param('id') frameworkId: string, @QueryParams() params: DiffParams) {
    if (params.to < params.from) throw new InvalidInput([{ field: 'to', problems: ['to must not be before from'] }]);
    return this.queries.execute(
      new DiffQuery(frameworkId, params.from, params.to, params.knownAt === undefined ? undefined : normalizeInstant(params.knownAt)),
    );
  }
}
