import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorSchema, ValidationErrorSchema } from '../../../../platform/openapi/status-schemas.js';
import { ReceiptSchema } from '../../../../platform/openapi/transparency-schemas.js';
import { LogReceiptQuery } from './log-receipt.query.js';
import { LogReceiptParams } from './log-receipt.request.dto.js';

@ApiTags('transparency log')
@Controller('api/log')
export class LogReceiptController {
  constructor(private readonly queries: QueryBus) {}

  @Get('receipt')
  @ApiOperation({
    summary: 'The receipt of any event',
    description: 'Its position, leaf index and leaf hash, the latest signed tree head and the inclusion proof to its root: the same receipt a 201 gives, under the current head.',
  })
  @ApiOkResponse({ type: ReceiptSchema })
  @ApiBadRequestResponse({ description: '`position` is not a whole number', type: ValidationErrorSchema })
  @ApiNotFoundResponse({ description: 'No event at that position in the signed tree', type: ErrorSchema })
  receipt(@QueryParams() params: LogReceiptParams) {
    return this.queries.execute(new LogReceiptQuery(Number(params.position)));
  }
}
