import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { loadConfig } from '../src/platform/config/app-config.js';
import { createHttpApp } from '../src/http-app.js';

/**
 * The HTTP end-to-end path on the server stores: KurrentDB for events and/or MongoDB for read
 * models, when KURRENTDB_URL / MONGODB_URI are set: the open servers of the compose dev profile,
 * or the secured ones (addresses from this machine in the README, "Running against KurrentDB + MongoDB").
 * The servers are shared, so every run works on a framework of its own.
 */
const { KURRENTDB_URL, MONGODB_URI } = process.env;
const TOKEN = 'server-suite-token-0123456789';

const setups = [
  ...(KURRENTDB_URL ? [{ name: 'KurrentDB events + SQLite read models', env: { EVENT_STORE: 'kurrentdb', KURRENTDB_URL } }] : []),
  ...(MONGODB_URI ? [{ name: 'SQLite events + MongoDB read models', env: { READ_MODEL_STORE: 'mongodb', MONGODB_URI } }] : []),
  ...(KURRENTDB_URL && MONGODB_URI
    ? [{ name: 'KurrentDB + MongoDB', env: { EVENT_STORE: 'kurrentdb', KURRENTDB_URL, READ_MODEL_STORE: 'mongodb', MONGODB_URI } }]
    : []),
];

if (setups.length === 0) {
  describe('HTTP API on the server stores', () => {
    it('is skipped: neither KURRENTDB_URL nor MONGODB_URI is set (docker compose --profile dev up -d --wait kurrentdb-dev mongodb-dev, then set KURRENTDB_URL=kurrentdb://localhost:2114?tls=false and MONGODB_URI=mongodb://localhost:27018/governance?directConnection=true; the secured servers\' addresses are in the README)', () => {
      console.warn('HTTP end-to-end suite on KurrentDB/MongoDB skipped: KURRENTDB_URL and MONGODB_URI are not set');
      expect(KURRENTDB_URL ?? MONGODB_URI).toBeUndefined();
    });
  });
}

for (const setup of setups) {
  describe(`HTTP API on ${setup.name}`, () => {
    let dataDir: string;
    let app: INestApplication;
    let http: ReturnType<typeof request>;
    const id = `e2e-${randomUUID().slice(0, 8)}`;
    const source = { document: 'test', passage: 'server suite', confidence: 'stated' };
    const auth = { Authorization: `Bearer ${TOKEN}` };

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'governance-servers-'));
      app = await createHttpApp(loadConfig({ DATA_DIR: dataDir, API_TOKENS: `secretariat=${TOKEN}`, SEED: 'false', ...setup.env }), { logger: false });
      await app.init();
      http = request(app.getHttpServer());
    }, 60_000);
    afterAll(async () => {
      await app?.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('reports both stores up', async () => {
      const health = await http.get('/health').expect(200);
      expect(health.body.eventStore.status).toBe('up');
      expect(health.body.readModels.status).toBe('up');
    });

    it('creates a framework, records a convention, answers the state and the earlier knowledge', async () => {
      await http.post('/api/frameworks').set(auth).send({ id, name: 'Server suite', effectiveDate: '1990' }).expect(201);
      const signed = await http.post(`/api/frameworks/${id}/events`).set(auth).send({
        type: 'ConventionSigned',
        effectiveDate: '2003',
        data: { conventionId: 'c1', name: 'Convention 2003 - 2005', start: '2003', end: '2005', parties: [{ id: 'etat', name: 'État', kind: 'state' }] },
        source,
      }).expect(201);
      const renewed = await http.post(`/api/frameworks/${id}/events`).set(auth).set('If-Match', `"${signed.body.revision}"`).send({
        type: 'ConventionRenewed', effectiveDate: '2006', data: { conventionId: 'c1', newEnd: '2006' }, source,
      }).expect(201);
      const state = await http.get(`/api/frameworks/${id}/state?at=2006-06-30&minPosition=${renewed.body.position}`).expect(200);
      expect(state.body.conventions).toEqual([expect.objectContaining({ id: 'c1', end: '2006-12-31', approximate: true })]);
      const before = await http.get(`/api/frameworks/${id}/state?at=2006-06-30&knownAt=${encodeURIComponent(signed.body.recordedAt)}`).expect(200);
      expect(before.body.conventions).toEqual([]);
      const stale = await http.post(`/api/frameworks/${id}/events`).set(auth).set('If-Match', `"${signed.body.revision}"`).send({
        type: 'MilestoneNoted', effectiveDate: '2007', data: { milestoneId: 'm', name: 'x' }, source,
      }).expect(409);
      expect(stale.body.currentRevision).toBe(renewed.body.revision);
      const broken = await http.post(`/api/frameworks/${id}/events`).set(auth).send({
        type: 'ConventionExtended', effectiveDate: '2012', data: { conventionId: 'c1', newEnd: '2013' }, source,
      }).expect(422);
      expect(broken.body.rule).toBe('convention-not-in-force');
      const history = await http.get(`/api/frameworks/${id}/history`).expect(200);
      expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(['FrameworkEstablished', 'ConventionSigned', 'ConventionRenewed']);
    });
  });
}
