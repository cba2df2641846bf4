import { addYears, dateLabel, edtfBounds, fieldToInstant, frDay, frInstant, instantToField, isDay, sincePhrase } from '../../web/src/dates.js';

describe('the dates of the web client, in French', () => {
  it('writes days with « 1er » for the first of the month', () => {
    expect(frDay('2020-01-01')).toBe('1er janvier 2020');
    expect(frDay('1994-07-25')).toBe('25 juillet 1994');
    expect(frInstant('2020-01-01T00:00:00Z')).toBe('1er janvier 2020 à 00:00:00 UTC');
    expect(frInstant('2026-11-26T09:25:00.113Z')).toBe('26 novembre 2026 à 09:25:00,113 UTC');
  });

  it('reads the EDTF forms the service stores', () => {
    expect(edtfBounds('2006-05')).toEqual({ first: '2006-05-01', last: '2006-05-31' });
    expect(edtfBounds('2004-02')).toEqual({ first: '2004-02-01', last: '2004-02-29' });
    expect(edtfBounds('198X')).toEqual({ first: '1980-01-01', last: '1989-12-31' });
    expect(edtfBounds('2011/2014')).toEqual({ first: '2011-01-01', last: '2014-12-31' });
    expect(edtfBounds('2007-13-45')).toBeNull();
    expect(dateLabel('2006-05')).toBe('mai 2006');
    expect(dateLabel('198X')).toBe('années 1980');
    expect(dateLabel('2011/2014')).toBe('entre 2011 et 2014');
    expect(sincePhrase({ since: '1980-01-01', sinceEdtf: '198X', approximate: true })).toBe('depuis les années 1980');
    expect(sincePhrase({ since: '1994-07-25', approximate: false })).toBe('depuis le 25 juillet 1994');
  });

  it('checks days and instants as the address gives them', () => {
    expect(isDay('2007-06-30')).toBe(true);
    for (const bad of ['2007-13-45', '2007-02-30', 'hier', '2007-6-30']) expect(isDay(bad)).toBe(false);
    expect(addYears('2008-02-29', 1)).toBe('2009-02-28');
    expect(instantToField('2099-01-01T12:34:56.789Z')).toBe('2099-01-01T12:34:56.789');
    expect(fieldToInstant('2020-01-01T00:00')).toBe('2020-01-01T00:00:00Z');
    expect(fieldToInstant('pas-une-date')).toBeUndefined();
    expect(fieldToInstant('')).toBeNull();
  });
});
