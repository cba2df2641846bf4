import { previousDay, type Day } from '../dates/edtf-date.js';
import { lapseAfter, type LastingDays } from '../timeline/time-queries.js';
import type { ConventionT, HappeningT, LastingT, Membership, Provenance, Timeline } from '../timeline/timeline.types.js';
import { weaker, within, type Support } from './evidence.js';
import type { ItemKind } from './item-kinds.js';

/**
 * What supports each item, fact by fact (docs/evidence.md): the days over which a fact says the
 * item holds, with the fact's confidence. The evidence of an item on a day follows (`evidence.ts`).
 */

/** The convention's days in force as the record stands: from its start until it stops (null: no stop). */
function stopOf(c: ConventionT): Day | null {
  return c.stoppedFrom === undefined ? null : previousDay(c.stoppedFrom);
}

/**
 * A convention: its signing supports the term as signed (open-ended when signed without an end),
 * each renewal or extension its new term, with its own confidence; none beyond the day it stops.
 */
export function conventionSupports(c: ConventionT): Support[] {
  const supports: Support[] = [{ from: c.start.first, to: c.end?.last ?? null, confidence: c.source.confidence }];
  for (const change of c.termChanges) supports.push({ from: change.effective.first, to: change.newEnd.last, confidence: change.source.confidence });
  return within(supports, c.start.first, stopOf(c));
}

/** The days a membership binds its party: from its first day (not before the convention's start) until a withdrawal. */
function membershipDays(c: ConventionT, m: Membership): { from: Day; to: Day | null } {
  return { from: m.from > c.start.first ? m.from : c.start.first, to: m.until === undefined ? null : previousDay(m.until) };
}

/**
 * A party bound by a convention: supported through the convention's term, no more surely than it
 * is known to be bound (inferred when the parties are carried over); a party that joins is also
 * supported by its joining, over the joining's own date.
 */
export function membershipSupports(c: ConventionT, m: Membership, termSupports = conventionSupports(c)): Support[] {
  const days = membershipDays(c, m);
  const supports = within(termSupports, days.from, days.to, m.confidence);
  if (m.origin === 'joined') {
    const stop = stopOf(c);
    const to = days.to === null ? stop : stop === null || days.to < stop ? days.to : stop;
    supports.push(...within([{ from: m.effective.first, to: m.effective.last, confidence: m.confidence }], days.from, to));
  }
  return supports;
}

/** A party: every convention that binds it, at any time. */
export function partySupports(timeline: Timeline, partyId: string): Support[] {
  const supports: Support[] = [];
  for (const c of timeline.conventions.values()) {
    if (!c.memberships.some((m) => m.partyId === partyId)) continue;
    const term = conventionSupports(c);
    for (const m of c.memberships) if (m.partyId === partyId) supports.push(...membershipSupports(c, m, term));
  }
  return supports;
}

type Lasting = LastingT<Record<string, any>> & LastingDays;

/**
 * A mission, an instrument or a body: its own date; until its end, when it was ended; the term
 * of the convention (or the time of the review) it was adopted for; the periods attested.
 * None beyond the day it ends or lapses.
 */
export function lastingSupports(timeline: Timeline, thing: Lasting): Support[] {
  const first = thing.effective.first;
  const own = thing.source.confidence;
  const supports: Support[] = [{ from: first, to: thing.effective.last, confidence: own }];
  if (thing.until !== undefined) supports.push({ from: first, to: previousDay(thing.until), confidence: weaker(own, thing.ending!.source.confidence) });
  const target = thing.data.lastsFor as { kind: 'convention' | 'review'; id: string } | undefined;
  if (target?.kind === 'convention') {
    const convention = timeline.conventions.get(target.id);
    if (convention) supports.push(...within(conventionSupports(convention), first, null, own));
  } else if (target?.kind === 'review') {
    const review = timeline.reviews.get(target.id);
    if (review) supports.push({ from: first, to: review.effective.last, confidence: weaker(own, review.source.confidence) });
  }
  for (const a of thing.attestations) supports.push({ from: a.effective.first, to: a.effective.last, confidence: a.source.confidence });
  let last: Day | null = thing.until === undefined ? null : previousDay(thing.until);
  const lapse = lapseAfter(timeline, thing);
  if (lapse !== null && (last === null || lapse < last)) last = lapse;
  return within(supports, first, last);
}

/** A review, a milestone or a conflict noted: it happened, and stays in the record from its date on. */
export function happeningSupports(thing: HappeningT<unknown> | Provenance): Support[] {
  return [{ from: thing.effective.first, to: null, confidence: thing.source.confidence }];
}

/** The supports of one item (none when the timeline does not know it). */
export function supportsOf(timeline: Timeline, kind: ItemKind, id: string): Support[] {
  switch (kind) {
    case 'convention': {
      const c = timeline.conventions.get(id);
      return c ? conventionSupports(c) : [];
    }
    case 'party':
      return partySupports(timeline, id);
    case 'mission':
    case 'instrument':
    case 'body': {
      const thing = ({ mission: timeline.missions, instrument: timeline.instruments, body: timeline.bodies } as const)[kind].get(id);
      return thing ? lastingSupports(timeline, thing as Lasting) : [];
    }
    case 'review':
    case 'milestone':
    case 'conflict': {
      const thing = ({ review: timeline.reviews, milestone: timeline.milestones, conflict: timeline.conflicts } as const)[kind].get(id);
      return thing ? happeningSupports(thing) : [];
    }
  }
}
