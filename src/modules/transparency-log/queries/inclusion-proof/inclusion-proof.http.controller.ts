import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorSchema, ValidationErrorSchema } from '../../../../platform/openapi/status-schemas.js';
import { InclusionProofSchema } from '../../../../platform/openapi/transparency-schemas.js';
import { InclusionProofQuery } from './inclusion-proof.query.js';
import { InclusionProofParams } from './inclusion-proof.request.dto.js';

@ApiTags('transparency log')
@Controller('api/log/proof')
export class InclusionProofController {
  constructor(private readonly queries: QueryBus) {}

  @Get('inclusion')
  @ApiOperation({
    summary: 'Inclusion proof of an event',
    description: 'RFC 9162 PATH from the event’s leaf to the root of the tree of `treeSize` events (at most the latest signed head’s), hashed as RFC 9162 does (0x00 leaves, 0x01 nodes).',
  })
  @ApiOkResponse({ type: InclusionProofSchema })
  @ApiBadRequestResponse({ description: '`position` or `treeSize` is not a whole number, `treeSize` is beyond the signed tree or does not include the event', type: ValidationErrorSchema })
  @ApiNotFoundResponse({ description: 'No event at that position in the signed tree', type: ErrorSchema })
  inclusion(@QueryParams() params: InclusionProofParams) {
    return this.queries.execute(new InclusionProofQuery(Number(params.position), params.treeSize === undefined ? undefined : Number(params.treeSize)));
  }
}
