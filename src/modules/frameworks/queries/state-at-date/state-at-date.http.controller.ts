import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { KnownAtParams } from '../../../../platform/http/query-params.js';
import { StateAnswerSchema } from '../../../../platform/openapi/api-schemas.js';
import { StateParams } from './state-at-date.request.dto.js';
import { ApiReadErrors } from '../../../../platform/openapi/openapi.js';
import { StateAtDateQuery, type StateAnswer } from './state-at-date.query.js';

@ApiTags('state')
@Controller('api/frameworks')
export class StateAtDateController {
  constructor(private readonly queries: QueryBus) {}

  /** What was in force on `at`, as known at `knownAt`. */
  @Get(':id/state')
  @ApiOperation({
    summary: 'The framework on a date, as known at an instant',
    description:
      'Each list holds what is in force or exists on `at`; facts dated coarser than a day are `approximate`; each item carries its `source`.',
  })
  @ApiParam({ name: 'id', description: 'The framework id', example: 'cccs13' })
  @ApiOkResponse({ type: StateAnswerSchema })
  @ApiReadErrors()
  state(@Param('id') frameworkId: string, @QueryParams() params: StateParams): Promise<StateAnswer> {
    return this.queries.execute(new StateAtDateQuery(frameworkId, params.at, KnownAtParams.instant(params)));
  }
}
