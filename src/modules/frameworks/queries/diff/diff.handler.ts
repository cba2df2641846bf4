import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { diffStates } from '../../domain/state/diff.js';
import { stateFromSegments } from '../../domain/state/segments.js';
import { FrameworkReader } from '../../read-path/framework-reader.js';
import { timelineEntries } from '../timeline/timeline-entries.js';
import { DiffQuery, type DiffAnswer } from './diff.query.js';

@QueryHandler(DiffQuery)
export class DiffHandler implements IQueryHandler<DiffQuery> {
  constructor(private readonly reader: FrameworkReader) {}

  async execute({ frameworkId, from, to, knownAt }: DiffQuery): Promise<DiffAnswer> {
    const framework = await this.reader.framework(frameworkId);
    const store = this.reader.readModels;
    const [before, after, events, horizon] = await Promise.all([
      store.viewsAt(frameworkId, from, knownAt),
      store.viewsAt(frameworkId, to, knownAt),
      store.frameworkEvents(frameworkId, knownAt),
      this.reader.horizon(framework, knownAt),
    ]);
    return {
      frameworkId,
      from,
      to,
      knownAt: knownAt ?? null,
      horizon,
      ...diffStates(stateFromSegments(before), stateFromSegments(after)),
      events: timelineEntries(events, knownAt).filter((e) => e.from > from && e.from <= to && e.retractedBy === undefined),
    };
  }
}
