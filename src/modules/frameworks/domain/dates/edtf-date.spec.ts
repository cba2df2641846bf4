import edtf from 'edtf';
import fc from 'fast-check';
import { dayOf, InvalidEdtfDate, isDay, isEdtf, nextDay, parseEdtf, parseEdtfByPackage, previousDay } from './edtf-date.js';
import { daysInMonth, isLeapYear } from './calendar.js';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** What the `edtf` package alone makes of a valid date (the behaviour to keep for valid input). */
function byPackage(value: string) {
  const parsed = edtf(value);
  const first = dayOf(parsed.min);
  const last = dayOf(parsed.max);
  return { edtf: value, first, last, approximate: first !== last || /[?~%]/.test(value) };
}

const refusal = (value: unknown) => {
  try {
    parseEdtf(value);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidEdtfDate);
    return (error as Error).message;
  }
  throw new Error(`${String(value)} was accepted`);
};

describe('EDTF dates: strict', () => {
  it.each(['946684800000', '10000', '99999', '20010', '000000'])('refuses the digit string %s (longer than a year, not milliseconds since 1970)', (value) => {
    expect(refusal(value)).toBe(`"${value}" is not an EDTF date (a year has four digits)`);
    expect(isEdtf(value)).toBe(false);
  });

  it.each([
    ['2001-02-29', 'there is no day 29 in February 2001, which has 28 days'],
    ['1900-02-29', 'there is no day 29 in February 1900, which has 28 days'],
    ['2001-02-30', 'there is no day 30 in February 2001, which has 28 days'],
    ['2001-04-31', 'there is no day 31 in April 2001, which has 30 days'],
    ['2001-02-29?', 'there is no day 29 in February 2001, which has 28 days'],
    ['2001-02-29~/2002', 'there is no day 29 in February 2001, which has 28 days'],
    ['2001-02-29/2002', 'there is no day 29 in February 2001, which has 28 days'],
    ['2000/2001-02-29', 'there is no day 29 in February 2001, which has 28 days'],
    ['2001-02-29T10:00:00Z', 'there is no day 29 in February 2001, which has 28 days'],
    ['?2001-02-29', 'there is no day 29 in February 2001, which has 28 days'],
    ['210X-02-29', '29 February needs a year given in full (only leap years have it)'],
    ['2001-02-28T24:00:00Z', 'hours must be below 24'],
  ])('refuses %s, a day that does not exist (instead of rolling over)', (value, reason) => {
    expect(refusal(value)).toBe(`"${value}" is not an EDTF date (${reason})`);
  });

  it.each(['2000-02-29', '2004-02-29', '1600-02-29', '2004-02-29/2005', '2000-02-29?', '2024-02-29T12:00:00Z'])('accepts %s (a leap year)', (value) => {
    expect(parseEdtf(value)).toEqual(byPackage(value));
    expect(parseEdtf(value).first).toBe(value.slice(0, 10));
  });

  it('keeps the other refusals (syntax, seasons, sets, open intervals, out of range)', () => {
    expect(refusal('2001-13')).toContain('(syntax)');
    expect(refusal('2001-00-01')).toContain('(syntax)');
    expect(refusal('2001-21')).toContain('Season is not supported');
    expect(refusal('[2011,2012]')).toContain('Set is not supported');
    expect(refusal('2011/..')).toContain('open intervals are not supported');
    expect(refusal('0000')).toContain('out of range');
    expect(refusal('0000-02-29')).toContain('out of range');
    expect(refusal('')).toContain('expected a non-empty string');
    expect(refusal(2001)).toContain('expected a non-empty string');
    expect(refusal(' 2001')).toContain('(syntax)');
  });

  it('answers the three plain forms as the package does, for every valid one (property)', () => {
    const valid = fc
      .record({ year: fc.integer({ min: 1, max: 9999 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }), form: fc.constantFrom(0, 1, 2) })
      .filter(({ year, month, day }) => day <= daysInMonth(year, month))
      .map(({ year, month, day, form }) => [pad(year, 4), `${pad(year, 4)}-${pad(month)}`, `${pad(year, 4)}-${pad(month)}-${pad(day)}`][form]);
    fc.assert(
      fc.property(valid, (value) => {
        expect(parseEdtf(value)).toEqual(byPackage(value));
      }),
      { numRuns: 2000 },
    );
  });

  // Both refuse the same strings; the reason may be worded more precisely on the fast path (the
  // package's grammar calls 1900-02-30 a syntax error, the fast path names the missing day).
  it('the fast path answers as the package path, valid or not: same dates, same refusals (property)', () => {
    const outcome = (parse: () => unknown) => {
      try {
        return { ok: parse() };
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidEdtfDate);
        return { refused: true };
      }
    };
    // Years 0000-9999, months 00-13, days 00-32: invalid days (2001-02-29, 1900-02-29, 04-31), months and year 0 included.
    const plain = fc
      .record({ year: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(1900, 2000, 2001, 2004, 2100, 1600)), month: fc.integer({ min: 0, max: 13 }), day: fc.integer({ min: 0, max: 32 }), form: fc.constantFrom(0, 1, 2) })
      .map(({ year, month, day, form }) => [pad(year, 4), `${pad(year, 4)}-${pad(month)}`, `${pad(year, 4)}-${pad(month)}-${pad(day)}`][form]);
    fc.assert(
      fc.property(plain, (value) => {
        expect(outcome(() => parseEdtf(value))).toEqual(outcome(() => parseEdtfByPackage(value)));
      }),
      { numRuns: 3000 },
    );
    for (const value of ['2001-02-29', '1900-02-29', '2100-02-29', '2000-02-29', '2001-04-31', '0000-01-01', '2001-00', '2001-13-01']) {
      expect(outcome(() => parseEdtf(value))).toEqual(outcome(() => parseEdtfByPackage(value)));
    }
    expect(outcome(() => parseEdtf('1900-02-29'))).toEqual({ refused: true });
    expect(outcome(() => parseEdtf('2000-02-29'))).toEqual({ ok: byPackage('2000-02-29') });
  });

  it('answers the other forms as before', () => {
    for (const value of ['198X', '19XX', '2011/2014', '2006-05?', '1994-07-25~', '2003%', '2001-02-2X', '2001-XX-31', '2001-02-XX', '1985-04-12T23:20:30Z', '2011-06/2014-02-15', '2006-05~/2007']) {
      expect(parseEdtf(value)).toEqual(byPackage(value));
    }
    expect(parseEdtf('198X')).toMatchObject({ first: '1980-01-01', last: '1989-12-31', approximate: true });
    expect(parseEdtf('2011/2014')).toMatchObject({ first: '2011-01-01', last: '2014-12-31', approximate: true });
    expect(parseEdtf('1994-07-25')).toEqual({ edtf: '1994-07-25', first: '1994-07-25', last: '1994-07-25', approximate: false });
    expect(parseEdtf('2000-02')).toMatchObject({ first: '2000-02-01', last: '2000-02-29' });
    expect(parseEdtf('2001-02')).toMatchObject({ first: '2001-02-01', last: '2001-02-28' });
  });

  it('remembers what it parsed, and refuses the same way twice', () => {
    expect(parseEdtf('2006-05')).toBe(parseEdtf('2006-05'));
    expect(() => parseEdtf('2001-02-29')).toThrow(InvalidEdtfDate);
    expect(() => parseEdtf('2001-02-29')).toThrow(InvalidEdtfDate);
  });
});

describe('days', () => {
  it('isDay accepts a real calendar day only', () => {
    for (const day of ['2000-02-29', '2004-02-29', '2001-02-28', '2001-12-31', '0001-01-01', '9999-12-31']) expect(isDay(day)).toBe(true);
    for (const day of ['2001-02-29', '1900-02-29', '2001-02-30', '2001-04-31', '2001-13-01', '2001-00-10', '2001-01-00', '2001-1-01', '20010101', '2001-01-01T00:00:00Z', 20010101, null]) {
      expect(isDay(day)).toBe(false);
    }
  });

  it('isDay agrees with the calendar of Date for every YYYY-MM-DD (property)', () => {
    const text = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0, max: 39 })).map(([y, m, d]) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`);
    fc.assert(
      fc.property(text, (value) => {
        const ms = Date.parse(`${value}T00:00:00Z`);
        expect(isDay(value)).toBe(Number.isFinite(ms) && dayOf(ms) === value);
      }),
      { numRuns: 3000 },
    );
  });

  it('leap years: every fourth year, not the centuries but every fourth one', () => {
    expect([1600, 1700, 1900, 2000, 2001, 2004, 2100].map(isLeapYear)).toEqual([true, false, false, true, false, true, false]);
  });

  it('next and previous days cross the end of February', () => {
    expect(nextDay('2001-02-28')).toBe('2001-03-01');
    expect(nextDay('2004-02-28')).toBe('2004-02-29');
    expect(previousDay('2004-03-01')).toBe('2004-02-29');
    expect(previousDay('2001-01-01')).toBe('2000-12-31');
  });
});
