import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { correctedData } from '../../domain/decider/framework.decider.js';
import { FrameworkNotFound, NotAllowed } from '../../../../libs/app-errors.js';
import { FrameworkWriter, type WriteResult } from '../../write-path/framework-writer.js';
import { ID_PATTERN } from './event-body.request.dto.js';
import { validateCorrectedData, validateEventBody } from './event-body.validation.js';
import { RecordEventCommand } from './record-event.command.js';

@CommandHandler(RecordEventCommand)
export class RecordEventHandler implements ICommandHandler<RecordEventCommand> {
  constructor(private readonly writer: FrameworkWriter) {}

  async execute(command: RecordEventCommand): Promise<WriteResult> {
    if (!ID_PATTERN.test(command.frameworkId)) throw new FrameworkNotFound(command.frameworkId);
    const event = validateEventBody(command.body);
    if ((event.type === 'FactCorrected' || event.type === 'FactRetracted') && command.role !== 'admin') {
      throw new NotAllowed(`${command.actor} may record facts but not correct or retract them: that needs the admin role`);
    }
    return this.writer.write(
      command.frameworkId,
      { type: 'RecordEvent', event },
      { actor: command.actor, idempotencyKey: command.idempotencyKey, expectedRevision: command.expectedRevision },
      (history) => {
        // A correction must leave its target with data that would have been accepted.
        if (event.type !== 'FactCorrected' || event.data.data === undefined) return;
        const target = history.events.find((e) => e.eventId === event.data.eventId);
        if (target) validateCorrectedData(target.type, correctedData(target, event.data));
      },
    );
  }
}
