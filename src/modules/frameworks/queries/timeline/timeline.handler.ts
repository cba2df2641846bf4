import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { FrameworkReader } from '../../read-path/framework-reader.js';
import { timelineEntries } from './timeline-entries.js';
import { TimelineQuery, type TimelineAnswer } from './timeline.query.js';

@QueryHandler(TimelineQuery)
export class TimelineHandler implements IQueryHandler<TimelineQuery> {
  constructor(private readonly reader: FrameworkReader) {}

  async execute({ frameworkId, knownAt }: TimelineQuery): Promise<TimelineAnswer> {
    const framework = await this.reader.framework(frameworkId);
    const [events, horizon] = await Promise.all([this.reader.readModels.frameworkEvents(frameworkId, knownAt), this.reader.horizon(framework, knownAt)]);
    return { frameworkId, knownAt: knownAt ?? null, horizon, events: timelineEntries(events, knownAt) };
  }
}
