import type { Day } from '../dates/edtf-date.js';
import type { GovernanceEvent } from '../events/framework.events.js';
import { candidate, knownFacts } from '../facts/known-facts.js';
import { diffStates, type StateDiff } from '../state/diff.js';
import { stateAt } from '../state/state-at.js';
import { buildTimeline } from '../timeline/fold.js';
import { factDay } from '../timeline/time-queries.js';
import type { FrameworkHistory } from './framework.decider.js';

/** What an accepted event would change, on the day it takes its place (and as the record would then stand). */
export interface Preview {
  /** The day the fact counts from (for a correction or a retraction: the day of the fact concerned, before and after). */
  days: Day[];
  changes: { day: Day; diff: StateDiff }[];
}

/** Folds the history without and with the event, and compares the states on the days it touches. */
export function preview(history: FrameworkHistory, event: GovernanceEvent): Preview {
  const before = knownFacts(history.events);
  const after = knownFacts([...history.events, candidate(event)]);
  const days = new Set<Day>();
  const target = 'eventId' in (event.data as object) ? (event.data as { eventId: string }).eventId : undefined;
  for (const facts of [before.facts, after.facts]) {
    for (const fact of facts) if (fact.eventId === 'candidate' || fact.eventId === target) days.add(factDay(fact));
  }
  const [was, now] = [buildTimeline(before.facts), buildTimeline(after.facts)];
  const sorted = [...days].sort();
  return { days: sorted, changes: sorted.map((day) => ({ day, diff: diffStates(stateAt(was, day), stateAt(now, day)) })) };
}
