import { InvalidEdtfDate, type Day } from '../dates/edtf-date.js';
import { factDefinitionOf } from '../events/event-catalogue.js';
import type { RecordedEvent } from '../events/framework.events.js';
import { candidate, factOf, isCorrection, knownFacts, type Fact } from '../facts/known-facts.js';
import { buildTimeline, evolveTimeline } from '../timeline/fold.js';
import { checkFact } from '../timeline/rules.js';
import { factDay } from '../timeline/time-queries.js';
import type { Timeline } from '../timeline/timeline.types.js';
import { decide, evolve, refuse, type Decision, type FrameworkCommand, type FrameworkHistory } from './framework.decider.js';

/**
 * The history with its folded timeline, kept between commands so that the common case — a fact
 * dated on or after every recorded one — is checked against the timeline alone instead of
 * refolding the whole history. `decideWith` answers exactly what `decide` answers (property-tested).
 */
export interface DecisionState {
  history: FrameworkHistory;
  timeline: Timeline;
  /** The latest day of the history's facts that do not commute (any fact dated after it is a milestone). */
  lastDay: Day;
}

/**
 * Facts whose place in effective order changes nothing: a milestone's evolve only adds it to the
 * milestones, and no rule nor evolve of another fact reads them (a conflict's subject is checked
 * once every fact is placed). So a milestone is checked and folded against the whole timeline
 * (unless its id is taken: then the full fold says which fact breaks), and a fact dated after
 * milestones only — one dated 9999-12-31, say — takes the path of a fact dated after every other.
 */
const commutes = (fact: Fact) => fact.type === 'MilestoneNoted';

export function decisionState(history: FrameworkHistory): DecisionState {
  const { facts } = knownFacts(history.events);
  let lastDay: Day = '0000-00-00';
  for (const fact of facts) if (!commutes(fact) && factDay(fact) > lastDay) lastDay = factDay(fact);
  return { history, timeline: buildTimeline(facts), lastDay };
}

/** Whether the fact, folded last into the kept timeline, is checked and folded as in its place. */
function foldsLast(state: DecisionState, fact: Fact): boolean {
  if (commutes(fact)) {
    // Not when its id is taken, nor before the framework was established: the full fold words those refusals.
    const established = state.timeline.established;
    return established !== undefined && established !== null && factDay(fact) >= established.effective.first && !state.timeline.milestones.has(fact.data.milestoneId);
  }
  return factDay(fact) >= state.lastDay;
}

export function decideWith(command: FrameworkCommand, state: DecisionState): Decision {
  const { event } = command;
  const simple =
    command.type === 'RecordEvent' && state.history.events.length > 0 && !isCorrection(event.type) && event.type !== 'FrameworkEstablished';
  if (!simple) return decide(command, state.history);
  let fact;
  try {
    fact = factOf(candidate(event));
    if (!foldsLast(state, fact)) return decide(command, state.history);
  } catch (error) {
    if (error instanceof InvalidEdtfDate) return refuse({ rule: 'invalid-date', message: error.message });
    throw error;
  }
  // Every recorded fact is dated on or before this one (or commutes with it): it is checked last, against the whole timeline.
  // Rules that need every fact placed: as this one comes last and creates nothing they look up, the timeline as it is will do.
  const broken = checkFact(state.timeline, fact) ?? factDefinitionOf(fact.type)?.checkComplete?.(fact.data, state.timeline, fact) ?? null;
  if (broken) return refuse({ rule: broken.rule, message: broken.message, ...(broken.field === undefined ? {} : { field: broken.field }) });
  return { ok: true, events: [event] };
}

/** The state after one more recorded event (the timeline is folded in place when the event comes last). */
export function evolveState(state: DecisionState, event: RecordedEvent): DecisionState {
  const history = evolve(state.history, event);
  if (isCorrection(event.type)) return decisionState(history);
  const fact = factOf(event);
  if (!foldsLast(state, fact)) return decisionState(history);
  evolveTimeline(state.timeline, fact);
  return { history, timeline: state.timeline, lastDay: commutes(fact) ? state.lastDay : factDay(fact) };
}
