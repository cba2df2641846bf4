/**
 * The event vocabulary of a governance framework. Plain data, no framework imports.
 *
 * Every event has an effective date (EDTF, when it happened in the world) and a source
 * (which document says so, the quoted passage, and whether it is stated or inferred).
 * The recorded-at instant is set by the event store, never here.
 */

export type Confidence = 'stated' | 'inferred';

export interface Source {
  /** The document the fact comes from, e.g. `seeds/000_e10eef5306c53b3b.txt`. */
  document: string;
  /** The passage quoted from it. */
  passage: string;
  confidence: Confidence;
  /** For an inferred fact, the reasoning; otherwise any remark. */
  note?: string;
}

export const PARTY_KINDS = ['state', 'family-allowance-fund', 'region', 'department', 'fund', 'commune', 'other'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

export const MISSION_DOMAINS = ['social', 'accounting', 'financial'] as const;
export type MissionDomain = (typeof MISSION_DOMAINS)[number];

export const INSTRUMENT_KINDS = ['procedure', 'framing-note', 'funding-rule', 'website', 'other'] as const;
export type InstrumentKind = (typeof INSTRUMENT_KINDS)[number];

export const BODY_KINDS = ['evaluation', 'territorial-consultation', 'working-group', 'other'] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

export const SUBJECT_KINDS = ['convention', 'party', 'mission', 'instrument', 'body', 'review', 'milestone'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

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
export interface EventDataByType {
  FrameworkEstablished: { name: string; description?: string; territory?: string };
  ConventionSigned: {
    conventionId: string;
    name: string;
    /** EDTF; the convention is in force from its first day. */
    start: string;
    /** EDTF; in force through its last day. Absent: open-ended until superseded or ended. */
    end?: string;
    parties: PartyRef[];
    /** The convention this one replaces; that one stops being in force when this one starts. */
    supersedes?: string;
  };
  /** Prorogation: the same convention runs to a later end. */
  ConventionExtended: { conventionId: string; newEnd: string };
  /** Reconduction: the same terms for a new period. */
  ConventionRenewed: { conventionId: string; newEnd: string };
  /** The convention stops being in force from the effective date. */
  ConventionEnded: { conventionId: string; reason?: string };
  PartyJoined: { conventionId: string; party: PartyRef };
  PartyWithdrew: { conventionId: string; partyId: string };
  SupportMissionLaunched: { missionId: string; name: string; domains: MissionDomain[]; description?: string };
  SupportMissionEnded: { missionId: string };
  InstrumentAdopted: {
    instrumentId: string;
    name: string;
    kind: InstrumentKind;
    description?: string;
    /** Figures kept as data, e.g. `{ ceilingPercent: 112, ceiling: 'plafond Cnaf' }`. */
    figures?: Record<string, string | number | boolean>;
  };
  InstrumentRepealed: { instrumentId: string };
  BodyCreated: { bodyId: string; name: string; kind: BodyKind; description?: string };
  BodyDissolved: { bodyId: string };
  ReviewConducted: { reviewId: string; name: string; findings?: string[]; conductedBy?: string };
  MilestoneNoted: { milestoneId: string; name: string; description?: string };
  /** Two accounts in the sources disagree; both are kept, nothing is smoothed over. */
  SourceConflictNoted: {
    conflictId: string;
    subject: string;
    about: SubjectRef[];
    accounts: { claim: string; passage: string }[];
    /** Which account the recorded facts follow, and why. */
    resolution?: string;
  };
  /** Replaces the effective date and/or the data of an earlier fact, from now on. */
  FactCorrected: { eventId: string; effectiveDate?: string; data?: Record<string, unknown>; reason: string };
  /** An earlier fact no longer counts, from now on. It stays in the log. */
  FactRetracted: { eventId: string; reason: string };
}

export type EventType = keyof EventDataByType;

export const EVENT_TYPES = [
  'FrameworkEstablished',
  'ConventionSigned',
  'ConventionExtended',
  'ConventionRenewed',
  'ConventionEnded',
  'PartyJoined',
  'PartyWithdrew',
  'SupportMissionLaunched',
  'SupportMissionEnded',
  'InstrumentAdopted',
  'InstrumentRepealed',
  'BodyCreated',
  'BodyDissolved',
  'ReviewConducted',
  'MilestoneNoted',
  'SourceConflictNoted',
  'FactCorrected',
  'FactRetracted',
] as const satisfies readonly EventType[];

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

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && (EVENT_TYPES as readonly string[]).includes(value);
}
