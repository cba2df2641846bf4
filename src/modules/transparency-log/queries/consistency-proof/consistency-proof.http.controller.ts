import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ValidationErrorSchema } from '../../../../platform/openapi/status-schemas.js';
import { ConsistencyProofSchema } from '../../../../platform/openapi/transparency-schemas.js';
import { ConsistencyProofQuery } from './consistency-proof.query.js';
import { ConsistencyProofParams } from './consistency-proof.request.dto.js';

@ApiTags('transparency log')
@Controller('api/log/proof')
export class ConsistencyProofController {
  constructor(private readonly queries: QueryBus) {}

  @Get('consistency')
  @ApiOperation({
    summary: 'Consistency proof between two tree sizes',
    description: 'RFC 9162 PROOF(from, D[to]): shows that the tree of `to` events extends the tree of `from` events unchanged (a later head is consistent with an earlier one).',
  })
  @ApiOkResponse({ type: ConsistencyProofSchema })
  @ApiBadRequestResponse({ description: '`from` or `to` is not a whole number, `to` is beyond the signed tree, or `from` > `to`', type: ValidationErrorSchema })
  consistency(@QueryParams() params: ConsistencyProofParams) {
    return this.queries.execute(new ConsistencyProofQuery(Number(params.from), params.to === undefined ? undefined : Number(params.to)));
  }
}
