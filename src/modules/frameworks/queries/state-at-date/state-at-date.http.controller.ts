import { Controller, Get, Param, Query as QueryParams, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsDay, KnownAtParams } from '../../../../platform/http/query-params.js';
import { StateAnswerSchema } from '../../../../platform/openapi/api-schemas.js';
import { StateParams } from './state-at-date.request.dto.js';
import { ApiReadErrors } from '../../../../platform/openapi/openapi.js';
import { StateAtDateQuery, type StateAnswer } from './state-at-date.query.js';

/** The JSON text of each answer: answers are cached and shared, so each is serialized once. */
const texts = new WeakMap<StateAnswer, string>();

function jsonOf(answer: StateAnswer): string {
  let text = texts.get(answer);
  if (text === undefined) {
    text = JSON.stringify(answer);
    texts.set(answer, text);
  }
  return text;
}


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
  async state(
    @Param('id') frameworkId: string,
    @QueryParams() params: StateParams,
    @Res() response: { type(contentType: string): { send(body: string): void } },
  ): Promise<void> {
    const answer = await this.queries.execute(
      new StateAtDateQuery(frameworkId, params.at, KnownAtParams.instant(params)),
    );
    response.type('application/json; charset=utf-8').send(jsonOf(answer));
  }
}
