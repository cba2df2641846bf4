import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { loadConfig } from '../src/platform/config/app-config.js';
import { createHttpApp } from '../src/http-app.js';

const TOKEN = 'scale-out-token-0123456789';

/** Two API instances on the same stores: one runs the projection, the other follows its checkpoint. */
describe('several instances, one projection runner', () => {
  let dataDir: string;
  let runner: INestApplication;
  let follower: INestApplication;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'governance-scale-'));
    const env = { DATA_DIR: dataDir, API_TOKENS: `secretariat=${TOKEN}`, API_ADMINS: 'secretariat' };
    runner = await createHttpApp(loadConfig(env), { logger: false });
    await runner.init();
    follower = await createHttpApp(loadConfig({ ...env, PROJECTION: 'off', SEED: 'false' }), { logger: false });
    await follower.init();
  });
  afterAll(async () => {
    await follower?.close();
    await runner?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a write through the instance without a runner is read back there at once', async () => {
    const http = request(follower.getHttpServer());
    const res = await http
      .post('/api/frameworks/cccs13/events')
      .set('Authorization', `Bearer ${TOKEN}`)
      .send({
        type: 'MilestoneNoted',
        effectiveDate: '2020-02',
        data: { milestoneId: 'from-follower', name: 'Written through the follower' },
        source: { document: 'test', passage: 'follower', confidence: 'stated' },
      })
      .expect(201);
    const state = await http.get('/api/frameworks/cccs13/state?at=2020-06-30').expect(200);
    expect(state.body.milestones.map((m: { id: string }) => m.id)).toContain('from-follower');
    expect(state.body.revision).toBe(res.body.revision);
    // The details of /health are for admins.
    const health = await http.get('/health').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    expect(health.body.projection).toMatchObject({ status: 'up', detail: expect.stringContaining('PROJECTION=off') });
  });

  it('refuses a bad PROJECTION value at start', () => {
    expect(() => loadConfig({ PROJECTION: 'maybe' })).toThrow(/PROJECTION must be on or off/);
  });
});
