import type { Infer } from '../../../../libs/schema/schema.js';
import type { PartyKind, sourceSchema } from './common.schema.js';
import type { SubjectKind } from '../state/item-kinds.js';
import { CATALOGUE, EVENT_TYPES, isEventType, type EventType } from './event-catalogue.js';
import type { DataOf } from './event-definition.js';

/**
 * The event vocabulary as types, from the catalogue. Every event has an effective date (EDTF,
 * when it happened in the world) and a source (which document says so, the quoted passage, and
 * whether it is stated or inferred). The recorded-at instant is set by the event store, never here.
 */

export { EVENT_TYPES, isEventType, type EventType };
export { BODY_KINDS, INSTRUMENT_KINDS, MISSION_DOMAINS, PARTY_KINDS } from './common.schema.js';
export type { BodyKind, Confidence, InstrumentKind, MissionDomain, PartyKind } from './common.schema.js';
export { SUBJECT_KINDS, type SubjectKind } from '../state/item-kinds.js';

export type Source = Infer<typeof sourceSchema>;

export interface PartyRef {
  id: string;
  name: string;
  kind: PartyKind;
}

export interface SubjectRef {
  kind: SubjectKind;
  id: string;
}

/** The data carried by each event type. */
export type EventDataByType = { [T in EventType]: DataOf<(typeof CATALOGUE)[T]> };

/** The body of a governance event, as a client sends it. */
export type GovernanceEvent = {
  [T in EventType]: { type: T; effectiveDate: string; data: EventDataByType[T]; source: Source };
}[EventType];

export type EventOf<T extends EventType> = Extract<GovernanceEvent, { type: T }>;

/** A governance event as the log holds it: with its id and the store's bookkeeping. */
export type RecordedEvent = GovernanceEvent & {
  eventId: string;
  frameworkId: string;
  /** 0-based position of the event in its framework's stream. */
  revision: number;
  /** Position in the global log (monotonic, gaps allowed). */
  position: number;
  /** ISO 8601 instant set by the store. */
  recordedAt: string;
  recordedBy: string;
};
