import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InvalidInput } from '../shared/app-errors.js';
import { IsDay, KnownAtParams } from '../shared/query-params.js';
import { DiffAnswerSchema } from '../web/openapi/api-schemas.js';
import { ApiReadErrors } from '../web/openapi/openapi.js';
import { DiffQuery } from './diff.query.js';

export class DiffParams extends KnownAtParams {
  @ApiProperty({ format: 'date', example: '2005-06-30', description: 'The earlier day, YYYY-MM-DD' })
  @IsDay()
  from: string;
  @ApiProperty({ format: 'date', example: '2007-06-30', description: 'The later day, YYYY-MM-DD (not before `from`)' })
  @IsDay()
  to: string;
}

@ApiTags('diff')
@Controller('api/frameworks')
export class DiffController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/diff')
  @ApiOperation({
    summary: 'What changed between two dates',
    description:
      'What came into force, ended, or changed (end, parties, figures…) between `from` and `to`, and the facts dated in between.',
  })
  @ApiParam({ name: 'id', description: 'The framework id', example: 'cccs13' })
  @ApiOkResponse({ type: DiffAnswerSchema })
  @ApiReadErrors()
  diff(@Param('id') frameworkId: string, @QueryParams() params: DiffParams) {
    if (params.to < params.from) throw new InvalidInput([{ field: 'to', problems: ['to must not be before from'] }]);
    return this.queries.execute(
      new DiffQuery(frameworkId, params.from, params.to, KnownAtParams.instant(params)),
    );
  }
}
