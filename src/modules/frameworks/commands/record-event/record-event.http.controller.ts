import { Body, Controller, Headers, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { BearerAuthGuard, CurrentPrincipal } from '../../../../platform/auth/bearer-auth.guard.js';
import type { Principal } from '../../../../platform/auth/token-registry.js';
import { parseIdempotencyKey, parseIfMatch } from '../../../../platform/http/http-headers.js';
import { AppendResultSchema, ErrorSchema } from '../../../../platform/openapi/api-schemas.js';
import { ApiRevisionConflict, ApiWrite } from '../../../../platform/openapi/openapi.js';
import { EventBodyDto } from './event-body.request.dto.js';
import { RecordEventCommand } from './record-event.command.js';

@ApiTags('events')
@Controller('api/frameworks')
export class RecordEventController {
  constructor(private readonly commands: CommandBus) {}

  /** Appends one governance event. 201 `{ eventId, revision, position, recordedAt }`. */
  @Post(':id/events')
  @HttpCode(201)
  @UseGuards(BearerAuthGuard)
  @ApiOperation({
    summary: 'Append one governance event',
    description:
      'Body `{ type, effectiveDate, data, source }`; `data` depends on `type` (see the *Data schemas). The store sets `recordedAt` and the actor (owner of the bearer token).',
  })
  @ApiParam({ name: 'id', description: 'The framework id', example: 'cccs13' })
  @ApiBody({ type: EventBodyDto })
  @ApiCreatedResponse({
    description: 'Appended (or replayed for an Idempotency-Key retry); header `ETag: "revision"`',
    type: AppendResultSchema,
  })
  @ApiWrite({ ifMatch: true })
  @ApiNotFoundResponse({ description: 'Unknown framework', type: ErrorSchema })
  @ApiRevisionConflict('`If-Match` is not the current revision; `currentRevision` says which is')
  async record(
    @Param('id') frameworkId: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: { setHeader(name: string, value: string): void },
  ) {
    const result = await this.commands.execute(
      new RecordEventCommand(frameworkId, body, principal.actor, parseIdempotencyKey(idempotencyKey), parseIfMatch(ifMatch), principal.role),
    );
    response.setHeader('ETag', `"${result.revision}"`);
    if (result.replayed) response.setHeader('Idempotent-Replayed', 'true');
    return {
      eventId: result.eventId,
      revision: result.revision,
      position: result.position,
      recordedAt: result.recordedAt,
      ...(result.replayed ? { replayed: true } : {}),
    };
  }
}
