import { parseEdtf, type EdtfDate } from '../dates/edtf-date.js';
import type { EventType, GovernanceEvent, RecordedEvent, Source } from '../events/framework.events.js';

/** Event types that state something about the world (corrections and retractions speak about other events). */
export type FactType = Exclude<EventType, 'FactCorrected' | 'FactRetracted'>;

/** A fact as the record stands: an event with its corrections applied. */
export interface Fact {
  eventId: string;
  type: FactType;
  effective: EdtfDate;
  data: Record<string, any>;
  source: Source;
  /** Order of recording (global position; +Infinity for a candidate not yet stored). */
  position: number;
  recordedAt: string;
  recordedBy: string;
  /** Ids of the corrections applied, in recorded order. */
  correctedBy: string[];
}

export interface KnownFacts {
  /** Facts that count, in recorded order. */
  facts: Fact[];
  /** Facts retracted (kept for the record), with the retraction's id. */
  retracted: { fact: Fact; retractedBy: string }[];
}

/** A candidate event, not stored yet: it comes after every stored event. */
export function candidate(event: GovernanceEvent, eventId = 'candidate'): RecordedEvent {
  return {
    ...event,
    eventId,
    frameworkId: '',
    revision: Number.MAX_SAFE_INTEGER,
    position: Number.POSITIVE_INFINITY,
    recordedAt: '9999-12-31T23:59:59.999Z',
    recordedBy: '',
  } as RecordedEvent;
}

export function isCorrection(type: EventType): type is 'FactCorrected' | 'FactRetracted' {
  return type === 'FactCorrected' || type === 'FactRetracted';
}

/** The fact an event states, before any correction. */
export function factOf(event: RecordedEvent): Fact {
  return {
    eventId: event.eventId,
    type: event.type as FactType,
    effective: parseEdtf(event.effectiveDate),
    data: { ...(event.data as Record<string, unknown>) },
    source: event.source,
    position: event.position,
    recordedAt: event.recordedAt,
    recordedBy: event.recordedBy,
    correctedBy: [],
  };
}

/**
 * The facts as the record stood at `knownAt` (all recorded events when absent):
 * corrections replace the effective date, data and/or source of their target, retractions remove it.
 * `events` must be in recorded order.
 */
export function knownFacts(events: readonly RecordedEvent[], knownAt?: string): KnownFacts {
  const byId = new Map<string, Fact>();
  const order: Fact[] = [];
  const retractedBy = new Map<string, string>();
  for (const event of events) {
    if (knownAt !== undefined && event.recordedAt > knownAt) break;
    if (event.type === 'FactCorrected') {
      const target = byId.get(event.data.eventId);
      if (!target) continue;
      if (event.data.effectiveDate !== undefined) target.effective = parseEdtf(event.data.effectiveDate);
      if (event.data.data !== undefined) target.data = { ...target.data, ...event.data.data };
      if (event.data.source !== undefined) target.source = event.data.source;
      target.correctedBy.push(event.eventId);
    } else if (event.type === 'FactRetracted') {
      if (byId.has(event.data.eventId)) retractedBy.set(event.data.eventId, event.eventId);
    } else {
      const fact = factOf(event);
      byId.set(fact.eventId, fact);
      order.push(fact);
    }
  }
  return {
    facts: order.filter((fact) => !retractedBy.has(fact.eventId)),
    retracted: order
      .filter((fact) => retractedBy.has(fact.eventId))
      .map((fact) => ({ fact, retractedBy: retractedBy.get(fact.eventId)! })),
  };
}
