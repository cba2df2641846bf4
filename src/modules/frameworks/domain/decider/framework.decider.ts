import { InvalidEdtfDate } from '../dates/edtf-date.js';
import type { GovernanceEvent, RecordedEvent } from '../events/framework.events.js';
import { candidate, isCorrection, knownFacts } from '../facts/known-facts.js';
import { buildCheckedTimeline } from '../timeline/rules.js';
import { checkCorrection, correctionTarget } from './correction-rules.js';

/**
 * The decider of a framework stream: `decide` (command + history → events, or a refusal) and
 * `evolve` (history + event → history), both pure.
 *
 * Rules are checked at each fact's effective date: the candidate is placed among the facts
 * already recorded, in effective order, and every fact is checked against what came before it
 * (the rules of each fact type are in its event definition). A back-dated event, a correction or a
 * retraction that would make a later recorded fact inconsistent is refused, naming that fact.
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
  /** The field of the candidate at fault, when one is (`data.start`, `effectiveDate`…). */
  field?: string;
  /** For data that does not validate (a correction's data): the fields at fault, as a 400 names them. */
  fields?: { field: string; problems: string[] }[];
}

export type Decision = { ok: true; events: GovernanceEvent[] } | { ok: false; refusal: Refusal };

export function initialHistory(frameworkId: string): FrameworkHistory {
  return { frameworkId, events: [], revision: -1 };
}

export function evolve(history: FrameworkHistory, event: RecordedEvent): FrameworkHistory {
  return { frameworkId: history.frameworkId, events: [...history.events, event], revision: event.revision };
}

export const refuse = (refusal: Refusal): Decision => ({ ok: false, refusal });

const CANDIDATE = 'candidate';

export function decide(command: FrameworkCommand, history: FrameworkHistory): Decision {
  const { event } = command;
  if (command.type === 'EstablishFramework' && history.events.length > 0) {
    return refuse({ rule: 'framework-already-exists', message: `framework ${history.frameworkId} already exists` });
  }
  if (history.events.length === 0 && event.type !== 'FrameworkEstablished') {
    return refuse({ rule: 'framework-not-established', message: `framework ${history.frameworkId} is not established` });
  }
  if (isCorrection(event.type)) {
    const refusal = checkCorrection(event as Extract<GovernanceEvent, { type: 'FactCorrected' | 'FactRetracted' }>, history);
    if (refusal) return refuse(refusal);
  }
  try {
    const { facts } = knownFacts([...history.events, candidate(event, CANDIDATE)]);
    const { violation } = buildCheckedTimeline(facts);
    if (!violation) return { ok: true, events: [event] };
    const field = violation.field === undefined ? {} : { field: violation.field };
    if (violation.eventId === CANDIDATE) return refuse({ rule: violation.rule, message: violation.message, ...field });
    if (isCorrection(event.type) && violation.eventId === correctionTarget(event)) {
      return refuse({ rule: violation.rule, message: `the ${isRetraction(event) ? 'retracted' : 'corrected'} fact would break a rule: ${violation.message}` });
    }
    const later = history.events.find((e) => e.eventId === violation.eventId)!;
    return refuse({
      rule: violation.rule,
      message: `this would make the recorded ${later.type} of ${later.effectiveDate} (event ${later.eventId}) inconsistent: ${violation.message}`,
      conflictingEventId: later.eventId,
    });
  } catch (error) {
    if (error instanceof InvalidEdtfDate) return refuse({ rule: 'invalid-date', message: error.message });
    throw error;
  }
}

const isRetraction = (event: GovernanceEvent) => event.type === 'FactRetracted';
