import type { Day, EdtfDate } from '../dates/edtf-date.js';
import type { FrameworkEstablishedData } from '../events/framework-established.event.js';
import type { Confidence, PartyRef, Source } from '../events/framework.events.js';
import type { BodyCreatedData, InstrumentAdoptedData, SupportMissionLaunchedData } from '../events/lasting-items.events.js';
import type { MilestoneNotedData, ReviewConductedData, SourceConflictNotedData } from '../events/record-keeping.events.js';

/**
 * The framework over effective time: every convention, membership, mission, instrument, body,
 * review, milestone and conflict with the days it covers. Built by folding the facts in
 * effective-date order (`fold.ts`), each fact checked first against the timeline as it stood just
 * before its date (`rules.ts`); what each fact type checks and changes is in its event definition.
 */

export interface Provenance {
  eventId: string;
  source: Source;
  /** The effective date of the fact that brought this about. */
  effective: EdtfDate;
}

export interface TermChange extends Provenance {
  kind: 'extension' | 'renewal';
  newEnd: EdtfDate;
}

export interface Membership extends Provenance {
  partyId: string;
  /** Bound by the signing (listed among the convention's parties) or by joining it later. */
  origin: 'signing' | 'joined';
  /** How sure the record is that the party is bound: inferred when the parties are carried over. */
  confidence: Confidence;
  /** The convention whose parties were carried over to this one (the inference recorded). */
  carriedOverFrom?: string;
  /** Bound from this day... */
  from: Day;
  /** ...until the day before this one (a withdrawal); undefined: as long as the convention. */
  until?: Day;
  withdrawal?: Provenance;
}

export interface ConventionT extends Provenance {
  id: string;
  name: string;
  start: EdtfDate;
  /** The end as signed (null: open-ended). */
  end: EdtfDate | null;
  termChanges: TermChange[];
  supersedes?: string;
  /** The convention whose parties this one's are carried over from (its parties are inferred). */
  partiesCarriedOverFrom?: string;
  /** How sure the record is of the supersession (default: the signing's confidence). */
  supersessionConfidence?: Confidence;
  /** Not in force from this day on (ended, or superseded). */
  stoppedFrom?: Day;
  stoppedBy?: Provenance & { reason: 'ended' | 'superseded'; by?: string };
  memberships: Membership[];
}

/** A thing that exists from a date, until it is ended or lapses (missions, instruments, bodies). */
export interface LastingT<D> extends Provenance {
  id: string;
  data: D;
  until?: Day;
  ending?: Provenance;
  /** Facts that attest the thing during a period (each over its own effective date). */
  attestations: Provenance[];
}

/** A thing that happened (reviews, milestones, conflicts noted): it stays in the record. */
export interface HappeningT<D> extends Provenance {
  id: string;
  data: D;
}

export interface Timeline {
  established?: Provenance & FrameworkEstablishedData;
  parties: Map<string, PartyRef>;
  conventions: Map<string, ConventionT>;
  missions: Map<string, LastingT<SupportMissionLaunchedData>>;
  instruments: Map<string, LastingT<InstrumentAdoptedData>>;
  bodies: Map<string, LastingT<BodyCreatedData>>;
  reviews: Map<string, HappeningT<ReviewConductedData>>;
  milestones: Map<string, HappeningT<MilestoneNotedData>>;
  conflicts: Map<string, HappeningT<SourceConflictNotedData>>;
}

export function emptyTimeline(): Timeline {
  return {
    parties: new Map(),
    conventions: new Map(),
    missions: new Map(),
    instruments: new Map(),
    bodies: new Map(),
    reviews: new Map(),
    milestones: new Map(),
    conflicts: new Map(),
  };
}

/** A broken rule of the domain: `rule` is a stable slug, `message` says it to a person. */
export interface RuleViolation {
  rule: string;
  message: string;
  /** The fact that could not be placed. */
  eventId: string;
  /** The field of that fact at fault, when one is (`data.start`, `data.newEnd`…). */
  field?: string;
}
