import type { ItemView } from '../../modules/frameworks/domain/state/item-views.js';

/** Helpers of the readable renderings of the query answers (`--json` prints the answers themselves). */

const DAY = /^\d{4}-\d{2}-\d{2}$/;
export const APPROXIMATE_NOTE = '~ marks a date coarser than a day (approximate: it counts from the first day of its interval)';

/** A day, with `~` when the source's date is coarser than a day. */
export function dated(day: string | null, edtf: string | null | undefined, approximate?: boolean): string {
  if (day === null) return 'open-ended';
  const approx = approximate ?? (edtf != null && !DAY.test(edtf));
  return approx ? `${day}~` : day;
}

export const short = (eventId: string | undefined) => (eventId ? eventId.slice(0, 8) : '');
export const str = (value: unknown) => (value === undefined || value === null ? '' : String(value));

export const since = (item: ItemView) => dated(item.since, item.sinceEdtf, item.approximate);
export const conflictsOf = (item: ItemView) => (item.conflicts?.length ? item.conflicts.join(', ') : '');

