import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createHttpApp } from '../../src/http-app.js';
import { loadConfig } from '../../src/platform/config/app-config.js';

describe('GET /api/frameworks/{id}/items: every item with its versions, in one request', () => {
  let dataDir: string;
  let app: INestApplication;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'governance-items-'));
    app = await createHttpApp(loadConfig({ DATA_DIR: dataDir, API_TOKENS: 'secretariat=items-token-0123456789' }), { logger: false });
    await app.init();
    http = request(app.getHttpServer());
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers each version as the state answers it on any of its days', async () => {
    const { body } = await http.get('/api/frameworks/cccs13/items').expect(200);
    expect(body).toMatchObject({ frameworkId: 'cccs13', knownAt: null, revision: expect.any(Number) });
    const cc2003 = body.items.find((i: { kind: string; id: string }) => i.kind === 'convention' && i.id === 'cc-2003');
    expect(cc2003.versions.map((v: { validFrom: string; validTo: string }) => [v.validFrom, v.validTo])).toEqual([
      ['2003-01-01', '2006-01-01'],
      ['2006-01-01', '2007-01-01'],
      ['2007-01-01', '2008-01-01'],
    ]);
    for (const version of cc2003.versions) {
      const state = await http.get(`/api/frameworks/cccs13/state?at=${version.validFrom}`).expect(200);
      expect(state.body.conventions.find((c: { id: string }) => c.id === 'cc-2003')).toEqual(version.view);
    }
    const kinds = new Set(body.items.map((i: { kind: string }) => i.kind));
    expect([...kinds].sort()).toEqual(['body', 'conflict', 'convention', 'instrument', 'milestone', 'mission', 'party', 'review']);
  });

  it('as the record stood before anything was loaded: no items; an unknown framework is a 404', async () => {
    const { body } = await http.get('/api/frameworks/cccs13/items?knownAt=2000-01-01T00:00:00Z').expect(200);
    expect(body.items).toEqual([]);
    await http.get('/api/frameworks/nope/items').expect(404);
    await http.get('/api/frameworks/cccs13/items?knownAt=hier').expect(400);
  });
});
