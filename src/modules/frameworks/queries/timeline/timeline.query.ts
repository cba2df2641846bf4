import { Query } from '@nestjs/cqrs';
import type { Horizon } from '../../domain/state/horizon.js';
import type { TimelineEntry } from './timeline-entries.js';

export interface TimelineAnswer {
  frameworkId: string;
  knownAt: string | null;
  /** The first and last days the recorded history speaks of, as known at `knownAt`. */
  horizon: Horizon | null;
  events: TimelineEntry[];
}

/** The framework's facts in effective-date order, as known at `knownAt` (default: now). */
export class TimelineQuery extends Query<TimelineAnswer> {
  constructor(
    readonly frameworkId: string,
    readonly knownAt?: string,
  ) {
    super();
  }
}
