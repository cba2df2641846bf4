import { Controller, Get, UseGuards } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { BearerAuthGuard, RequireRole } from '../../../../platform/auth/bearer-auth.guard.js';
import { VerifyIntegrityQuery } from './verify-integrity.query.js';

@ApiTags('admin')
@Controller('api/admin')
export class VerifyIntegrityController {
  constructor(private readonly queries: QueryBus) {}

  /** `{ ok, chainsOk, checked, chained, firstBroken?, transparency: { ok, events, leaves, heads, signatures, rootHash, firstDisagreement… }, verifiedAt }` — admin only. */
  @Get('verify')
  @ApiOperation({
    summary: 'Verify the log',
    description:
      'Recomputes the hash chains (per framework stream and global) and names the first broken link; computes the Merkle tree of the transparency log again from the events and holds it against every stored leaf and every signed head (root, and signature with the current key), naming the first position where a head disagrees with the file.',
  })
  @ApiBearerAuth('bearer')
  @ApiOkResponse({
    description:
      '`{ ok, chainsOk, checked, chained, firstBroken?: { position, eventId, streamId, problem }, transparency: { placement, ok, keyId, events, leaves, heads, signatures, treeSize, rootHash, firstDisagreement: { kind, position, leafIndex, message… } | null, problemCount, problems }, verifiedAt }`',
  })
  @ApiUnauthorizedResponse({ description: 'Missing or unknown bearer token' })
  @ApiForbiddenResponse({ description: 'Needs the admin role' })
  @UseGuards(BearerAuthGuard)
  @RequireRole('admin')
  verify() {
    return this.queries.execute(new VerifyIntegrityQuery());
  }
}
