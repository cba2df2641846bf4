import { parseEdtf, previousDay, type Day, type EdtfDate } from '../dates/edtf-date.js';
import type { LastsForKind } from '../events/common.schema.js';
import type { Fact } from '../facts/known-facts.js';
import type { ConventionT, Membership, Timeline } from './timeline.types.js';

/** Questions about effective time, asked of the timeline by the rules and by the state on a day. */

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

/** The last day the convention is in force, every term change counted (null: open-ended). */
export function lastDayInForce(convention: ConventionT): Day | null {
  let last = termEndOn(convention, '9999-12-31');
  if (convention.stoppedFrom !== undefined) {
    const stop = previousDay(convention.stoppedFrom);
    if (last === null || stop < last) last = stop;
  }
  return last;
}

/** A mission, an instrument or a body, as far as its days in force go. */
export interface LastingDays {
  effective: EdtfDate;
  until?: Day;
  data: { lastsFor?: { kind: LastsForKind; id: string } };
}

/** Does what the thing lasts for (a convention's term, a review's time) still hold on `day`? True when it lasts for nothing. */
export function lastsForHolds(timeline: Timeline, thing: LastingDays, day: Day): boolean {
  const target = thing.data.lastsFor;
  if (!target) return true;
  if (target.kind === 'convention') {
    const convention = timeline.conventions.get(target.id);
    return convention === undefined || conventionInForce(convention, day);
  }
  const review = timeline.reviews.get(target.id);
  return review === undefined || day <= review.effective.last;
}

/** The last day what the thing lasts for holds (null: it lasts for nothing, or for an open-ended convention). */
export function lapseAfter(timeline: Timeline, thing: LastingDays): Day | null {
  const target = thing.data.lastsFor;
  if (!target) return null;
  if (target.kind === 'convention') {
    const convention = timeline.conventions.get(target.id);
    return convention === undefined ? null : lastDayInForce(convention);
  }
  return timeline.reviews.get(target.id)?.effective.last ?? null;
}

/** In force on `day`: begun, not ended, and not lapsed with what it lasts for. */
export function lastingInForce(timeline: Timeline, thing: LastingDays, day: Day): boolean {
  return lastingActive(thing, day) && lastsForHolds(timeline, thing, day);
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
