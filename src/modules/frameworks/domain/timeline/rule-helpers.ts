import type { Day, EdtfDate } from '../dates/edtf-date.js';
import type { CheckContext } from '../events/event-definition.js';
import type { Provenance, RuleViolation } from './timeline.types.js';
import { lastingInForce, type LastingDays } from './time-queries.js';

/** Shared wording of the rules' refusals (used by the event definitions). */

export function violation(context: Pick<CheckContext, 'fact'>, rule: string, message: string, field?: string): RuleViolation {
  return field === undefined ? { rule, message, eventId: context.fact.eventId } : { rule, message, eventId: context.fact.eventId, field };
}

/** A convention id that names nothing on that day: not in force yet (or any more), or unknown. */
export function unknownConvention(context: CheckContext, id: string, verb: string): RuleViolation {
  return context.created.has(`convention:${id}`)
    ? violation(context, 'convention-not-in-force', `convention ${id} is not in force on ${context.day} and cannot be ${verb}`, 'effectiveDate')
    : violation(context, 'convention-unknown', `convention ${id} is unknown`, 'data.conventionId');
}

/** The id is new among `things`. */
export function unique(context: CheckContext, things: Map<string, unknown>, id: string, what: string): RuleViolation | null {
  return things.has(id) ? violation(context, `${what}-already-exists`, `${what} ${id} already exists`) : null;
}

/** The lasting thing exists and is active on the fact's day (not ended, not lapsed with what it lasts for). */
export function stillActive(context: CheckContext, things: Map<string, LastingDays>, id: string, what: string): RuleViolation | null {
  const thing = things.get(id);
  if (!thing && context.created.has(`${what}:${id}`)) {
    return violation(context, `${what}-not-active`, `${what} ${id} does not exist yet on ${context.day}`);
  }
  if (!thing) return violation(context, `${what}-unknown`, `${what} ${id} is unknown`);
  if (!lastingInForce(context.timeline, thing, context.day)) {
    return violation(context, `${what}-not-active`, `${what} ${id} is not active on ${context.day}`);
  }
  return null;
}

/** Where a change of the timeline comes from. */
export function provenance(fact: { eventId: string; source: Provenance['source']; effective: EdtfDate }): Provenance {
  return { eventId: fact.eventId, source: fact.source, effective: fact.effective };
}

/** Ends a lasting thing on `day` (unless it already ended earlier). */
export function endLasting(thing: { until?: Day; ending?: Provenance } | undefined, fact: Parameters<typeof provenance>[0], day: Day): void {
  if (thing && (thing.until === undefined || day < thing.until)) {
    thing.until = day;
    thing.ending = provenance(fact);
  }
}
