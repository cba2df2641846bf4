import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync, statSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { loadConfig } from '../src/platform/config/app-config.js';
import { createHttpApp } from '../src/http-app.js';
import { CCCS13_SEED } from '../src/modules/frameworks/seed/cccs13.seed.js';

const TOKEN = 'secretariat-token-0123456789';
const OTHER = 'auditor-token-0123456789abcd';

describe('HTTP API on the embedded stores', () => {
  let dataDir: string;
  let app: INestApplication;
  let http: ReturnType<typeof request>;

  async function start(env: Record<string, string> = {}) {
    app = await createHttpApp(
      loadConfig({ DATA_DIR: dataDir, API_TOKENS: `secretariat=${TOKEN},auditor=${OTHER}`, API_ADMINS: 'auditor', READ_WAIT_MS: '300', ...env }),
      { logger: false },
    );
    await app.init();
    http = request(app.getHttpServer());
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'governance-e2e-'));
    await start();
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const state = (query: string) => http.get(`/api/frameworks/cccs13/state?${query}`);
  const append = (body: unknown, headers: Record<string, string> = {}, token = TOKEN) => {
    let req = http.post('/api/frameworks/cccs13/events').set('Authorization', `Bearer ${token}`);
    for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
    return req.send(body as object);
  };
  const historyLength = async () => (await http.get('/api/frameworks/cccs13/history')).body.events.length;
  const source = { document: 'minutes of the steering committee', passage: 'the convention is extended', confidence: 'stated' };

  describe('the CCCS13 history loaded on first start', () => {
    it('is listed among the frameworks', async () => {
      const res = await http.get('/api/frameworks').expect(200);
      expect(res.body).toEqual([expect.objectContaining({ id: 'cccs13', name: expect.stringContaining('Convention cadre'), eventCount: CCCS13_SEED.length })]);
    });

    it('on 2007-06-30: the 2003 convention renewed, with Vitrolles and Salon-de-Provence', async () => {
      const res = await state('at=2007-06-30').expect(200);
      expect(res.body).toMatchObject({ frameworkId: 'cccs13', at: '2007-06-30', knownAt: null });
      expect(res.body.conventions).toHaveLength(1);
      expect(res.body.conventions[0]).toMatchObject({ id: 'cc-2003', start: '2003-01-01', end: '2007-12-31', approximate: true });
      expect(res.body.conventions[0].termChanges).toHaveLength(2);
      const names = res.body.parties.map((p: { name: string }) => p.name);
      expect(names).toEqual(expect.arrayContaining(['Vitrolles', 'Salon-de-Provence']));
      for (const key of ['conventions', 'parties', 'missions', 'instruments', 'bodies']) {
        for (const item of res.body[key]) expect(item).toEqual(expect.objectContaining({ id: expect.any(String), name: expect.any(String), since: expect.any(String), approximate: expect.any(Boolean) }));
      }
      expect(res.body.conventions[0].parties.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining(['vitrolles', 'salon-de-provence']));
    });

    it('on 1995-01-01: one convention and three parties, dated to the day', async () => {
      const res = await state('at=1995-01-01').expect(200);
      expect(res.body.conventions.map((c: { id: string }) => c.id)).toEqual(['cc-1994']);
      expect(res.body.parties).toHaveLength(3);
      expect(res.body.conventions[0]).toMatchObject({ since: '1994-07-25', approximate: false });
    });

    it('marks year-only facts as approximate', async () => {
      const res = await state('at=2013-06-30').expect(200);
      expect(res.body.conventions[0]).toMatchObject({ id: 'cc-2011', sinceEdtf: '2011', approximate: true, end: '2013-12-31' });
    });

    it('as known before the history was loaded: an empty state', async () => {
      const res = await state('at=2007-06-30&knownAt=2000-01-01T00:00:00Z').expect(200);
      for (const key of ['conventions', 'parties', 'missions', 'instruments', 'bodies']) expect(res.body[key]).toEqual([]);
      expect(res.body.knownAt).toBe('2000-01-01T00:00:00.000Z');
    });

    it('gives the timeline in effective-date order and the audit log in recorded order', async () => {
      const timeline = (await http.get('/api/frameworks/cccs13/timeline').expect(200)).body.events;
      const days = timeline.map((e: { from: string }) => e.from);
      expect(days).toEqual([...days].sort());
      const history = (await http.get('/api/frameworks/cccs13/history').expect(200)).body.events;
      expect(history[0]).toMatchObject({ type: 'FrameworkEstablished', recordedBy: 'seed', revision: 0 });
      expect(history.every((e: { source: { passage: string } }) => e.source.passage.length > 0)).toBe(true);
    });

    it('diffs 2005 and 2007: Vitrolles and Salon came in, the 2003 convention was renewed', async () => {
      const res = await http.get('/api/frameworks/cccs13/diff?from=2005-06-30&to=2007-06-30').expect(200);
      const came = res.body.cameIntoForce.map((e: { id: string }) => e.id);
      expect(came).toEqual(expect.arrayContaining(['vitrolles', 'salon-de-provence']));
      const changed = res.body.changed.find((c: { id: string }) => c.id === 'cc-2003');
      expect(changed.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['end']));
      expect(res.body.events.length).toBeGreaterThan(0);
    });
  });

  describe('bad requests get a clear answer', () => {
    it('400 names the query field at fault', async () => {
      expect((await state('').expect(400)).body.fields[0].field).toBe('at');
      expect((await state('at=2007-02-30').expect(400)).body.fields[0].field).toBe('at');
      expect((await state('at=2007-06-30&knownAt=yesterday').expect(400)).body.fields[0].field).toBe('knownAt');
      expect((await state('at=2007-06-30&extra=1').expect(400)).body.fields[0].field).toBe('extra');
      expect((await http.get('/api/frameworks/cccs13/diff?from=2007-01-01&to=2005-01-01').expect(400)).body.fields[0].field).toBe('to');
    });
    it('404 for an unknown framework', async () => {
      await http.get('/api/frameworks/nope/state?at=2007-06-30').expect(404);
      await append({}).expect(400);
      await http.post('/api/frameworks/nope/events').set('Authorization', `Bearer ${TOKEN}`)
        .send({ type: 'MilestoneNoted', effectiveDate: '2020', data: { milestoneId: 'm', name: 'x' }, source }).expect(404);
    });
  });

  describe('appending events', () => {
    it('refuses without a valid token, and appends nothing', async () => {
      const before = await historyLength();
      const body = { type: 'MilestoneNoted', effectiveDate: '2020', data: { milestoneId: 'x', name: 'x' }, source };
      const missing = await http.post('/api/frameworks/cccs13/events').send(body).expect(401);
      expect(missing.headers['www-authenticate']).toBe('Bearer realm="governance"');
      const wrong = await http.post('/api/frameworks/cccs13/events').set('Authorization', 'Bearer wrong-token-000000000').send(body).expect(401);
      expect(wrong.headers['www-authenticate']).toBe('Bearer realm="governance", error="invalid_token"');
      expect(wrong.body.requestId).toBe(wrong.headers['x-request-id']);
      await http.post('/api/frameworks/cccs13/events').set('Authorization', 'Basic abc').send(body).expect(401);
      expect(await historyLength()).toBe(before);
    });

    it('400 names the fields at fault in the body, and appends nothing', async () => {
      const before = await historyLength();
      const res = await append({ type: 'ConventionExtended', effectiveDate: '2012-13', data: { conventionId: 'CC 2011', extra: 1 }, source: { document: 'x' } }).expect(400);
      const fields = res.body.fields.map((f: { field: string }) => f.field);
      expect(fields).toEqual(expect.arrayContaining(['effectiveDate', 'data.conventionId', 'data.newEnd', 'data.extra', 'source.passage', 'source.confidence']));
      expect((await append({ type: 'Nonsense', effectiveDate: '2012', data: {}, source }).expect(400)).body.fields[0].field).toBe('type');
      const malformed = await http.post('/api/frameworks/cccs13/events').set('Authorization', `Bearer ${TOKEN}`)
        .set('Content-Type', 'application/json').send('{"type": ').expect(400);
      expect(malformed.body.message).toMatch(/JSON/);
      expect(await historyLength()).toBe(before);
    });

    it('422 names the rule broken, and appends nothing', async () => {
      const before = await historyLength();
      const res = await append({ type: 'ConventionExtended', effectiveDate: '2019', data: { conventionId: 'cc-2011', newEnd: '2020' }, source }).expect(422);
      expect(res.body).toMatchObject({ rule: 'convention-not-in-force' });
      const twice = await append({ type: 'PartyJoined', effectiveDate: '2016', data: { conventionId: 'cc-2015', party: { id: 'vitrolles', name: 'Vitrolles', kind: 'commune' } }, source }).expect(422);
      expect(twice.body.rule).toBe('party-already-joined');
      const backwards = await append({ type: 'ConventionSigned', effectiveDate: '2018', data: { conventionId: 'cc-2018', name: 'x', start: '2018', end: '2017', parties: [{ id: 'etat', name: 'État', kind: 'state' }] }, source }).expect(422);
      expect(backwards.body.rule).toBe('end-before-start');
      expect(await historyLength()).toBe(before);
    });

    it('201 then the write is visible at once; the actor is the token owner', async () => {
      const res = await append({ type: 'ConventionExtended', effectiveDate: '2017-11', data: { conventionId: 'cc-2015', newEnd: '2018' }, source }).expect(201);
      expect(res.body).toEqual({ eventId: expect.any(String), revision: CCCS13_SEED.length, position: expect.any(Number), recordedAt: expect.any(String) });
      const after = await state('at=2018-06-30').expect(200);
      expect(after.body.conventions.map((c: { id: string }) => c.id)).toEqual(['cc-2015']);
      const history = (await http.get('/api/frameworks/cccs13/history?actor=secretariat').expect(200)).body.events;
      expect(history.at(-1)).toMatchObject({ eventId: res.body.eventId, recordedBy: 'secretariat', recordedAt: res.body.recordedAt });
      const earlier = await state(`at=2018-06-30&knownAt=${encodeURIComponent(new Date(Date.parse(res.body.recordedAt) - 1).toISOString())}`).expect(200);
      expect(earlier.body.conventions).toEqual([]);
    });

    it('409 with the current revision on a stale If-Match, and appends nothing', async () => {
      const current = (await state('at=2000-01-01')).body.revision;
      const body = { type: 'MilestoneNoted', effectiveDate: '2016', data: { milestoneId: 'revision-test', name: 'x' }, source };
      const res = await append(body, { 'If-Match': `"${current - 1}"` }).expect(409);
      expect(res.body.currentRevision).toBe(current);
      expect(await historyLength()).toBe(current + 1);
      await append(body, { 'If-Match': `"${current}"` }).expect(201);
    });

    it('a retry with the same Idempotency-Key returns the first result and appends nothing', async () => {
      const body = { type: 'MilestoneNoted', effectiveDate: '2016', data: { milestoneId: 'idempotent', name: 'x' }, source };
      const first = await append(body, { 'Idempotency-Key': 'key-1' }).expect(201);
      const before = await historyLength();
      const retry = await append(body, { 'Idempotency-Key': 'key-1' }).expect(201);
      expect(retry.body).toMatchObject({ eventId: first.body.eventId, revision: first.body.revision, position: first.body.position });
      expect(await historyLength()).toBe(before);
      const reused = await append({ ...body, effectiveDate: '2017' }, { 'Idempotency-Key': 'key-1' }).expect(422);
      expect(reused.body.rule).toBe('idempotency-key-reused');
    });

    it('corrections need the admin role, and keep what was known before', async () => {
      const milestone = await append({ type: 'MilestoneNoted', effectiveDate: '2016-03', data: { milestoneId: 'to-correct', name: 'Typo' }, source }).expect(201);
      const correction = { type: 'FactCorrected', effectiveDate: '2016-03', data: { eventId: milestone.body.eventId, data: { name: 'Corrected' }, reason: 'typo' }, source };
      const before = await historyLength();
      const refused = await append(correction).expect(403);
      expect(refused.body.message).toMatch(/admin/);
      expect(await historyLength()).toBe(before);
      const fix = await append(correction, {}, OTHER).expect(201);
      const now = (await state('at=2016-06-30')).body.milestones.find((m: { id: string }) => m.id === 'to-correct');
      expect(now.name).toBe('Corrected');
      const earlier = (await state(`at=2016-06-30&knownAt=${encodeURIComponent(milestone.body.recordedAt)}`)).body.milestones.find((m: { id: string }) => m.id === 'to-correct');
      expect(earlier.name).toBe('Typo');
      const audit = (await http.get('/api/frameworks/cccs13/history')).body.events;
      expect(audit.find((e: { eventId: string }) => e.eventId === milestone.body.eventId).correctedBy).toEqual([fix.body.eventId]);
      expect(audit.find((e: { eventId: string }) => e.eventId === fix.body.eventId)).toMatchObject({ recordedBy: 'auditor', corrects: milestone.body.eventId });
      const bad = await append({ ...correction, data: { ...correction.data, data: { name: 12 } } }, {}, OTHER).expect(400);
      expect(bad.body.fields[0].field).toBe('data.data.name');
    });
  });

  describe('concurrent writers', () => {
    it('serializes concurrent appends to one framework: all land, with distinct revisions', async () => {
      const before = await historyLength();
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          append({ type: 'MilestoneNoted', effectiveDate: `2019-${String((i % 12) + 1).padStart(2, '0')}`, data: { milestoneId: `parallel-${i}`, name: `Parallel ${i}` }, source }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(Array(12).fill(201));
      expect(new Set(results.map((r) => r.body.revision)).size).toBe(12);
      expect(await historyLength()).toBe(before + 12);
    });

    it('with the same If-Match, exactly one wins; the others get 409 with the current revision', async () => {
      const current = (await state('at=2000-01-01')).body.revision;
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          append({ type: 'MilestoneNoted', effectiveDate: '2019-12', data: { milestoneId: `race-${i}`, name: `Race ${i}` }, source }, { 'If-Match': `"${current}"` }),
        ),
      );
      expect(results.filter((r) => r.status === 201)).toHaveLength(1);
      const conflicts = results.filter((r) => r.status === 409);
      expect(conflicts).toHaveLength(7);
      for (const c of conflicts) expect(c.body.currentRevision).toBe(current + 1);
      expect(await historyLength()).toBe(current + 2);
    });
  });

  describe('many frameworks side by side', () => {
    it('creates a framework, refuses the same id twice', async () => {
      const res = await http.post('/api/frameworks').set('Authorization', `Bearer ${OTHER}`)
        .send({ id: 'cccs84', name: 'Convention cadre du Vaucluse', effectiveDate: '2005' }).expect(201);
      expect(res.body).toMatchObject({ id: 'cccs84', revision: 0 });
      await http.post('/api/frameworks').set('Authorization', `Bearer ${OTHER}`).send({ id: 'cccs84', name: 'again' }).expect(409);
      await http.post('/api/frameworks').set('Authorization', `Bearer ${OTHER}`).send({ id: 'Bad Id', name: 'x' }).expect(400);
      await http.post('/api/frameworks').send({ id: 'cccs85', name: 'x' }).expect(401);
      const list = (await http.get('/api/frameworks')).body.map((f: { id: string }) => f.id);
      expect(list).toEqual(['cccs13', 'cccs84']);
      const empty = await http.get('/api/frameworks/cccs84/state?at=2007-06-30').expect(200);
      expect(empty.body.conventions).toEqual([]);
    });
  });

  describe('operations', () => {
    it('verifies the log for an admin only', async () => {
      const report = await http.get('/api/admin/verify').set('Authorization', `Bearer ${OTHER}`).expect(200);
      expect(report.body).toMatchObject({ ok: true, chained: true });
      expect(report.body.checked).toBeGreaterThanOrEqual(CCCS13_SEED.length);
      await http.get('/api/admin/verify').set('Authorization', `Bearer ${TOKEN}`).expect(403);
      await http.get('/api/admin/verify').expect(401);
    });

    it('waits for minPosition, refuses a bad one, and says 503 when the read models are behind', async () => {
      const res = await append({ type: 'MilestoneNoted', effectiveDate: '2019', data: { milestoneId: 'min-position', name: 'x' }, source }).expect(201);
      const seen = await state(`at=2019-06-30&minPosition=${res.body.position}`).expect(200);
      expect(seen.body.milestones.map((m: { id: string }) => m.id)).toContain('min-position');
      expect((await state('at=2019-06-30&minPosition=abc').expect(400)).body.fields[0].field).toBe('minPosition');
      const behind = await state(`at=2019-06-30&minPosition=${res.body.position + 1_000_000}`).expect(503);
      expect(behind.headers['retry-after']).toBe('1');
    });

    it('sends security headers, and no CORS headers unless configured', async () => {
      const res = await http.get('/api/frameworks').set('Origin', 'http://elsewhere.example').expect(200);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('restart', () => {
    it('keeps the history and does not load the seed twice', async () => {
      const before = (await state('at=2018-06-30')).body;
      await app.close();
      await start();
      const after = (await state('at=2018-06-30').expect(200)).body;
      expect(after).toEqual(before);
      expect((await http.get('/api/frameworks')).body.find((f: { id: string }) => f.id === 'cccs13').revision).toBe(before.revision);
    });

    it('limits the writes of each actor per minute (429, Retry-After), appending nothing beyond', async () => {
      await app.close();
      await start({ WRITE_RATE_LIMIT: '2', CORS_ORIGINS: 'http://partner.example' });
      const body = (i: number) => ({ type: 'MilestoneNoted', effectiveDate: '2020', data: { milestoneId: `limited-${i}`, name: 'x' }, source });
      await append(body(1)).expect(201);
      await append(body(2)).expect(201);
      const before = await historyLength();
      const limited = await append(body(3)).expect(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(await historyLength()).toBe(before);
      await append(body(3), {}, OTHER).expect(201);
      const cors = await http.get('/api/frameworks').set('Origin', 'http://partner.example').expect(200);
      expect(cors.headers['access-control-allow-origin']).toBe('http://partner.example');
    });

    it('generates an owner-only token file where API_TOKENS is unset', async () => {
      await app.close();
      await start({ API_TOKENS: '' });
      const file = join(dataDir, 'api-token');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(join(dataDir, 'api-token.sha256')).mode & 0o777).toBe(0o600);
      const token = readFileSync(file, 'utf8').trim();
      await http.post('/api/frameworks').set('Authorization', `Bearer ${token}`).send({ id: 'generated', name: 'x' }).expect(201);
      const history = (await http.get('/api/frameworks/generated/history')).body.events;
      expect(history[0].recordedBy).toBe('admin');
    });
  });
});
