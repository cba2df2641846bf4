import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SignedTreeHeadSchema } from '../../../../platform/openapi/transparency-schemas.js';
import { LogHeadQuery } from './log-head.query.js';

@ApiTags('transparency log')
@Controller('api/log')
export class LogHeadController {
  constructor(private readonly queries: QueryBus) {}

  @Get('head')
  @ApiOperation({
    summary: 'The latest signed tree head',
    description: 'The size and RFC 9162 root hash of the Merkle tree over the global log, signed with Ed25519 (key: GET /api/log/key). On an empty log, the empty tree’s head.',
  })
  @ApiOkResponse({ type: SignedTreeHeadSchema })
  head() {
    return this.queries.execute(new LogHeadQuery());
  }
}
