import { Controller, Get, UseGuards } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { BearerAuthGuard, RequireRole } from '../auth/bearer-auth.guard.js';
import { VerifyIntegrityQuery } from './verify-integrity.query.js';

@Controller('api/admin')
export class VerifyIntegrityController {
  constructor(private readonly queries: QueryBus) {}

  /** `{ ok, checked, chained, firstBroken?: { position, eventId, streamId, problem }, verifiedAt }` — admin only. */
  @Get('verify')
  @UseGuards(BearerAuthGuard)
  @RequireRole('admin')
  verify() {
    return this.queries.execute(new VerifyIntegrityQuery());
  }
}
