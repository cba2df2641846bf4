import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ProjectionRunner } from '../../../../infrastructure/projection/projection-runner.js';
import { RebuildReadModelsCommand } from './rebuild-read-models.command.js';

@CommandHandler(RebuildReadModelsCommand)
export class RebuildReadModelsHandler implements ICommandHandler<RebuildReadModelsCommand> {
  constructor(private readonly projection: ProjectionRunner) {}

  execute({ props }: RebuildReadModelsCommand): Promise<{ events: number }> {
    return this.projection.rebuild(props.onProgress);
  }
}
