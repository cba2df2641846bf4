import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { knownFacts } from '../../domain/facts/known-facts.js';
import { itemVersions } from '../../domain/state/item-versions.js';
import { buildTimeline } from '../../domain/timeline/fold.js';
import { AnswerCache } from '../../read-path/answer-cache.js';
import { FrameworkReader } from '../../read-path/framework-reader.js';
import { ItemVersionsQuery, type ItemVersionsAnswer } from './item-versions.query.js';

@QueryHandler(ItemVersionsQuery)
export class ItemVersionsHandler implements IQueryHandler<ItemVersionsQuery> {
  /** By (framework, revision, knownAt): the framework's events are folded once per revision. */
  private readonly answers = new AnswerCache<ItemVersionsAnswer>(64);

  constructor(private readonly reader: FrameworkReader) {}

  async execute({ frameworkId, knownAt }: ItemVersionsQuery): Promise<ItemVersionsAnswer> {
    const framework = await this.reader.framework(frameworkId);
    return this.answers.get(`${frameworkId}|${framework.revision}|${knownAt ?? ''}`, async () => {
      const { facts } = knownFacts(await this.reader.readModels.frameworkEvents(frameworkId, knownAt), knownAt);
      return { frameworkId, knownAt: knownAt ?? null, revision: framework.revision, items: itemVersions(buildTimeline(facts), facts) };
    });
  }
}
