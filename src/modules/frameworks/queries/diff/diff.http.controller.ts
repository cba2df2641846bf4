import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InvalidInput } from '../../../../libs/app-errors.js';
import { IsDay, KnownAtParams } from '../../../../platform/http/query-params.js';
import { DiffAnswerSchema } from '../../../../platform/openapi/api-schemas.js';
import { DiffParams } from './diff.request.dto.js';
import { ApiReadErrors } from '../../../../platform/openapi/openapi.js';
import { DiffQuery } from './diff.query.js';


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
