import type { GovernanceEvent, RecordedEvent } from '../events/framework.events.js';
import { decideWith, decisionState, evolveState, type DecisionState } from './decision-state.js';
import type { FrameworkCommand, Refusal } from './framework.decider.js';

/**
 * Decides events one after the other, each on the history the earlier accepted ones leave (as they
 * would be recorded). With `untilRefused`, stops at the first refusal; otherwise goes on with the
 * next events (a refused event is left out), so that every refusal is known.
 */

export interface Proposed {
  event: GovernanceEvent;
  eventId: string;
  recordedBy: string;
}

export interface BatchDecision {
  refusals: { index: number; refusal: Refusal }[];
  /** The indexes of the accepted events. */
  accepted: number[];
}

/** Positions given to accepted events in memory: after every stored event. */
const PLANNED_POSITION = 1e15;

/** The command an event is: the establishment of a framework, or a fact recorded in one. */
export function commandOf(event: GovernanceEvent): FrameworkCommand {
  return event.type === 'FrameworkEstablished' ? { type: 'EstablishFramework', event } : { type: 'RecordEvent', event };
}

export function decideBatch(
  state: DecisionState,
  proposed: readonly Proposed[],
  options: { untilRefused: boolean; now: () => string },
): BatchDecision {
  const result: BatchDecision = { refusals: [], accepted: [] };
  // One event is decided on the state as it is; more are folded one by one, on a copy.
  let working = proposed.length > 1 ? decisionState(state.history) : state;
  for (const [index, { event, eventId, recordedBy }] of proposed.entries()) {
    const decision = decideWith(commandOf(event), working);
    if (!decision.ok) {
      result.refusals.push({ index, refusal: decision.refusal });
      if (options.untilRefused) break;
      continue;
    }
    result.accepted.push(index);
    if (index === proposed.length - 1) break;
    working = evolveState(working, {
      ...event,
      eventId,
      frameworkId: working.history.frameworkId,
      revision: working.history.revision + 1,
      position: PLANNED_POSITION + index,
      recordedAt: options.now(),
      recordedBy,
    } as RecordedEvent);
  }
  return result;
}
