import { Body, Controller, Headers, HttpCode, Post, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, BearerAuthGuard } from '../../../../platform/auth/bearer-auth.guard.js';
import { parseIdempotencyKey } from '../../../../platform/http/http-headers.js';
import { FrameworkCreatedSchema } from '../../../../platform/openapi/api-schemas.js';
import { ErrorSchema } from '../../../../platform/openapi/status-schemas.js';
import { ApiWrite, CREATE_FRAMEWORK_REF } from '../../../../platform/openapi/openapi.js';
import { receiptAnswer } from '../../write-path/receipt-answer.js';
import { CreateFrameworkCommand } from './create-framework.command.js';
import { parseCreateFrameworkBody } from './create-framework.request.dto.js';

@ApiTags('frameworks')
@Controller('api/frameworks')
export class CreateFrameworkController {
  constructor(private readonly commands: CommandBus) {}

  /** Creates a framework: 201 `{ id, name, eventId, revision, position, recordedAt, receipt }`; 409 if the id is taken. */
  @Post()
  @HttpCode(201)
  @UseGuards(BearerAuthGuard)
  @ApiOperation({
    summary: 'Create a framework',
    description: 'Records its FrameworkEstablished event; the actor is the owner of the bearer token.',
  })
  @ApiBody({ schema: CREATE_FRAMEWORK_REF })
  @ApiCreatedResponse({ description: "Created, with the transparency log's receipt of its first event", type: FrameworkCreatedSchema })
  @ApiWrite({ ifMatch: false })
  @ApiConflictResponse({ description: 'The id is taken', type: ErrorSchema })
  async create(@Body() body: unknown, @Actor() actor: string, @Headers('idempotency-key') idempotencyKey: string | undefined) {
    const request = parseCreateFrameworkBody(body);
    const result = await this.commands.execute(new CreateFrameworkCommand({ request, actor, idempotencyKey: parseIdempotencyKey(idempotencyKey) }));
    const [stored] = result.stored;
    return {
      id: request.id,
      name: request.name,
      eventId: stored.eventId,
      revision: stored.revision,
      position: stored.position,
      recordedAt: stored.recordedAt,
      ...receiptAnswer(stored, result.receipts),
    };
  }
}
