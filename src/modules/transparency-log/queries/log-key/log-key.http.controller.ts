import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PublicKeySchema } from '../../../../platform/openapi/transparency-schemas.js';
import { LogKeyQuery } from './log-key.query.js';

@ApiTags('transparency log')
@Controller('api/log')
export class LogKeyController {
  constructor(private readonly queries: QueryBus) {}

  @Get('key')
  @ApiOperation({
    summary: 'The public key of the transparency log',
    description: 'The Ed25519 key (PEM) that verifies every signed tree head, and its keyId. Partners keep it: `governance audit --key key.pem`.',
  })
  @ApiOkResponse({ type: PublicKeySchema })
  key() {
    return this.queries.execute(new LogKeyQuery());
  }
}
