import { Controller, Get, UseGuards } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { BearerAuthGuard, RequireRole } from '../../../../platform/auth/bearer-auth.guard.js';
import { VerifyIntegrityQuery } from './verify-integrity.query.js';

@ApiTags('admin')
@Controller('api/admin')
export class VerifyIntegrityController {
  constructor(private readonly queries: QueryBus) {}

  /** `{ ok, checked, chained, firstBroken?: { position, eventId, streamId, problem }, verifiedAt }` — admin only. */
  @Get('verify')
  @ApiOperation({ summary: 'Verify the log', description: 'Recomputes the hash chains (per framework stream and global) and names the first broken link.' })
  @ApiBearerAuth('bearer')
  @ApiOkResponse({ description: '`{ ok, checked, chained, firstBroken?: { position, eventId, streamId, problem }, verifiedAt }`' })
  @ApiUnauthorizedResponse({ description: 'Missing or unknown bearer token' })
  @ApiForbiddenResponse({ description: 'Needs the admin role' })
  @UseGuards(BearerAuthGuard)
  @RequireRole('admin')
  verify() {
    return this.queries.execute(new VerifyIntegrityQuery());
  }
}
