import edtf, { parse as parseEdtfSyntax } from 'edtf';
import { daysInMonth, formatDay, isCalendarDay } from './calendar.js';

/** A calendar day, `YYYY-MM-DD`. Lexicographic order is chronological order. */
export type Day = string;

/**
 * A date as the sources give it, in EDTF (ISO 8601-2): `198X`, `2001`, `2006-05`,
 * `1994-07-25`, or an interval `2011/2014`. It covers the days `first`..`last`.
 * A fact counts from `first`; a date coarser than a day is `approximate`.
 */
export interface EdtfDate {
  edtf: string;
  first: Day;
  last: Day;
  approximate: boolean;
}

export class InvalidEdtfDate extends Error {
  constructor(readonly value: unknown, reason: string) {
    super(`"${String(value)}" is not an EDTF date (${reason})`);
  }
}

const DAY_MS = 86_400_000;

export function dayOf(ms: number): Day {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Parsed dates by their text (the histories repeat the same few dates many times). */
const parsedDates = new Map<string, EdtfDate>();
const PARSED_DATES_MAX = 200_000;

/**
 * Parses an EDTF date, strictly. `YYYY`, `YYYY-MM` and `YYYY-MM-DD` — nearly every date of the
 * sources — are read directly (the calendar checked: 29 February only in leap years); every
 * other form (`198X`, `2011/2014`, `2006-05?`, `1994-07-25~`…) goes through the `edtf` package,
 * whose parse is checked the same way: a day that does not exist in its month is refused
 * wherever it appears (in an interval too) instead of rolling over into the next month, and a
 * string of digits longer than a year is refused instead of being read as milliseconds since 1970.
 */
export function parseEdtf(value: unknown): EdtfDate {
  if (typeof value === 'string') {
    const known = parsedDates.get(value);
    if (known) return known;
  }
  const parsed = parseEdtfUncached(value);
  if (parsedDates.size >= PARSED_DATES_MAX) parsedDates.clear();
  parsedDates.set(parsed.edtf, parsed);
  return parsed;
}

const YEAR = /^(\d{4})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DIGITS_ONLY = /^\d+$/;

function parseEdtfUncached(value: unknown): EdtfDate {
  if (typeof value !== 'string' || value.length === 0 || value.length > 40) {
    throw new InvalidEdtfDate(value, 'expected a non-empty string');
  }
  return fastPath(value) ?? parseWithPackage(value);
}

/** The three plain forms, read directly; null for anything else (and for months 00, 13-99: the package says what they are). */
function fastPath(value: string): EdtfDate | null {
  if (DIGITS_ONLY.test(value) && value.length > 4) throw new InvalidEdtfDate(value, 'a year has four digits');
  let match = YEAR.exec(value);
  if (match) {
    const year = Number(match[1]);
    if (year < 1) throw new InvalidEdtfDate(value, 'out of range');
    return date(value, formatDay(year, 1, 1), formatDay(year, 12, 31));
  }
  match = MONTH.exec(value);
  if (match) {
    const [year, month] = [Number(match[1]), Number(match[2])];
    if (month < 1 || month > 12) return null;
    if (year < 1) throw new InvalidEdtfDate(value, 'out of range');
    return date(value, formatDay(year, month, 1), formatDay(year, month, daysInMonth(year, month)));
  }
  match = DAY.exec(value);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (month < 1 || month > 12 || day < 1 || day > 31) return null;
    if (!isCalendarDay(year, month, day)) throw new InvalidEdtfDate(value, noSuchDay(year, month, day));
    if (year < 1) throw new InvalidEdtfDate(value, 'out of range');
    return date(value, value, value);
  }
  return null;
}

function date(value: string, first: Day, last: Day): EdtfDate {
  return Object.freeze({ edtf: value, first, last, approximate: first !== last || /[?~%]/.test(value) });
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function noSuchDay(year: number, month: number, day: number): string {
  return `there is no day ${day} in ${MONTH_NAMES[month - 1]} ${year}, which has ${daysInMonth(year, month)} days`;
}

/** What the EDTF grammar gives for a date (`values`: year, month 0-11, day, hours…). */
interface ParsedNode {
  type: string;
  values?: unknown[];
  /** Bits of the unspecified digits `X`, in the order YYYYMMDD (bit 0: the year's first digit). */
  unspecified?: number;
}

/** The `edtf` package's path alone, uncached (what the fast path must agree with; for tests). */
export function parseEdtfByPackage(value: string): EdtfDate {
  return parseWithPackage(value);
}

function parseWithPackage(value: string): EdtfDate {
  let syntax: ParsedNode;
  try {
    syntax = parseEdtfSyntax(value) as unknown as ParsedNode;
  } catch {
    throw new InvalidEdtfDate(value, 'syntax');
  }
  if (syntax.type !== 'Date' && syntax.type !== 'Interval') {
    throw new InvalidEdtfDate(value, `${syntax.type} is not supported; use a date or an interval`);
  }
  const dates = syntax.type === 'Date' ? [syntax] : (syntax.values ?? []).filter((v): v is ParsedNode => typeof v === 'object' && v !== null);
  for (const node of dates) checkCalendar(value, node);
  // The package builds the date from the parse already made (no second parse).
  const parsed = edtf(syntax) as unknown as { min: number; max: number };
  if (!Number.isFinite(parsed.min) || !Number.isFinite(parsed.max)) {
    throw new InvalidEdtfDate(value, 'open intervals are not supported');
  }
  const first = dayOf(parsed.min);
  const last = dayOf(parsed.max);
  if (first < '0001-01-01' || last > '9999-12-31') {
    throw new InvalidEdtfDate(value, 'out of range');
  }
  return date(value, first, last);
}

const YEAR_DIGITS = 0b1111;
const MONTH_DIGITS = 0b110000;
const DAY_DIGITS = 0b11000000;

/**
 * The checks the package does not make (it rolls 2001-02-29 over to 1 March, 24:00 to the next
 * day): the day exists in its month, in every date of the value; the hour is below 24.
 */
function checkCalendar(value: string, node: ParsedNode): void {
  if (node.type !== 'Date' || !Array.isArray(node.values)) return;
  const [year, month0, day, hours] = node.values as number[];
  const unspecified = node.unspecified ?? 0;
  if (typeof day === 'number' && typeof month0 === 'number' && !(unspecified & (MONTH_DIGITS | DAY_DIGITS))) {
    const month = month0 + 1;
    if (!(unspecified & YEAR_DIGITS)) {
      if (!isCalendarDay(year, month, day)) throw new InvalidEdtfDate(value, noSuchDay(year, month, day));
    } else if (month === 2 && day === 29) {
      throw new InvalidEdtfDate(value, '29 February needs a year given in full (only leap years have it)');
    } else if (day > daysInMonth(2001, month)) {
      throw new InvalidEdtfDate(value, `there is no day ${day} in ${MONTH_NAMES[month - 1]}`);
    }
  }
  if (typeof hours === 'number' && hours >= 24) throw new InvalidEdtfDate(value, 'hours must be below 24');
}

export function isEdtf(value: unknown): boolean {
  try {
    parseEdtf(value);
    return true;
  } catch {
    return false;
  }
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A strict `YYYY-MM-DD` that names a real day (29 February only in leap years). */
export function isDay(value: unknown): value is Day {
  if (typeof value !== 'string') return false;
  const match = DAY_RE.exec(value);
  return match !== null && isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** Neighbouring days, remembered: the same few hundred days come back all the time. */
const nextDays = new Map<Day, Day>();
const previousDays = new Map<Day, Day>();

function remembered(cache: Map<Day, Day>, day: Day, compute: () => Day): Day {
  let value = cache.get(day);
  if (value === undefined) {
    if (cache.size >= 100_000) cache.clear();
    value = compute();
    cache.set(day, value);
  }
  return value;
}

export function nextDay(day: Day): Day {
  return remembered(nextDays, day, () => dayOf(Date.parse(`${day}T00:00:00Z`) + DAY_MS));
}

export function previousDay(day: Day): Day {
  return remembered(previousDays, day, () => dayOf(Date.parse(`${day}T00:00:00Z`) - DAY_MS));
}
