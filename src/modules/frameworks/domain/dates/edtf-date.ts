import edtf from 'edtf';

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

function parseEdtfUncached(value: unknown): EdtfDate {
  if (typeof value !== 'string' || value.length === 0 || value.length > 40) {
    throw new InvalidEdtfDate(value, 'expected a non-empty string');
  }
  let parsed: { type: string; min: number; max: number };
  try {
    parsed = edtf(value) as unknown as { type: string; min: number; max: number };
  } catch (error) {
    throw new InvalidEdtfDate(value, 'syntax');
  }
  if (parsed.type !== 'Date' && parsed.type !== 'Interval') {
    throw new InvalidEdtfDate(value, `${parsed.type} is not supported; use a date or an interval`);
  }
  if (!Number.isFinite(parsed.min) || !Number.isFinite(parsed.max)) {
    throw new InvalidEdtfDate(value, 'open intervals are not supported');
  }
  const first = dayOf(parsed.min);
  const last = dayOf(parsed.max);
  if (first < '0001-01-01' || last > '9999-12-31') {
    throw new InvalidEdtfDate(value, 'out of range');
  }
  return Object.freeze({ edtf: value, first, last, approximate: first !== last || /[?~%]/.test(value) });
}

export function isEdtf(value: unknown): boolean {
  try {
    parseEdtf(value);
    return true;
  } catch {
    return false;
  }
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** A strict `YYYY-MM-DD` that names a real day. */
export function isDay(value: unknown): value is Day {
  if (typeof value !== 'string' || !DAY_RE.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(ms) && dayOf(ms) === value;
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
