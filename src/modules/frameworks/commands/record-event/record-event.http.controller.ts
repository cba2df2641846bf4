import { Body, Controller, Headers, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { FrameworkNotFound } from '../../../../libs/app-errors.js';
import { BearerAuthGuard, CurrentPrincipal } from '../../../../platform/auth/bearer-auth.guard.js';
import type { Principal } from '../../../../platform/auth/token-registry.js';
import { parseIdempotencyKey, parseIfMatch } from '../../../../platform/http/http-headers.js';
import { AppendResultSchema, DryRunResultSchema } from '../../../../platform/openapi/api-schemas.js';
import { ErrorSchema } from '../../../../platform/openapi/status-schemas.js';
import { ApiRevisionConflict, ApiWrite, EVENT_BODY_REF } from '../../../../platform/openapi/openapi.js';
import { ID_PATTERN } from '../../domain/events/common.schema.js';
import { parseEventBody } from '../../domain/events/event-body.js';
import { receiptAnswer } from '../../write-path/receipt-answer.js';
import { RecordEventsCommand } from './record-events.command.js';
import { RecordEventQuery } from './record-event.request.dto.js';

interface HttpResponse {
  setHeader(name: string, value: string): void;
  status(code: number): void;
}

@ApiTags('events')
@Controller('api/frameworks')
export class RecordEventController {
  constructor(private readonly commands: CommandBus) {}

  /** Appends one governance event. 201 `{ eventId, revision, position, recordedAt, receipt }`; with `?dryRun=true`, 200 and what it would change. */
  @Post(':id/events')
  @HttpCode(201)
  @UseGuards(BearerAuthGuard)
  @ApiOperation({
    summary: 'Append one governance event (or check it: ?dryRun=true)',
    description:
      'Body `{ type, effectiveDate, data, source }`; `data` depends on `type` (see the *Data schemas). The store sets `recordedAt` and the actor (owner of the bearer token). ' +
      'With `dryRun=true` everything is checked and decided as for a real append — the same 400/404/409/422 answers — but nothing is appended: 200 with the differences the fact would make on the day it takes its place.',
  })
  @ApiParam({ name: 'id', description: 'The framework id', example: 'cccs13' })
  @ApiBody({ schema: EVENT_BODY_REF })
  @ApiCreatedResponse({
    description: "Appended (or replayed for an Idempotency-Key retry), with the transparency log's receipt of the event; header `ETag: \"revision\"`",
    type: AppendResultSchema,
  })
  @ApiOkResponse({ description: 'dryRun=true: the fact would be accepted; what it would change', type: DryRunResultSchema })
  @ApiWrite({ ifMatch: true })
  @ApiNotFoundResponse({ description: 'Unknown framework', type: ErrorSchema })
  @ApiRevisionConflict('`If-Match` is not the current revision; `currentRevision` says which is')
  async record(
    @Param('id') frameworkId: string,
    @Query() query: RecordEventQuery,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: HttpResponse,
  ) {
    if (!ID_PATTERN.test(frameworkId)) throw new FrameworkNotFound(frameworkId);
    const result = await this.commands.execute(
      new RecordEventsCommand({
        frameworkId,
        events: [{ event: parseEventBody(body) }],
        actor: principal.actor,
        role: principal.role,
        idempotencyKey: parseIdempotencyKey(idempotencyKey),
        expectedRevision: parseIfMatch(ifMatch),
        dryRun: query.dryRun === 'true',
      }),
    );
    if (result.dryRun) {
      response.status(200);
      return { dryRun: true, revision: result.revision, days: result.preview?.days ?? [], changes: result.preview?.changes ?? [] };
    }
    const [stored] = result.stored;
    response.setHeader('ETag', `"${stored.revision}"`);
    if (result.replayed) response.setHeader('Idempotent-Replayed', 'true');
    return {
      eventId: stored.eventId,
      revision: stored.revision,
      position: stored.position,
      recordedAt: stored.recordedAt,
      ...(result.replayed ? { replayed: true } : {}),
      ...receiptAnswer(stored, result.receipts),
    };
  }
}
