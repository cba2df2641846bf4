import { nextDay, previousDay, type Day, type EdtfDate } from '../dates/edtf-date.js';
import type { PartyRef } from '../events/framework.events.js';
import { conventionInForce, membershipActive, termEndOn } from '../timeline/time-queries.js';
import type { ConventionT, Membership, Provenance, Timeline } from '../timeline/timeline.types.js';
import { EVIDENCE_RANK, evidenceFields, evidenceOn, type Evidence, type Support } from './evidence.js';
import { base, byName, conflictsAbout, opt, type ItemView } from './item-view-base.js';
import { conventionSupports, membershipSupports } from './supports.js';

/** The parties: as the top-level list of the state, and as the parties of each convention. */

export interface PartyView extends ItemView {
  kind: string;
  /** The conventions that bind the party on that day. */
  conventions: string[];
  /** When the convention whose passage is given binds the party only by carrying over an earlier one's parties. */
  carriedOverFrom?: string;
}

/**
 * A party of a convention on one day, with the fact that binds it (the signing, or its joining) and
 * that fact's passage (its whole source is the convention's, or the joining's in the timeline).
 */
export interface PartyEntry {
  id: string;
  name: string;
  kind: string;
  evidence: Evidence;
  attestedUntil?: Day;
  eventId: string;
  passage: string;
  carriedOverFrom?: string;
}

export function partyEntry(timeline: Timeline, c: ConventionT, m: Membership, day: Day, term: Support[] = conventionSupports(c)): PartyEntry {
  const p = timeline.parties.get(m.partyId) as PartyRef;
  return {
    id: p.id,
    name: p.name,
    kind: p.kind,
    ...evidenceFields(membershipSupports(c, m, term), day),
    eventId: m.eventId,
    passage: m.source.passage,
    ...opt('carriedOverFrom', m.carriedOverFrom),
  };
}

interface Binding {
  from: Day;
  /** Last day bound. */
  to: Day | null;
  origin: Provenance;
  fromEdtf: EdtfDate;
}

/** The conventions with a membership of the party. */
export function conventionsOf(timeline: Timeline, partyId: string): ConventionT[] {
  return [...timeline.conventions.values()].filter((c) => c.memberships.some((m) => m.partyId === partyId));
}

/** The days a party is bound by each convention, as the timeline stood on `day`. */
function bindings(conventions: ConventionT[], partyId: string, day: Day): Binding[] {
  const result: Binding[] = [];
  for (const c of conventions) {
    if (c.start.first > day) continue;
    let last = termEndOn(c, day);
    if (c.stoppedFrom !== undefined) {
      const stop = previousDay(c.stoppedFrom);
      if (last === null || stop < last) last = stop;
    }
    for (const m of c.memberships) {
      if (m.partyId !== partyId || m.from > day) continue;
      const from = m.from > c.start.first ? m.from : c.start.first;
      let to = last;
      if (m.until !== undefined) {
        const stop = previousDay(m.until);
        if (to === null || stop < to) to = stop;
      }
      if (to !== null && to < from) continue;
      const fromEdtf = m.from > c.start.first ? m.effective : c.start;
      result.push({ from, to, origin: m, fromEdtf });
    }
  }
  return result.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

/** The binding that started the last unbroken run of bindings (the one that covers a day the party is bound). */
function bindingSince(list: Binding[]): Binding | undefined {
  let runStart: Binding | undefined;
  let runEnd: Day | null = null;
  for (const b of list) {
    if (runStart && (runEnd === null || b.from <= nextDay(runEnd))) {
      if (runEnd !== null && (b.to === null || b.to > runEnd)) runEnd = b.to;
    } else {
      runStart = b;
      runEnd = b.to;
    }
  }
  return runStart;
}

/**
 * The party on `day`: bound since the start of its unbroken run of bindings; its passage is the
 * one of the fact that binds it that day (the best supported; the latest convention on a tie).
 */
export function partyView(timeline: Timeline, partyId: string, day: Day, supports: readonly Support[], conventions = conventionsOf(timeline, partyId)): PartyView | null {
  const bound: { c: ConventionT; m: Membership; evidence: Evidence }[] = [];
  for (const c of conventions) {
    if (!conventionInForce(c, day)) continue;
    const term = conventionSupports(c);
    for (const m of c.memberships) {
      if (m.partyId === partyId && membershipActive(m, day)) bound.push({ c, m, evidence: evidenceOn(membershipSupports(c, m, term), day) });
    }
  }
  if (bound.length === 0) return null;
  const binding = [...new Map(bound.map(({ c }) => [c.id, { id: c.id, name: c.name, since: c.start.first }])).values()].sort((a, b) =>
    a.since < b.since ? -1 : a.since > b.since ? 1 : byName(a, b),
  );
  const best = bound.reduce((a, b) => {
    const rank = EVIDENCE_RANK[a.evidence] - EVIDENCE_RANK[b.evidence];
    if (rank !== 0) return rank < 0 ? a : b;
    if (a.c.start.first !== b.c.start.first) return a.c.start.first > b.c.start.first ? a : b;
    return a.m.from >= b.m.from ? a : b;
  });
  const party = timeline.parties.get(partyId) as PartyRef;
  const since = bindingSince(bindings(conventions, partyId, day))!;
  return {
    ...base(party.id, party.name, since.fromEdtf, best.m, conflictsAbout(timeline, 'party', party.id, day), supports, day),
    since: since.from,
    kind: party.kind,
    conventions: binding.map((c) => c.id),
    ...opt('carriedOverFrom', best.m.carriedOverFrom),
  };
}
