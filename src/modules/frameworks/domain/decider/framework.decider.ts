import { InvalidEdtfDate, type Day } from '../dates/edtf-date.js';
import type { GovernanceEvent, RecordedEvent } from '../events/framework.events.js';
import { buildCheckedTimeline, buildTimeline, checkFact, evolveTimeline, factDay, type Timeline } from '../timeline/framework.timeline.js';
import { candidate, factOf, isCorrection, knownFacts } from '../facts/known-facts.js';

/**
 * The decider of a framework stream: `decide` (command + history → events, or a refusal)
 * and `evolve` (history + event → history), both pure.
 *
 * Rules are checked at each fact's effective date: the candidate is placed among the facts
 * already recorded, in effective order, and every fact is checked against what came before
 * it. A back-dated event that would make a later recorded fact inconsistent is refused.
 */

export interface FrameworkHistory {
  frameworkId: string;
  /** The stream's events in recorded order. */
  events: RecordedEvent[];
  /** 0-based revision of the last event; -1 when the stream is empty. */
  revision: number;
}

export type FrameworkCommand =
  | { type: 'EstablishFramework'; event: Extract<GovernanceEvent, { type: 'FrameworkEstablished' }> }
  | { type: 'RecordEvent'; event: GovernanceEvent };

export interface Refusal {
  /** A stable slug naming the rule, e.g. `convention-not-in-force`. */
  rule: string;
  message: string;
  /** The recorded fact the candidate would make inconsistent, if it is not the candidate itself. */
  conflictingEventId?: string;
}

export type Decision = { ok: true; events: GovernanceEvent[] } | { ok: false; refusal: Refusal };

export function initialHistory(frameworkId: string): FrameworkHistory {
  return { frameworkId, events: [], revision: -1 };
}

export function evolve(history: FrameworkHistory, event: RecordedEvent): FrameworkHistory {
  return { frameworkId: history.frameworkId, events: [...history.events, event], revision: event.revision };
}

const refuse = (rule: string, message: string, conflictingEventId?: string): Decision => ({
  ok: false,
  refusal: conflictingEventId ? { rule, message, conflictingEventId } : { rule, message },
});

export function decide(command: FrameworkCommand, history: FrameworkHistory): Decision {
  const { event } = command;
  if (command.type === 'EstablishFramework' && history.events.length > 0) {
    return refuse('framework-already-exists', `framework ${history.frameworkId} already exists`);
  }
  if (history.events.length === 0 && event.type !== 'FrameworkEstablished') {
    return refuse('framework-not-established', `framework ${history.frameworkId} is not established`);
  }
  if (isCorrection(event.type)) {
    const refusal = checkCorrection(event as Extract<GovernanceEvent, { type: 'FactCorrected' | 'FactRetracted' }>, history);
    if (refusal) return refusal;
  }
  const CANDIDATE = 'candidate';
  try {
    const { facts } = knownFacts([...history.events, candidate(event, CANDIDATE)]);
    const { violation } = buildCheckedTimeline(facts);
    if (violation) {
      if (violation.eventId === CANDIDATE || isCorrection(event.type)) return refuse(violation.rule, violation.message);
      const later = history.events.find((e) => e.eventId === violation.eventId)!;
      return refuse(
        violation.rule,
        `this would make the recorded ${later.type} of ${later.effectiveDate} (event ${later.eventId}) inconsistent: ${violation.message}`,
        later.eventId,
      );
    }
  } catch (error) {
    if (error instanceof InvalidEdtfDate) return refuse('invalid-date', error.message);
    throw error;
  }
  return { ok: true, events: [event] };
}

function checkCorrection(
  event: Extract<GovernanceEvent, { type: 'FactCorrected' | 'FactRetracted' }>,
  history: FrameworkHistory,
): Decision | null {
  const targetId = event.data.eventId;
  const target = history.events.find((e) => e.eventId === targetId);
  if (!target) return refuse('fact-unknown', `no event ${targetId} in this framework`);
  if (isCorrection(target.type)) {
    return refuse('correction-of-correction', `event ${targetId} is a ${target.type}; correct or retract the original fact instead`);
  }
  if (target.type === 'FrameworkEstablished' && event.type === 'FactRetracted') {
    return refuse('framework-not-retractable', 'the framework establishment cannot be retracted');
  }
  const retracted = history.events.some((e) => e.type === 'FactRetracted' && e.data.eventId === targetId);
  if (retracted) return refuse('fact-already-retracted', `event ${targetId} is already retracted`);
  if (event.type === 'FactCorrected') {
    if (event.data.effectiveDate === undefined && event.data.data === undefined) {
      return refuse('correction-empty', 'a correction needs a new effectiveDate or new data');
    }
    const newData = event.data.data ?? {};
    for (const key of ['conventionId', 'missionId', 'instrumentId', 'bodyId', 'reviewId', 'milestoneId', 'conflictId']) {
      if (key in newData && newData[key] !== (target.data as Record<string, unknown>)[key]) {
        return refuse('identity-not-correctable', `${key} cannot be corrected; retract the fact and record a new one`);
      }
    }
  }
  return null;
}

/** The effective data of a corrected event (what the record says once the correction applies). */
export function correctedData(target: RecordedEvent, correction: { data?: Record<string, unknown> }): Record<string, unknown> {
  return { ...(target.data as Record<string, unknown>), ...(correction.data ?? {}) };
}

/**
 * The history with its folded timeline, kept between commands so that the common case — a
 * fact dated on or after every recorded one — is checked against the timeline alone instead
 * of refolding the whole history. `decideWith` answers exactly what `decide` answers.
 */
export interface DecisionState {
  history: FrameworkHistory;
  timeline: Timeline;
  /** The latest fact day of the history (every fact is dated on or before it). */
  lastDay: Day;
}

export function decisionState(history: FrameworkHistory): DecisionState {
  const { facts } = knownFacts(history.events);
  let lastDay: Day = '0000-00-00';
  for (const fact of facts) if (factDay(fact) > lastDay) lastDay = factDay(fact);
  return { history, timeline: buildTimeline(facts), lastDay };
}

export function decideWith(command: FrameworkCommand, state: DecisionState): Decision {
  const { event } = command;
  const simple =
    command.type === 'RecordEvent' && state.history.events.length > 0 && !isCorrection(event.type) && event.type !== 'FrameworkEstablished';
  if (!simple) return decide(command, state.history);
  let fact;
  try {
    fact = factOf(candidate(event));
    if (factDay(fact) < state.lastDay) return decide(command, state.history);
  } catch (error) {
    if (error instanceof InvalidEdtfDate) return refuse('invalid-date', error.message);
    throw error;
  }
  // Every recorded fact is dated on or before this one: it is checked last, against the whole timeline.
  const broken = checkFact(state.timeline, fact);
  if (broken) return refuse(broken.rule, broken.message);
  if (event.type === 'SourceConflictNoted') return decide(command, state.history);
  return { ok: true, events: [event] };
}

export function evolveState(state: DecisionState, event: RecordedEvent): DecisionState {
  const history = evolve(state.history, event);
  if (isCorrection(event.type)) return decisionState(history);
  const fact = factOf(event);
  if (factDay(fact) < state.lastDay) return decisionState(history);
  evolveTimeline(state.timeline, fact);
  return { history, timeline: state.timeline, lastDay: factDay(fact) };
}
