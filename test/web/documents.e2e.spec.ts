/**
 * GET /api/frameworks/{id}/documents over HTTP: the documents the sources cite, with their titles;
 * like every framework read, a strong ETag from the revision, a 304, brotli or gzip.
 */
import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { loadConfig } from '../../src/platform/config/app-config.js';
import { CCCS13_SEED } from '../../src/modules/frameworks/seed/cccs13.seed.js';
import { createHttpApp } from '../../src/http-app.js';

const TOKEN = 'secretariat-token-0123456789';

describe('GET /api/frameworks/{id}/documents', () => {
  let dataDir: string;
  let app: INestApplication;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'governance-documents-'));
    app = await createHttpApp(loadConfig({ DATA_DIR: dataDir, API_TOKENS: `secretariat=${TOKEN}` }), { logger: false });
    await app.init();
    http = request(app.getHttpServer());
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('names the CCCS13 source document with its title, cited by every seed fact', async () => {
    const res = await http.get('/api/frameworks/cccs13/documents').expect(200);
    expect(res.body).toEqual({
      frameworkId: 'cccs13',
      revision: CCCS13_SEED.length - 1,
      documents: [
        {
          document: 'seeds/000_e10eef5306c53b3b.txt',
          title: 'Historique de la Convention cadre des centres sociaux des Bouches-du-Rhône',
          citations: CCCS13_SEED.length,
        },
      ],
    });
  });

  it('answers with a strong ETag, a 304 without a body, and brotli or gzip when accepted', async () => {
    const first = await http.get('/api/frameworks/cccs13/documents').expect(200);
    const etag = first.headers.etag;
    expect(etag).toMatch(/^"r\d+-[A-Za-z0-9_-]+"$/);
    expect(first.headers['cache-control']).toBe('no-cache');
    const again = await http.get('/api/frameworks/cccs13/documents').set('If-None-Match', etag).expect(304);
    expect(again.text ?? '').toBe('');
    for (const encoding of ['br', 'gzip']) {
      const res = await http.get('/api/frameworks/cccs13/documents').set('Accept-Encoding', encoding).buffer(true).parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
      // Small answers are sent as they are (compression would not pay).
      expect([encoding, undefined]).toContain(res.headers['content-encoding']);
    }
  });

  it('adds a document cited by a new fact (without a title: the registry does not know it), and changes its ETag', async () => {
    const before = (await http.get('/api/frameworks/cccs13/documents').expect(200)).headers.etag;
    await http
      .post('/api/frameworks/cccs13/events')
      .set('Authorization', `Bearer ${TOKEN}`)
      .send({
        type: 'MilestoneNoted',
        effectiveDate: '2016',
        data: { milestoneId: 'rencontre-2016', name: 'Rencontre départementale' },
        source: { document: 'Compte rendu du comité 2016', passage: 'une rencontre départementale', confidence: 'stated' },
      })
      .expect(201);
    const res = await http.get('/api/frameworks/cccs13/documents').expect(200);
    expect(res.headers.etag).not.toBe(before);
    await http.get('/api/frameworks/cccs13/documents').set('If-None-Match', before).expect(200);
    expect(res.body.documents).toEqual([
      expect.objectContaining({ document: 'seeds/000_e10eef5306c53b3b.txt', citations: CCCS13_SEED.length }),
      { document: 'Compte rendu du comité 2016', citations: 1 },
    ]);
  });

  it('answers 404 for an unknown framework', async () => {
    const res = await http.get('/api/frameworks/inconnu/documents').expect(404);
    expect(res.body.message).toContain('inconnu');
  });
});
