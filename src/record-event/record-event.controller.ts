import { Body, Controller, Headers, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Actor, BearerAuthGuard } from '../auth/bearer-auth.guard.js';
import { parseIdempotencyKey, parseIfMatch } from '../shared/http-headers.js';
import { RecordEventCommand } from './record-event.command.js';

@Controller('api/frameworks')
export class RecordEventController {
  constructor(private readonly commands: CommandBus) {}

  /** Appends one governance event. 201 `{ eventId, revision, position, recordedAt }`. */
  @Post(':id/events')
  @HttpCode(201)
  @UseGuards(BearerAuthGuard)
  async record(
    @Param('id') frameworkId: string,
    @Body() body: unknown,
    @Actor() actor: string,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: { setHeader(name: string, value: string): void },
  ) {
    const result = await this.commands.execute(
      new RecordEventCommand(frameworkId, body, actor, parseIdempotencyKey(idempotencyKey), parseIfMatch(ifMatch)),
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
