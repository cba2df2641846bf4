import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { FrameworkNotFound, NotAllowed } from '../../../../libs/app-errors.js';
import { ID_PATTERN } from '../../domain/events/common.schema.js';
import { isCorrection } from '../../domain/facts/known-facts.js';
import { EventRecorder } from '../../write-path/event-recorder.js';
import { RecordEventsCommand, type RecordEventsResult } from './record-events.command.js';

@CommandHandler(RecordEventsCommand)
export class RecordEventsHandler implements ICommandHandler<RecordEventsCommand> {
  constructor(private readonly recorder: EventRecorder) {}

  async execute({ props }: RecordEventsCommand): Promise<RecordEventsResult> {
    if (!ID_PATTERN.test(props.frameworkId)) throw new FrameworkNotFound(props.frameworkId);
    if (props.role !== 'admin' && props.events.some(({ event }) => isCorrection(event.type))) {
      throw new NotAllowed(`${props.actor} may record facts but not correct or retract them: that needs the admin role`);
    }
    const request = {
      frameworkId: props.frameworkId,
      events: props.events,
      actor: props.actor,
      idempotencyKey: props.idempotencyKey,
      expectedRevision: props.expectedRevision,
    };
    if (props.dryRun) return { dryRun: true, ...(await this.recorder.check(request)) };
    return { dryRun: false, ...(await this.recorder.record(request)) };
  }
}
