import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventRecorder, type RecordResult } from '../../write-path/event-recorder.js';
import { CreateFrameworkCommand } from './create-framework.command.js';

@CommandHandler(CreateFrameworkCommand)
export class CreateFrameworkHandler implements ICommandHandler<CreateFrameworkCommand> {
  constructor(private readonly recorder: EventRecorder) {}

  execute({ props: { request, actor, idempotencyKey } }: CreateFrameworkCommand): Promise<RecordResult> {
    const source = request.source ?? { document: 'api', passage: `framework ${request.id} created by ${actor}`, confidence: 'stated' as const };
    return this.recorder.record({
      frameworkId: request.id,
      events: [
        {
          event: {
            type: 'FrameworkEstablished',
            effectiveDate: request.effectiveDate ?? new Date().toISOString().slice(0, 10),
            data: {
              name: request.name,
              ...(request.description ? { description: request.description } : {}),
              ...(request.territory ? { territory: request.territory } : {}),
            },
            source,
          },
        },
      ],
      actor,
      idempotencyKey,
    });
  }
}
