import { ADMIN_TOKEN, bearer, call, RECORDER_TOKEN, start, type Running } from './support.js';

/**
 * The public /health showed the absolute path of the data. Now the public answer says each
 * store's kind and status and the projection's position, without details; an admin's bearer
 * token shows the details.
 */
describe('/health', () => {
  let running: Running;
  beforeAll(async () => {
    running = await start({ AUTH_FAILURE_LIMIT: '3' });
  });
  afterAll(() => running?.close());

  it('public: statuses without any detail, path or error text', async () => {
    const answer = await call(`${running.url}/health`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      status: 'ok',
      eventStore: { kind: 'sqlite', status: 'up' },
      readModels: { kind: 'sqlite', status: 'up' },
      projection: { status: 'up', position: expect.any(Number) },
    });
    const text = JSON.stringify(answer.body);
    expect(text).not.toContain(running.dataDir);
    expect(text).not.toMatch(/\.db\b|\/tmp|detail/);
  });

  it('a recorder sees the public answer; an admin sees the details', async () => {
    const recorder = await call(`${running.url}/health`, { headers: bearer(RECORDER_TOKEN) });
    expect(JSON.stringify(recorder.body)).not.toContain('detail');
    const admin = await call(`${running.url}/health`, { headers: bearer(ADMIN_TOKEN) });
    expect(admin.status).toBe(200);
    expect(admin.body.readModels).toEqual({ kind: 'sqlite', status: 'up', detail: expect.stringContaining(running.dataDir) });
  });

  it('a wrong token is a 401 (counted like every failed authentication), never a way around the throttle', async () => {
    const wrong = await call(`${running.url}/health`, { headers: bearer('wrong-token-0123456789') });
    expect([wrong.status, wrong.headers.get('www-authenticate')]).toEqual([401, 'Bearer realm="governance", error="invalid_token"']);
    await call(`${running.url}/health`, { headers: bearer('wrong-token-0123456789') });
    await call(`${running.url}/health`, { headers: bearer('wrong-token-0123456789') });
    expect((await call(`${running.url}/health`, { headers: bearer(ADMIN_TOKEN) })).status).toBe(429);
    // Without a token the public answer stays available (container health checks).
    expect((await call(`${running.url}/health`)).status).toBe(200);
  });
});
