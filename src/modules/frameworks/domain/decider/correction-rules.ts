import { correctedDataProblems } from '../events/event-body.js';
import { factDefinitionOf } from '../events/event-catalogue.js';
import type { GovernanceEvent, RecordedEvent } from '../events/framework.events.js';
import { isCorrection } from '../facts/known-facts.js';
import type { FrameworkHistory, Refusal } from './framework.decider.js';

/** What a correction or a retraction must satisfy before the corrected history is checked as a whole. */

type CorrectionEvent = Extract<GovernanceEvent, { type: 'FactCorrected' | 'FactRetracted' }>;

/** The event a correction or a retraction is about. */
export function correctionTarget(event: GovernanceEvent): string | undefined {
  return isCorrection(event.type) ? (event as CorrectionEvent).data.eventId : undefined;
}

/** The effective data of a corrected event (what the record says once the correction applies). */
export function correctedData(target: RecordedEvent, correction: { data?: Record<string, unknown> }): Record<string, unknown> {
  return { ...(target.data as Record<string, unknown>), ...(correction.data ?? {}) };
}

export function checkCorrection(event: CorrectionEvent, history: FrameworkHistory): Refusal | null {
  const targetId = event.data.eventId;
  const target = history.events.find((e) => e.eventId === targetId);
  if (!target) return { rule: 'fact-unknown', message: `no event ${targetId} in this framework`, field: 'data.eventId' };
  if (isCorrection(target.type)) {
    return {
      rule: 'correction-of-correction',
      message: `event ${targetId} is a ${target.type}; correct or retract the original fact instead`,
      field: 'data.eventId',
    };
  }
  if (target.type === 'FrameworkEstablished' && event.type === 'FactRetracted') {
    return { rule: 'framework-not-retractable', message: 'the framework establishment cannot be retracted', field: 'data.eventId' };
  }
  if (history.events.some((e) => e.type === 'FactRetracted' && e.data.eventId === targetId)) {
    return { rule: 'fact-already-retracted', message: `event ${targetId} is already retracted`, field: 'data.eventId' };
  }
  if (event.type !== 'FactCorrected') return null;
  if (event.data.effectiveDate === undefined && event.data.data === undefined && event.data.source === undefined) {
    return { rule: 'correction-empty', message: 'a correction needs a new effectiveDate, new data or a new source' };
  }
  const newData = event.data.data ?? {};
  const key = factDefinitionOf(target.type)?.identity.key;
  if (key && key in newData && newData[key] !== (target.data as Record<string, unknown>)[key]) {
    return { rule: 'identity-not-correctable', message: `${key} cannot be corrected; retract the fact and record a new one`, field: `data.data.${key}` };
  }
  if (event.data.data !== undefined) {
    // The corrected fact must have data that would have been accepted when it was recorded.
    const fields = correctedDataProblems(target.type, correctedData(target, event.data));
    if (fields.length > 0) return { rule: 'invalid-corrected-data', message: `the corrected data is invalid: ${fields.map((f) => f.field).join(', ')}`, fields };
  }
  return null;
}
