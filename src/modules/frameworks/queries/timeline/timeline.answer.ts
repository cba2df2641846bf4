import type { Horizon } from '../../domain/state/horizon.js';
import type { TimelineEntry } from './timeline-entries.js';

/** The answer of `GET /api/frameworks/{id}/timeline` (plain types: the web client imports them too). */
export interface TimelineAnswer {
  frameworkId: string;
  knownAt: string | null;
  /** The first and last days the recorded history speaks of, as known at `knownAt`. */
  horizon: Horizon | null;
  events: TimelineEntry[];
}
