import type { TimelineEntry } from './timeline-entries.js';

/** The answer of `GET /api/frameworks/{id}/timeline` (plain types: the web client imports them too). */
export interface TimelineAnswer {
  frameworkId: string;
  knownAt: string | null;
  events: TimelineEntry[];
}
