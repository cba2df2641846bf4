import { parseEdtf, type Day, type EdtfDate } from '../dates/edtf-date.js';
import type { Fact } from '../facts/known-facts.js';
import type { ConventionT, Membership } from './timeline.types.js';

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
