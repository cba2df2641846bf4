import type { INestApplication } from '@nestjs/common';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { ProjectionRunner } from '../src/infrastructure/projection/projection-runner.js';
import { SqliteReadModelStore } from '../src/infrastructure/read-models/sqlite/sqlite-read-model.adapter.js';
import { createHttpApp } from '../src/http-app.js';
import { loadConfig } from '../src/platform/config/app-config.js';

/**
 * Read models that do not come from the log they are fed from: the runner stops, /health says
 * why with both positions and the rebuild to run, reads with `minPosition` answer 503 rather than
 * a state without the acknowledged event; the rebuild brings everything back. And instances
 * without a runner (PROJECTION=off) do not answer from read models that were reset under them.
 */

const TOKEN = 'alignment-token-0123456789';
const AUTH = { Authorization: `Bearer ${TOKEN}` };
const dirs: string[] = [];
const apps: INestApplication[] = [];

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'governance-alignment-'));
  dirs.push(dir);
  return dir;
}

async function start(dir: string, env: Record<string, string> = {}): Promise<INestApplication> {
  const app = await createHttpApp(loadConfig({ DATA_DIR: dir, API_TOKENS: `secretariat=${TOKEN}`, API_ADMINS: 'secretariat', READ_WAIT_MS: '1500', ...env }), { logger: false });
  await app.init();
  apps.push(app);
  return app;
}

async function stop(app: INestApplication): Promise<void> {
  await app.close();
  apps.splice(apps.indexOf(app), 1);
}

/** Replaces the log of `dir` with a copy of `events` (the server is stopped). */
function restoreLog(events: string, dir: string): void {
  for (const suffix of ['-wal', '-shm']) rmSync(join(dir, `events.db${suffix}`), { force: true });
  copyFileSync(events, join(dir, 'events.db'));
}

const milestone = (id: string) => ({
  type: 'MilestoneNoted',
  effectiveDate: '2021-03',
  data: { milestoneId: id, name: `Jalon ${id}` },
  source: { document: 'Compte rendu', passage: 'le comité prend acte', confidence: 'stated' },
});

afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('read models that do not match the log', () => {
  it('a checkpoint ahead of the log (an older events.db restored): degraded with both positions and the rebuild, until the rebuild', async () => {
    const dir = dataDir();
    await stop(await start(dir)); // the CCCS13 history: positions 1..35
    const backup = join(dataDir(), 'events-35.db');
    copyFileSync(join(dir, 'events.db'), backup);
    let app = await start(dir);
    for (const id of ['m1', 'm2', 'm3']) await request(app.getHttpServer()).post('/api/frameworks/cccs13/events').set(AUTH).send(milestone(id)).expect(201);
    await stop(app);
    restoreLog(backup, dir);
    expect(existsSync(join(dir, 'read-models.db'))).toBe(true);

    app = await start(dir);
    const http = request(app.getHttpServer());
    // The detail is for admins.
    const health = await http.get('/health').set(AUTH).expect(503);
    expect(health.body).toMatchObject({
      status: 'degraded',
      eventStore: { status: 'up' },
      readModels: { status: 'up' },
      projection: { status: 'down', problem: 'checkpoint-ahead-of-log', position: 38, logPosition: 35, action: expect.stringContaining('governance rebuild') },
    });
    expect(health.body.projection.detail).toMatch(/read models are at position 38 but the log ends at 35/);

    // The write is durable (201), and its position is one the read models claim already: a read
    // that asks for it must not answer from them.
    const write = await http.post('/api/frameworks/cccs13/events').set(AUTH).send(milestone('after-restore')).expect(201);
    expect(write.body.position).toBe(36);
    await http.get(`/api/frameworks/cccs13/state?at=2021-06-30&minPosition=${write.body.position}`).expect(503);

    await app.get(ProjectionRunner).rebuild();
    expect((await http.get('/health').expect(200)).body.projection).toMatchObject({ status: 'up', position: 36 });
    const state = await http.get(`/api/frameworks/cccs13/state?at=2021-06-30&minPosition=36`).expect(200);
    expect(state.body.milestones.map((m: { id: string }) => m.id)).toContain('after-restore');
    expect(state.body.milestones.map((m: { id: string }) => m.id)).not.toContain('m1');
  });

  it('read models of another log (first events differ): degraded, named, until the rebuild', async () => {
    const [ours, theirs] = [dataDir(), dataDir()];
    const create = (id: string) => ({ id, name: `Cadre ${id}`, effectiveDate: '2001' });
    let app = await start(ours, { SEED: 'false' });
    await request(app.getHttpServer()).post('/api/frameworks').set(AUTH).send(create('alpha')).expect(201);
    await stop(app);
    app = await start(theirs, { SEED: 'false' });
    await request(app.getHttpServer()).post('/api/frameworks').set(AUTH).send(create('beta')).expect(201);
    await request(app.getHttpServer()).post('/api/frameworks/beta/events').set(AUTH).send(milestone('b1')).expect(201);
    await stop(app);
    restoreLog(join(theirs, 'events.db'), ours);

    app = await start(ours, { SEED: 'false' });
    const http = request(app.getHttpServer());
    // The detail is for admins.
    const health = await http.get('/health').set(AUTH).expect(503);
    expect(health.body.projection).toMatchObject({ status: 'down', problem: 'log-mismatch', position: 1, logPosition: 2 });
    expect(health.body.projection.detail).toMatch(/projected from another log/);
    await app.get(ProjectionRunner).rebuild();
    await http.get('/health').expect(200);
    expect((await http.get('/api/frameworks').expect(200)).body.map((f: { id: string }) => f.id)).toEqual(['beta']);
  });
});

describe('an instance without a runner (PROJECTION=off) after the read models were reset', () => {
  it('does not answer a minPosition read from the emptied read models: it waits for the runner to project again', async () => {
    const dir = dataDir();
    const runner = await start(dir);
    const follower = await start(dir, { PROJECTION: 'off', SEED: 'false' });
    const http = request(follower.getHttpServer());
    const write = await http.post('/api/frameworks/cccs13/events').set(AUTH).send(milestone('before-reset')).expect(201);
    await http.get(`/api/frameworks/cccs13/state?at=2021-06-30&minPosition=${write.body.position}`).expect(200);

    // Another process resets the read models (a rebuild starting): the runner instance starts
    // again from nothing; the follower must wait for it rather than answer from empty tables.
    const other = SqliteReadModelStore.open(join(dir, 'read-models.db'));
    await other.reset();
    await other.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const state = await http.get(`/api/frameworks/cccs13/state?at=2021-06-30&minPosition=${write.body.position}`).expect(200);
    expect(state.body.milestones.map((m: { id: string }) => m.id)).toContain('before-reset');
    expect((await request(runner.getHttpServer()).get('/health').expect(200)).body.projection).toMatchObject({ status: 'up' });
  });
});
