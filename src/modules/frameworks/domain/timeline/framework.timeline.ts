import { nextDay, parseEdtf, type Day, type EdtfDate } from '../dates/edtf-date.js';
import type { EventDataByType, PartyRef, Source } from '../events/framework.events.js';
import type { Fact } from '../facts/known-facts.js';

/**
 * The framework over effective time: every convention, membership, mission, instrument,
 * body, review, milestone and conflict with the days it covers. Built by folding the facts
 * in effective-date order (`evolveTimeline`); `checkFact` is the rule book, applied to each
 * fact against the timeline as it stood just before that fact's date.
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
  /** Not in force from this day on (ended, or superseded). */
  stoppedFrom?: Day;
  stoppedBy?: Provenance & { reason: 'ended' | 'superseded'; by?: string };
  memberships: Membership[];
}

/** A thing that exists from a date, until it is ended (missions, instruments, bodies). */
export interface LastingT<D> extends Provenance {
  id: string;
  data: D;
  until?: Day;
  ending?: Provenance;
}

/** A thing that happened (reviews, milestones, conflicts noted): it stays in the record. */
export interface HappeningT<D> extends Provenance {
  id: string;
  data: D;
}

export interface Timeline {
  established?: Provenance & EventDataByType['FrameworkEstablished'];
  parties: Map<string, PartyRef>;
  conventions: Map<string, ConventionT>;
  missions: Map<string, LastingT<EventDataByType['SupportMissionLaunched']>>;
  instruments: Map<string, LastingT<EventDataByType['InstrumentAdopted']>>;
  bodies: Map<string, LastingT<EventDataByType['BodyCreated']>>;
  reviews: Map<string, HappeningT<EventDataByType['ReviewConducted']>>;
  milestones: Map<string, HappeningT<EventDataByType['MilestoneNoted']>>;
  conflicts: Map<string, HappeningT<EventDataByType['SourceConflictNoted']>>;
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
}

// ---------------------------------------------------------------------------------------------
// Time queries on the timeline (pure, used by the rules and by stateAt)

/** The convention's last day of term as it stood on `day` (null: open-ended). */
export function termEndOn(convention: ConventionT, day: Day): Day | null {
  let end = convention.end?.last ?? null;
  for (const change of convention.termChanges) {
    if (change.effective.first <= day) end = change.newEnd.last;
  }
  return end;
}

export function conventionInForce(convention: ConventionT, day: Day): boolean {
  if (convention.start.first > day) return false;
  if (convention.stoppedFrom !== undefined && convention.stoppedFrom <= day) return false;
  const end = termEndOn(convention, day);
  return end === null || day <= end;
}

export function membershipActive(membership: Membership, day: Day): boolean {
  return membership.from <= day && (membership.until === undefined || day < membership.until);
}

export function lastingActive(thing: { effective: EdtfDate; until?: Day }, day: Day): boolean {
  return thing.effective.first <= day && (thing.until === undefined || day < thing.until);
}

/** The day a fact takes its place in the fold: a convention counts from its start even if signed later. */
export function factDay(fact: Fact): Day {
  if (fact.type === 'ConventionSigned') {
    const start = parseEdtf(fact.data.start).first;
    return start < fact.effective.first ? start : fact.effective.first;
  }
  return fact.effective.first;
}

/** Effective-date order; facts of the same day in recorded order. */
export function inEffectiveOrder(facts: readonly Fact[]): Fact[] {
  return facts
    .map((fact) => ({ fact, day: factDay(fact) }))
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.fact.position - b.fact.position))
    .map(({ fact }) => fact);
}

// ---------------------------------------------------------------------------------------------
// Rules

function violation(fact: Fact, rule: string, message: string): RuleViolation {
  return { rule, message, eventId: fact.eventId };
}

/** What the facts create, whatever their dates: tells "not yet, on that date" from "never". */
export function createdIds(facts: readonly Fact[]): Set<string> {
  const ids = new Set<string>();
  for (const fact of facts) {
    const d = fact.data;
    if (fact.type === 'FrameworkEstablished') ids.add('framework');
    else if (fact.type === 'ConventionSigned') ids.add(`convention:${d.conventionId}`);
    else if (fact.type === 'SupportMissionLaunched') ids.add(`mission:${d.missionId}`);
    else if (fact.type === 'InstrumentAdopted') ids.add(`instrument:${d.instrumentId}`);
    else if (fact.type === 'BodyCreated') ids.add(`body:${d.bodyId}`);
  }
  return ids;
}

/**
 * Checks one fact against the timeline as it stood just before the fact's date.
 * `created` (from `createdIds`) lets a refusal say "not in force on that date" rather than "unknown".
 */
export function checkFact(timeline: Timeline, fact: Fact, created: Set<string> = new Set()): RuleViolation | null {
  const day = factDay(fact);
  if (fact.type === 'FrameworkEstablished') {
    return timeline.established
      ? violation(fact, 'framework-already-established', 'the framework is already established')
      : null;
  }
  if (!timeline.established) {
    return created.has('framework')
      ? violation(fact, 'before-framework-established', `${fact.effective.edtf} is before the framework was established`)
      : violation(fact, 'framework-not-established', 'the framework must be established before any other fact');
  }
  const unknownConvention = (id: string, verb: string) =>
    created.has(`convention:${id}`)
      ? violation(fact, 'convention-not-in-force', `convention ${id} is not in force on ${day} and cannot be ${verb}`)
      : violation(fact, 'convention-unknown', `convention ${id} is unknown`);
  if (day < timeline.established.effective.first) {
    return violation(
      fact,
      'before-framework-established',
      `${fact.effective.edtf} is before the framework was established (${timeline.established.effective.edtf})`,
    );
  }
  const d = fact.data;
  switch (fact.type) {
    case 'ConventionSigned': {
      if (timeline.conventions.has(d.conventionId)) {
        return violation(fact, 'convention-already-exists', `convention ${d.conventionId} already exists`);
      }
      const start = parseEdtf(d.start);
      if (d.end !== undefined && parseEdtf(d.end).last < start.first) {
        return violation(fact, 'end-before-start', `convention ${d.conventionId} ends (${d.end}) before it starts (${d.start})`);
      }
      const ids = (d.parties as PartyRef[]).map((p) => p.id);
      if (ids.length === 0) return violation(fact, 'convention-without-parties', 'a convention needs at least one party');
      const twice = ids.find((id, i) => ids.indexOf(id) !== i);
      if (twice) return violation(fact, 'party-listed-twice', `party ${twice} is listed twice`);
      if (d.supersedes !== undefined) {
        const old = timeline.conventions.get(d.supersedes);
        if (!old && created.has(`convention:${d.supersedes}`)) {
          return violation(fact, 'supersedes-later-convention', `convention ${d.supersedes} does not start before ${d.conventionId}`);
        }
        if (!old) return violation(fact, 'convention-unknown', `superseded convention ${d.supersedes} is unknown`);
        if (old.start.first >= start.first) {
          return violation(fact, 'supersedes-later-convention', `convention ${d.supersedes} does not start before ${d.conventionId}`);
        }
        if (old.stoppedBy?.reason === 'superseded') {
          return violation(fact, 'convention-already-superseded', `convention ${d.supersedes} is already superseded by ${old.stoppedBy.by}`);
        }
      }
      return null;
    }
    case 'ConventionExtended':
    case 'ConventionRenewed': {
      const word = fact.type === 'ConventionExtended' ? 'extended' : 'renewed';
      const convention = timeline.conventions.get(d.conventionId);
      if (!convention) return unknownConvention(d.conventionId, word);
      const end = termEndOn(convention, day);
      if (end === null) {
        return violation(fact, 'convention-open-ended', `convention ${d.conventionId} has no end to be ${word}`);
      }
      const stopped = convention.stoppedFrom !== undefined && convention.stoppedFrom <= day;
      if (convention.start.first > day || stopped || day > nextDay(end)) {
        return violation(
          fact,
          'convention-not-in-force',
          `convention ${d.conventionId} is not in force on ${day} and cannot be ${word}`,
        );
      }
      if (parseEdtf(d.newEnd).last <= end) {
        return violation(fact, 'extension-must-extend', `the new end ${d.newEnd} is not after the current end ${end}`);
      }
      return null;
    }
    case 'ConventionEnded': {
      const convention = timeline.conventions.get(d.conventionId);
      if (!convention) return unknownConvention(d.conventionId, 'ended');
      if (!conventionInForce(convention, day)) {
        return violation(fact, 'convention-not-in-force', `convention ${d.conventionId} is not in force on ${day}`);
      }
      return null;
    }
    case 'PartyJoined': {
      const convention = timeline.conventions.get(d.conventionId);
      if (!convention) return unknownConvention(d.conventionId, 'joined');
      if (!conventionInForce(convention, day)) {
        return violation(fact, 'convention-not-in-force', `convention ${d.conventionId} is not in force on ${day}`);
      }
      const party = d.party as PartyRef;
      if (convention.memberships.some((m) => m.partyId === party.id && membershipActive(m, day))) {
        return violation(fact, 'party-already-joined', `party ${party.id} is already bound by ${d.conventionId} on ${day}`);
      }
      return null;
    }
    case 'PartyWithdrew': {
      const convention = timeline.conventions.get(d.conventionId);
      if (!convention) return unknownConvention(d.conventionId, 'left');
      if (!convention.memberships.some((m) => m.partyId === d.partyId && membershipActive(m, day))) {
        return violation(fact, 'party-not-bound', `party ${d.partyId} is not bound by ${d.conventionId} on ${day}`);
      }
      return null;
    }
    case 'SupportMissionLaunched':
      return unique(fact, timeline.missions, d.missionId, 'mission');
    case 'SupportMissionEnded':
      return stillActive(fact, timeline.missions, d.missionId, 'mission', day, created);
    case 'InstrumentAdopted':
      return unique(fact, timeline.instruments, d.instrumentId, 'instrument');
    case 'InstrumentRepealed':
      return stillActive(fact, timeline.instruments, d.instrumentId, 'instrument', day, created);
    case 'BodyCreated':
      return unique(fact, timeline.bodies, d.bodyId, 'body');
    case 'BodyDissolved':
      return stillActive(fact, timeline.bodies, d.bodyId, 'body', day, created);
    case 'ReviewConducted':
      return unique(fact, timeline.reviews, d.reviewId, 'review');
    case 'MilestoneNoted':
      return unique(fact, timeline.milestones, d.milestoneId, 'milestone');
    case 'SourceConflictNoted':
      return unique(fact, timeline.conflicts, d.conflictId, 'conflict');
  }
}

function unique(fact: Fact, things: Map<string, unknown>, id: string, what: string): RuleViolation | null {
  return things.has(id) ? violation(fact, `${what}-already-exists`, `${what} ${id} already exists`) : null;
}

function stillActive(
  fact: Fact,
  things: Map<string, { effective: EdtfDate; until?: Day }>,
  id: string,
  what: string,
  day: Day,
  created: Set<string>,
): RuleViolation | null {
  const thing = things.get(id);
  if (!thing && created.has(`${what}:${id}`)) return violation(fact, `${what}-not-active`, `${what} ${id} does not exist yet on ${day}`);
  if (!thing) return violation(fact, `${what}-unknown`, `${what} ${id} is unknown`);
  if (!lastingActive(thing, day)) return violation(fact, `${what}-not-active`, `${what} ${id} is not active on ${day}`);
  return null;
}

/** Rules that only make sense once every fact is placed. */
export function checkComplete(timeline: Timeline, facts: readonly Fact[]): RuleViolation | null {
  for (const conflict of timeline.conflicts.values()) {
    for (const ref of conflict.data.about) {
      const known =
        ref.kind === 'party'
          ? timeline.parties.has(ref.id)
          : ref.kind === 'convention'
            ? timeline.conventions.has(ref.id)
            : ref.kind === 'mission'
              ? timeline.missions.has(ref.id)
              : ref.kind === 'instrument'
                ? timeline.instruments.has(ref.id)
                : ref.kind === 'body'
                  ? timeline.bodies.has(ref.id)
                  : ref.kind === 'review'
                    ? timeline.reviews.has(ref.id)
                    : timeline.milestones.has(ref.id);
      if (!known) {
        const fact = facts.find((f) => f.eventId === conflict.eventId)!;
        return violation(fact, 'conflict-subject-unknown', `conflict ${conflict.id} is about unknown ${ref.kind} ${ref.id}`);
      }
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Evolution (total: a fact that does not apply changes nothing; rules are checked apart)

function provenance(fact: Fact): Provenance {
  return { eventId: fact.eventId, source: fact.source, effective: fact.effective };
}

export function evolveTimeline(timeline: Timeline, fact: Fact): Timeline {
  const d = fact.data;
  const day = factDay(fact);
  switch (fact.type) {
    case 'FrameworkEstablished':
      timeline.established = { ...provenance(fact), ...(d as EventDataByType['FrameworkEstablished']) };
      break;
    case 'ConventionSigned': {
      const start = parseEdtf(d.start);
      const parties = d.parties as PartyRef[];
      for (const party of parties) if (!timeline.parties.has(party.id)) timeline.parties.set(party.id, party);
      timeline.conventions.set(d.conventionId, {
        ...provenance(fact),
        id: d.conventionId,
        name: d.name,
        start,
        end: d.end === undefined ? null : parseEdtf(d.end),
        termChanges: [],
        supersedes: d.supersedes,
        memberships: parties.map((party) => ({ ...provenance(fact), partyId: party.id, from: start.first })),
      });
      const old = d.supersedes === undefined ? undefined : timeline.conventions.get(d.supersedes);
      if (old && (old.stoppedFrom === undefined || start.first < old.stoppedFrom)) {
        old.stoppedFrom = start.first;
        old.stoppedBy = { ...provenance(fact), reason: 'superseded', by: d.conventionId };
      }
      break;
    }
    case 'ConventionExtended':
    case 'ConventionRenewed': {
      const convention = timeline.conventions.get(d.conventionId);
      convention?.termChanges.push({
        ...provenance(fact),
        kind: fact.type === 'ConventionExtended' ? 'extension' : 'renewal',
        newEnd: parseEdtf(d.newEnd),
      });
      break;
    }
    case 'ConventionEnded': {
      const convention = timeline.conventions.get(d.conventionId);
      if (convention && (convention.stoppedFrom === undefined || day < convention.stoppedFrom)) {
        convention.stoppedFrom = day;
        convention.stoppedBy = { ...provenance(fact), reason: 'ended' };
      }
      break;
    }
    case 'PartyJoined': {
      const convention = timeline.conventions.get(d.conventionId);
      const party = d.party as PartyRef;
      if (!timeline.parties.has(party.id)) timeline.parties.set(party.id, party);
      convention?.memberships.push({ ...provenance(fact), partyId: party.id, from: day });
      break;
    }
    case 'PartyWithdrew': {
      const convention = timeline.conventions.get(d.conventionId);
      const membership = convention?.memberships.find((m) => m.partyId === d.partyId && membershipActive(m, day));
      if (membership) {
        membership.until = day;
        membership.withdrawal = provenance(fact);
      }
      break;
    }
    case 'SupportMissionLaunched':
      timeline.missions.set(d.missionId, { ...provenance(fact), id: d.missionId, data: d as any });
      break;
    case 'InstrumentAdopted':
      timeline.instruments.set(d.instrumentId, { ...provenance(fact), id: d.instrumentId, data: d as any });
      break;
    case 'BodyCreated':
      timeline.bodies.set(d.bodyId, { ...provenance(fact), id: d.bodyId, data: d as any });
      break;
    case 'SupportMissionEnded':
      end(timeline.missions.get(d.missionId), fact, day);
      break;
    case 'InstrumentRepealed':
      end(timeline.instruments.get(d.instrumentId), fact, day);
      break;
    case 'BodyDissolved':
      end(timeline.bodies.get(d.bodyId), fact, day);
      break;
    case 'ReviewConducted':
      timeline.reviews.set(d.reviewId, { ...provenance(fact), id: d.reviewId, data: d as any });
      break;
    case 'MilestoneNoted':
      timeline.milestones.set(d.milestoneId, { ...provenance(fact), id: d.milestoneId, data: d as any });
      break;
    case 'SourceConflictNoted':
      timeline.conflicts.set(d.conflictId, { ...provenance(fact), id: d.conflictId, data: d as any });
      break;
  }
  return timeline;
}

function end(thing: { until?: Day; ending?: Provenance } | undefined, fact: Fact, day: Day): void {
  if (thing && (thing.until === undefined || day < thing.until)) {
    thing.until = day;
    thing.ending = provenance(fact);
  }
}

/** Folds facts in effective order, without checking rules. */
export function buildTimeline(facts: readonly Fact[]): Timeline {
  return inEffectiveOrder(facts).reduce(evolveTimeline, emptyTimeline());
}

/** Folds facts in effective order, checking every rule; stops at the first broken one. */
export function buildCheckedTimeline(facts: readonly Fact[]): { timeline: Timeline; violation: RuleViolation | null } {
  const timeline = emptyTimeline();
  const created = createdIds(facts);
  for (const fact of inEffectiveOrder(facts)) {
    const broken = checkFact(timeline, fact, created);
    if (broken) return { timeline, violation: broken };
    evolveTimeline(timeline, fact);
  }
  return { timeline, violation: checkComplete(timeline, facts) };
}
