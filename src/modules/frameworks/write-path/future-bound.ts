import { RuleBroken } from '../../../libs/app-errors.js';
import { dayOf, isEdtf, parseEdtf, type Day } from '../domain/dates/edtf-date.js';
import type { GovernanceEvent } from '../domain/events/framework.events.js';

/**
 * How far ahead a fact may be dated. The domain accepts any EDTF date up to 9999-12-31; the write
 * path refuses dates past today + MAX_YEARS_AHEAD (100 by default): a fact dated 9999-12-31 would
 * make every later fact a back-dated one (refolding the framework's history on each append) and
 * is, in practice, a typing error.
 */
export const FAR_FUTURE_RULE = 'date-too-far-ahead';

/** The EDTF dates of an event body, by field: the effective date, the data's, and a correction's. */
const DATE_FIELDS = ['effectiveDate', 'data.start', 'data.end', 'data.newEnd', 'data.effectiveDate', 'data.data.start', 'data.data.end', 'data.data.newEnd'];

/** The last day a date may reach: `years` after today (UTC), at most 9999-12-31. */
export function latestAllowedDay(years: number, now: Date = new Date()): Day {
  const year = now.getUTCFullYear() + years;
  if (year > 9999) return '9999-12-31';
  const at = new Date(now.getTime());
  at.setUTCFullYear(year);
  return dayOf(at.getTime());
}

function valueAt(event: unknown, path: string): unknown {
  let value: unknown = event;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** 422 `date-too-far-ahead` naming the first date of the event that reaches past `latest`; nothing otherwise. */
export function assertNotTooFarAhead(event: GovernanceEvent, latest: Day, years: number, prefix = ''): void {
  for (const field of DATE_FIELDS) {
    const value = valueAt(event, field);
    if (typeof value !== 'string' || !isEdtf(value)) continue;
    const { last } = parseEdtf(value);
    if (last > latest) {
      throw new RuleBroken(
        FAR_FUTURE_RULE,
        `${prefix}${field} ${value} reaches ${last}, more than ${years} years ahead: dates may reach ${latest} at most`,
        undefined,
        field,
      );
    }
  }
}
