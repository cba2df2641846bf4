/**
 * Days (UTC, `YYYY-MM-DD`) and the EDTF dates the service stores (`1994-07-25`, `2006-05`, `2001`,
 * `198X`, `2011/2014`), in French. The French words are the server's own (`src/libs/french/
 * french-dates.ts`, a pure module built into the page); the server parses EDTF with its own library,
 * the browser needs only the first and last day of these few forms.
 */
import { frenchDate, frenchDay } from '../../src/libs/french/french-dates.js';

export const DAY_MS = 86_400_000;

export function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}
/** Days since 1970-01-01. */
export function dayNum(day: string): number {
  return Math.round(Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10)) / DAY_MS);
}
export function numDay(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}
export function addDays(day: string, n: number): string {
  return numDay(dayNum(day) + n);
}
export function isDay(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && numDay(dayNum(value)) === value;
}
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
export const minDay = (a: string, b: string): string => (a < b ? a : b);
export const maxDay = (a: string, b: string): string => (a > b ? a : b);
export function addYears(day: string, n: number): string {
  const year = pad(+day.slice(0, 4) + n, 4);
  const candidate = year + day.slice(4);
  return isDay(candidate) ? candidate : `${year}${day.slice(4, 8)}28`;
}

/** « 25 juillet 1994 », « 1er janvier 2006 ». */
export function frDay(day: string): string {
  return isDay(day) ? frenchDay(day) : String(day);
}
/** « 1er janvier 2020 à 00:00:00 UTC » (to the millisecond when there are some). */
export function frInstant(instant: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return String(instant);
  const iso = date.toISOString();
  const ms = iso.slice(19, 23) === '.000' ? '' : `,${iso.slice(20, 23)}`;
  return `${frDay(iso.slice(0, 10))} à ${iso.slice(11, 19)}${ms} UTC`;
}

export interface DayBounds {
  first: string | null;
  last: string | null;
}
/** First and last day of an EDTF date (the forms the service stores), or null. */
export function edtfBounds(value: unknown): DayBounds | null {
  if (typeof value !== 'string') return null;
  const s = value.replace(/[?~%]/g, '');
  if (s.includes('/')) {
    const [start, end] = s.split('/');
    const a = edtfBounds(start);
    const b = edtfBounds(end);
    return a || b ? { first: a ? a.first : null, last: b ? b.last : null } : null;
  }
  let m: RegExpExecArray | null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return isDay(s) ? { first: s, last: s } : null;
  if ((m = /^(\d{4})-(\d{2})$/.exec(s)) && +m[2] >= 1 && +m[2] <= 12) {
    const next = +m[2] === 12 ? `${pad(+m[1] + 1, 4)}-01-01` : `${m[1]}-${pad(+m[2] + 1)}-01`;
    return { first: `${s}-01`, last: addDays(next, -1) };
  }
  if (/^\d{4}$/.test(s)) return { first: `${s}-01-01`, last: `${s}-12-31` };
  if ((m = /^(\d{3})X$/.exec(s))) return { first: `${m[1]}0-01-01`, last: `${m[1]}9-12-31` };
  if ((m = /^(\d{2})XX$/.exec(s))) return { first: `${m[1]}00-01-01`, last: `${m[1]}99-12-31` };
  return null;
}

/** A date as the source gives it: « 2006 », « mai 2006 », « 25 juillet 1994 », « années 1980 », « entre 2011 et 2014 ». */
export function dateLabel(edtf: unknown): string {
  return typeof edtf === 'string' ? frenchDate(edtf) : '';
}

export interface Dated {
  since: string;
  sinceEdtf?: string;
  approximate: boolean;
}
/** « depuis le 25 juillet 1994 », « depuis 2006 », « depuis les années 1980 », « date : entre 2011 et 2014 ». */
export function sincePhrase(item: Dated): string {
  if (!item.approximate) return `depuis le ${frDay(item.since)}`;
  const edtf = item.sinceEdtf || item.since;
  if (edtf.includes('/')) return `date : ${dateLabel(edtf)}`;
  if (/X/.test(edtf)) return `depuis les ${dateLabel(edtf)}`;
  return `depuis ${dateLabel(edtf)}`;
}

/** The datetime-local value (UTC) of an instant. */
export function instantToField(instant: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return '';
  const iso = date.toISOString();
  return iso.slice(19, 23) === '.000' ? iso.slice(0, 19) : iso.slice(0, 23);
}
/** The instant (UTC) of a datetime-local value, to the millisecond when given: null when empty, undefined when invalid. */
export function fieldToInstant(value: string): string | null | undefined {
  if (!value) return null;
  const v = /T\d{2}:\d{2}$/.test(value) ? `${value}:00` : value;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?$/.test(v)) return undefined;
  const date = new Date(`${v}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().replace('.000Z', 'Z');
}
