import 'reflect-metadata';
import fc from 'fast-check';
import { InvalidInput } from '../../libs/app-errors.js';
import { StateParams } from '../../modules/frameworks/queries/state-at-date/state-at-date.request.dto.js';
import { HistoryParams } from '../../modules/frameworks/queries/history/history.request.dto.js';
import { assertValid } from '../validation/validation.js';
import { isInstant, KnownAtParams, normalizeInstant } from './query-params.js';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

describe('instants (knownAt, since, until): strict', () => {
  it.each([
    '2026-01-01T00:00:00Z',
    '2026-01-01T00:00:00.000Z',
    '2026-01-01',
    '2026-01-01T10:00',
    '2026-01-01T10:00:00.123456789+02:00',
    '2026-01-01T10:00:00+0530',
    '2000-02-29T23:59:59Z',
    '2020-01-01T00:00:00.123456789+14:00',
  ])('accepts %s', (value) => {
    expect(isInstant(value)).toBe(true);
  });

  it.each([
    '2001-02-30T00:00:00Z',
    '2001-02-29T00:00:00Z',
    '2001-02-29',
    '2001-04-31T10:00Z',
    '2001-01-01T24:00:00Z',
    '2001-01-01T23:60:00Z',
    '2001-01-01T23:59:60Z',
    '2001-01-01T10:00+24:00',
    '2001-01-01T10:00+05:60',
    '2001-13-01T00:00:00Z',
    '946684800000',
    '2001-01-01T10:00:00 Z',
    '',
  ])('refuses %s', (value) => {
    expect(isInstant(value)).toBe(false);
  });

  it('refuses what is not a string', () => {
    for (const value of [undefined, null, 946684800000, new Date(), ['2026-01-01']]) expect(isInstant(value)).toBe(false);
  });

  it('normalizes a valid instant as before: the UTC instant as the store writes recordedAt (property)', () => {
    const parts = fc.record({
      year: fc.integer({ min: 1970, max: 2100 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
      hours: fc.integer({ min: 0, max: 23 }),
      minutes: fc.integer({ min: 0, max: 59 }),
      seconds: fc.integer({ min: 0, max: 59 }),
      millis: fc.integer({ min: 0, max: 999 }),
      offset: fc.integer({ min: -14 * 60, max: 14 * 60 }),
    });
    fc.assert(
      fc.property(parts, ({ year, month, day, hours, minutes, seconds, millis, offset }) => {
        const sign = offset < 0 ? '-' : '+';
        const zone = `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
        const text = `${year}-${pad(month)}-${pad(day)}T${pad(hours)}:${pad(minutes)}:${pad(seconds)}.${pad(millis, 3)}${zone}`;
        expect(isInstant(text)).toBe(true);
        const utc = Date.UTC(year, month - 1, day, hours, minutes, seconds, millis) - offset * 60_000;
        expect(normalizeInstant(text)).toBe(new Date(utc).toISOString());
      }),
      { numRuns: 1000 },
    );
  });

  it('answers knownAt=2001-02-30T00:00:00Z with a 400 naming the parameter (not as 2 March)', () => {
    const refusal = (dto: new () => object, values: Record<string, unknown>) => {
      try {
        assertValid(dto, values);
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidInput);
        return (error as InvalidInput).fields;
      }
      throw new Error('accepted');
    };
    expect(refusal(KnownAtParams, { knownAt: '2001-02-30T00:00:00Z' })).toEqual([{ field: 'knownAt', problems: [expect.stringContaining('knownAt must be an ISO 8601 instant')] }]);
    expect(refusal(StateParams, { at: '2007-06-30', knownAt: '2001-02-29T10:00:00Z' })).toEqual([{ field: 'knownAt', problems: [expect.any(String)] }]);
    expect(refusal(StateParams, { at: '2001-02-29' })).toEqual([{ field: 'at', problems: [expect.stringContaining('at must be a date YYYY-MM-DD')] }]);
    expect(refusal(HistoryParams, { since: '2001-01-01T24:00:00Z', until: '2001-04-31T00:00:00Z' }).map((f) => f.field).sort()).toEqual(['since', 'until']);
    expect(KnownAtParams.instant(assertValid(KnownAtParams, { knownAt: '2001-02-28T23:00:00-01:00' }))).toBe('2001-03-01T00:00:00.000Z');
  });
});
