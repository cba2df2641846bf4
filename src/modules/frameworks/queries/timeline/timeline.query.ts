import { Query } from '@nestjs/cqrs';
import type { TimelineAnswer } from './timeline.answer.js';

export type { TimelineAnswer } from './timeline.answer.js';

/** The framework's facts in effective-date order, as known at `knownAt` (default: now). */
export class TimelineQuery extends Query<TimelineAnswer> {
  constructor(
    readonly frameworkId: string,
    readonly knownAt?: string,
  ) {
    super();
  }
}
