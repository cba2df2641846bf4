import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { get, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import request from 'supertest';
import { createHttpApp } from '../../src/http-app.js';
import { acceptedEncodings, matches } from '../../src/platform/http/read-answers.js';
import { loadConfig } from '../../src/platform/config/app-config.js';

const TOKEN = 'read-answers-token-0123456789';
const SOURCE = { document: 'compte rendu', passage: 'il est décidé', confidence: 'stated' };

/** A GET whose body is read as sent, not decoded. */
function raw(server: Server, path: string, acceptEncoding: string): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, headers: { 'Accept-Encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('reads: ETag from the revision, 304, gzip and brotli', () => {
  let dataDir: string;
  let app: INestApplication;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'governance-reads-'));
    app = await createHttpApp(loadConfig({ DATA_DIR: dataDir, API_TOKENS: `secretariat=${TOKEN}` }), { logger: false });
    await app.listen(0, '127.0.0.1');
    http = request(app.getHttpServer());
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const STATE = '/api/frameworks/cccs13/state?at=2007-06-30';

  it('answers a read with a strong ETag and no-cache; If-None-Match with it is a 304 without a body', async () => {
    const first = await http.get(STATE).expect(200);
    expect(first.headers.etag).toMatch(/^"r\d+-[\w-]{16}"$/);
    expect(first.headers['cache-control']).toBe('no-cache');
    const again = await http.get(STATE).set('If-None-Match', first.headers.etag).expect(304);
    expect(again.text ?? '').toBe('');
    expect(again.headers.etag).toBe(first.headers.etag);
    // Another question, another ETag.
    const other = await http.get('/api/frameworks/cccs13/state?at=1995-01-01').expect(200);
    expect(other.headers.etag).not.toBe(first.headers.etag);
    await http.get(STATE).set('If-None-Match', other.headers.etag).expect(200);
  });

  it('sends the same answer compressed with brotli or gzip when asked, the same JSON once decoded', async () => {
    const server = app.getHttpServer() as Server;
    const plain = await raw(server, STATE, 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await raw(server, STATE, 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/Accept-Encoding/);
    const gz = await raw(server, STATE, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(brotliDecompressSync(br.body).toString())).toEqual(JSON.parse(plain.body.toString()));
    expect(JSON.parse(gunzipSync(gz.body).toString())).toEqual(JSON.parse(plain.body.toString()));
    expect(br.body.length).toBeLessThan(plain.body.length / 3);
  });

  it('gives a new ETag once the framework changes (a 200 with the new answer), and the list follows every change', async () => {
    const before = await http.get(STATE).expect(200);
    const list = await http.get('/api/frameworks').expect(200);
    expect(list.headers.etag).toMatch(/^"p\d+-/);
    await http
      .post('/api/frameworks/cccs13/events')
      .set('Authorization', `Bearer ${TOKEN}`)
      .send({ type: 'MilestoneNoted', effectiveDate: '2017-06', data: { milestoneId: 'etag-test', name: 'Test' }, source: SOURCE })
      .expect(201);
    const after = await http.get(STATE).set('If-None-Match', before.headers.etag).expect(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.body.revision).toBe(before.body.revision + 1);
    await http.get('/api/frameworks').set('If-None-Match', list.headers.etag).expect(200);
  });

  it('leaves errors alone: an unknown framework is a 404 without an ETag, a bad date a 400', async () => {
    const missing = await http.get('/api/frameworks/nope/state?at=2007-06-30').expect(404);
    expect(missing.headers.etag).toBeUndefined();
    const bad = await http.get('/api/frameworks/cccs13/state?at=2007-13-45').expect(400);
    expect(bad.headers.etag).toBeUndefined();
  });

  it('reads the headers as RFC 9110 says', () => {
    expect([...acceptedEncodings('gzip;q=0, br')]).toEqual(['br']);
    expect([...acceptedEncodings('*')]).toEqual(['gzip']);
    expect(matches('W/"r1-x", "r2-y"', '"r1-x"')).toBe(true);
    expect(matches('*', '"r1-x"')).toBe(true);
    expect(matches('"r1-y"', '"r1-x"')).toBe(false);
  });
});
