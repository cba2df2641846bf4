import { Query } from '@nestjs/cqrs';
import type { StateDiff } from '../../domain/state/diff.js';
import type { Horizon } from '../../domain/state/horizon.js';
import type { TimelineEntry } from '../timeline/timeline-entries.js';

export interface DiffAnswer extends StateDiff {
  frameworkId: string;
  from: string;
  to: string;
  knownAt: string | null;
  /** The first and last days the recorded history speaks of, as known at `knownAt`. */
  horizon: Horizon | null;
  /** The facts dated after `from` and up to `to`, in effective order. */
  events: TimelineEntry[];
}

/** What came into force, ended, or changed between two days. */
export class DiffQuery extends Query<DiffAnswer> {
  constructor(
    readonly frameworkId: string,
    readonly from: string,
    readonly to: string,
    readonly knownAt?: string,
  ) {
    super();
  }
}
