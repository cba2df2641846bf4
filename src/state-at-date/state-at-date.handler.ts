import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { stateFromSegments } from '../domain/segments.js';
import { FrameworkReader } from '../shared/framework-reader.js';
import { StateAtDateQuery, type StateAnswer } from './state-at-date.query.js';

@QueryHandler(StateAtDateQuery)
export class StateAtDateHandler implements IQueryHandler<StateAtDateQuery> {
  constructor(private readonly reader: FrameworkReader) {}

  async execute({ frameworkId, at, knownAt }: StateAtDateQuery): Promise<StateAnswer> {
    const framework = await this.reader.framework(frameworkId);
    const segments = await this.reader.readModels.segmentsAt(frameworkId, at, knownAt);
    return {
      frameworkId,
      name: framework.name,
      at,
      knownAt: knownAt ?? null,
      revision: framework.revision,
      ...stateFromSegments(segments),
    };
  }
}
