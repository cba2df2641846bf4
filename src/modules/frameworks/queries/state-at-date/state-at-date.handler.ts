import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { horizonNotice, outsideHorizon } from '../../domain/state/horizon.js';
import { stateFromSegments } from '../../domain/state/segments.js';
import { AnswerCache } from '../../read-path/answer-cache.js';
import { FrameworkReader } from '../../read-path/framework-reader.js';
import { StateAtDateQuery, type StateAnswer } from './state-at-date.query.js';

@QueryHandler(StateAtDateQuery)
export class StateAtDateHandler implements IQueryHandler<StateAtDateQuery> {
  /** Answers by (framework, revision, day, knownAt): the same question on an unchanged framework is not asked twice. */
  private readonly answers = new AnswerCache<StateAnswer>(500);

  constructor(private readonly reader: FrameworkReader) {}

  async execute({ frameworkId, at, knownAt }: StateAtDateQuery): Promise<StateAnswer> {
    const framework = await this.reader.framework(frameworkId);
    return this.answers.get(`${frameworkId}|${framework.revision}|${at}|${knownAt ?? ''}`, async () => {
      // Kept with the framework's summary over recorded time: no event is replayed to know it.
      const horizon = await this.reader.horizon(framework, knownAt);
      const notice = horizonNotice(horizon, at);
      return {
        frameworkId,
        name: framework.name,
        at,
        knownAt: knownAt ?? null,
        revision: framework.revision,
        horizon,
        outsideHorizon: outsideHorizon(horizon, at),
        ...(notice === null ? {} : { horizonNotice: notice }),
        ...stateFromSegments(await this.reader.readModels.viewsAt(frameworkId, at, knownAt)),
      };
    });
  }
}
