import type { StateDiff } from '../../domain/state/diff.js';
import type { Horizon } from '../../domain/state/horizon.js';
import type { TimelineEntry } from '../timeline/timeline-entries.js';

/** The answer of `GET /api/frameworks/{id}/diff` (plain types: the web client imports them too). */
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
