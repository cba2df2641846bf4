import { latestAllowedDay } from '../../src/modules/frameworks/write-path/future-bound.js';
import { ADMIN_TOKEN, bearer, call, milestone, RECORDER_TOKEN, SOURCE, start, type Running } from './support.js';

/**
 * One fact dated 9999-12-31 made every later append a back-dated refold (7.9 → 54.3 ms per
 * append on a 2,000-event framework). Now a date reaching past today + MAX_YEARS_AHEAD (100) is a
 * 422 `date-too-far-ahead` naming the field — the effective date, or an EDTF date of the data —
 * and nothing is appended; dry runs and corrections say the same.
 */
const year = new Date().getUTCFullYear();

describe('far-future dates', () => {
  let running: Running;
  beforeAll(async () => {
    running = await start();
  });
  afterAll(() => running?.close());

  const revision = async () => (await call(`${running.url}/api/frameworks/cccs13/state?at=2000-01-01`)).body.revision;
  const append = (body: unknown, token = RECORDER_TOKEN, query = '') =>
    call(`${running.url}/api/frameworks/cccs13/events${query}`, { method: 'POST', headers: bearer(token), json: body });

  it.each([
    ['effectiveDate', milestone('far-1', '9999-12-31')],
    ['effectiveDate', milestone('far-2', `${year + 101}`)],
    ['effectiveDate', milestone('far-3', `${year}/${year + 200}`)],
    ['data.start', { type: 'ConventionSigned', effectiveDate: '2020', data: { conventionId: 'cc-far', name: 'x', start: '9000', parties: [{ id: 'etat', name: 'État', kind: 'state' }] }, source: SOURCE }],
    ['data.end', { type: 'ConventionSigned', effectiveDate: '2020', data: { conventionId: 'cc-far', name: 'x', start: '2020', end: '9999-12-31', parties: [{ id: 'etat', name: 'État', kind: 'state' }] }, source: SOURCE }],
    ['data.newEnd', { type: 'ConventionExtended', effectiveDate: '2017-11', data: { conventionId: 'cc-2015', newEnd: '5000' }, source: SOURCE }],
  ])('%s past the bound: 422 naming it, nothing appended', async (field, body) => {
    const before = await revision();
    const answer = await append(body);
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ rule: 'date-too-far-ahead', field });
    expect(answer.body.message).toContain(`dates may reach ${latestAllowedDay(100)} at most`);
    const dry = await append(body, RECORDER_TOKEN, '?dryRun=true');
    expect([dry.status, dry.body.rule]).toEqual([422, 'date-too-far-ahead']);
    expect(await revision()).toBe(before);
  });

  it('a correction may not move a fact past the bound either', async () => {
    const fact = await append(milestone('to-move', '2016')).then((a) => a.body);
    const before = await revision();
    const answer = await append({ type: 'FactCorrected', effectiveDate: '2016', data: { eventId: fact.eventId, effectiveDate: '9999', reason: 'typo' }, source: SOURCE }, ADMIN_TOKEN);
    expect([answer.status, answer.body.rule, answer.body.field]).toEqual([422, 'date-too-far-ahead', 'data.effectiveDate']);
    expect(await revision()).toBe(before);
  });

  it('creating a framework dated past the bound: 422 naming effectiveDate', async () => {
    const answer = await call(`${running.url}/api/frameworks`, { method: 'POST', headers: bearer(RECORDER_TOKEN), json: { id: 'far-framework', name: 'x', effectiveDate: '9999' } });
    expect([answer.status, answer.body.rule, answer.body.field]).toEqual([422, 'date-too-far-ahead', 'effectiveDate']);
    expect((await call(`${running.url}/api/frameworks/far-framework/state?at=2020-01-01`)).status).toBe(404);
  });

  it('dates within the bound are accepted: next year, a convention ending in 50 years', async () => {
    expect((await append(milestone('next-year', `${year + 1}`))).status).toBe(201);
    const signed = await append({ type: 'ConventionSigned', effectiveDate: `${year + 1}`, data: { conventionId: 'cc-long', name: 'Longue', start: `${year + 1}`, end: `${year + 50}`, parties: [{ id: 'etat', name: 'État', kind: 'state' }] }, source: SOURCE });
    expect(signed.status).toBe(201);
  });

  it('the bound is configurable: MAX_YEARS_AHEAD=1 refuses the year after next', async () => {
    const strict = await start({ MAX_YEARS_AHEAD: '1' });
    try {
      const refused = await call(`${strict.url}/api/frameworks/cccs13/events`, { method: 'POST', headers: bearer(RECORDER_TOKEN), json: milestone('in-two-years', `${year + 2}`) });
      expect([refused.status, refused.body.rule, refused.body.field]).toEqual([422, 'date-too-far-ahead', 'effectiveDate']);
      const accepted = await call(`${strict.url}/api/frameworks/cccs13/events`, { method: 'POST', headers: bearer(RECORDER_TOKEN), json: milestone('this-year', `${year}`) });
      expect(accepted.status).toBe(201);
    } finally {
      await strict.close();
    }
  });

  it('latestAllowedDay: today + N years, 29 February to 1 March, never past 9999-12-31', () => {
    expect(latestAllowedDay(100, new Date('2026-05-17T10:00:00Z'))).toBe('2126-05-17');
    expect(latestAllowedDay(1, new Date('2024-02-29T00:00:00Z'))).toBe('2025-03-01');
    expect(latestAllowedDay(9000, new Date('2026-01-01T00:00:00Z'))).toBe('9999-12-31');
  });
});
