import { ADMIN_TOKEN, bearer, call, milestone, RECORDER_TOKEN, start, type Running } from './support.js';

/**
 * Wrong tokens were never throttled (6,000 bad-token requests, all plain 401s) and no 401 said how
 * to authenticate. Now a client address that fails AUTH_FAILURE_LIMIT times within
 * AUTH_FAILURE_WINDOW_SECONDS has its authenticated requests refused (429, Retry-After), its right
 * token included; successful requests count nothing; every 401 carries WWW-Authenticate: Bearer.
 */
describe('authentication', () => {
  describe('WWW-Authenticate on every 401', () => {
    let running: Running;
    beforeAll(async () => {
      running = await start({ AUTH_FAILURE_LIMIT: '0' });
    });
    afterAll(() => running?.close());

    const write = (headers: Record<string, string>) => call(`${running.url}/api/frameworks/cccs13/events`, { method: 'POST', headers, json: milestone('never', '2020') });

    it('without a token: the challenge alone', async () => {
      const answer = await write({});
      expect(answer.status).toBe(401);
      expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="governance"');
    });

    it('with an unknown token: error="invalid_token"', async () => {
      const answer = await write(bearer('a-wrong-token-0123456789'));
      expect(answer.status).toBe(401);
      expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="governance", error="invalid_token"');
      const verify = await call(`${running.url}/api/admin/verify`, { headers: bearer('a-wrong-token-0123456789') });
      expect([verify.status, verify.headers.get('www-authenticate')]).toEqual([401, 'Bearer realm="governance", error="invalid_token"']);
    });

    it('with a malformed Bearer header: error="invalid_request"; another scheme: the challenge alone', async () => {
      const malformed = await write({ Authorization: 'Bearer a b' });
      expect([malformed.status, malformed.headers.get('www-authenticate')]).toEqual([401, 'Bearer realm="governance", error="invalid_request"']);
      const basic = await write({ Authorization: 'Basic YWRtaW46YWRtaW4=' });
      expect([basic.status, basic.headers.get('www-authenticate')]).toEqual([401, 'Bearer realm="governance"']);
    });

    it('no challenge on answers that are not 401', async () => {
      const forbidden = await call(`${running.url}/api/admin/verify`, { headers: bearer(RECORDER_TOKEN) });
      expect([forbidden.status, forbidden.headers.get('www-authenticate')]).toEqual([403, null]);
    });
  });

  describe('failed authentications are throttled per client address', () => {
    let running: Running;
    const LIMIT = 5;
    beforeAll(async () => {
      // TRUST_PROXY=loopback: the tests, on 127.0.0.1, name the client in X-Forwarded-For.
      running = await start({ AUTH_FAILURE_LIMIT: String(LIMIT), AUTH_FAILURE_WINDOW_SECONDS: '600', TRUST_PROXY: 'loopback' });
    });
    afterAll(() => running?.close());

    const from = (address: string, headers: Record<string, string> = {}) => ({ 'X-Forwarded-For': address, ...headers });
    const verify = (address: string, token?: string) => call(`${running.url}/api/admin/verify`, { headers: from(address, token ? bearer(token) : {}) });

    it(`after ${LIMIT} wrong tokens, 429 with Retry-After for that address — even with the right token`, async () => {
      for (let i = 0; i < LIMIT; i++) {
        const answer = await verify('203.0.113.7', `wrong-token-number-${i}-0123456789`);
        expect([i, answer.status]).toEqual([i, 401]);
      }
      const refused = await verify('203.0.113.7', 'yet-another-wrong-token-0123');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(600);
      expect(refused.body.message).toMatch(/too many failed authentications/);
      // The right token cannot be told from a wrong one while refused.
      expect((await verify('203.0.113.7', ADMIN_TOKEN)).status).toBe(429);
      const write = await call(`${running.url}/api/frameworks/cccs13/events`, { method: 'POST', headers: from('203.0.113.7', bearer(RECORDER_TOKEN)), json: milestone('throttled', '2020') });
      expect(write.status).toBe(429);
    });

    it('other addresses are not affected, and reads need no token', async () => {
      expect((await verify('203.0.113.8', ADMIN_TOKEN)).status).toBe(200);
      expect((await call(`${running.url}/api/frameworks/cccs13/state?at=2007-06-30`, { headers: from('203.0.113.7') })).status).toBe(200);
      expect((await call(`${running.url}/health`, { headers: from('203.0.113.7') })).status).toBe(200);
    });

    it('successful requests count nothing: many of them never throttle', async () => {
      for (let i = 0; i < LIMIT * 4; i++) expect((await verify('203.0.113.9', ADMIN_TOKEN)).status).toBe(200);
      // Missing tokens are not guesses either.
      for (let i = 0; i < LIMIT * 2; i++) expect((await verify('203.0.113.9')).status).toBe(401);
      expect((await verify('203.0.113.9', ADMIN_TOKEN)).status).toBe(200);
    });

    it('an IPv6 client counts by its /64', async () => {
      for (let i = 0; i < LIMIT; i++) expect((await verify(`2001:db8:7:7::${i + 1}`, 'wrong-token-0123456789')).status).toBe(401);
      expect((await verify('2001:db8:7:7::ffff', ADMIN_TOKEN)).status).toBe(429);
      expect((await verify('2001:db8:7:8::1', ADMIN_TOKEN)).status).toBe(200);
    });

    it('says so in the log once an address reaches the limit', () => {
      expect(running.logs.lines).toEqual(expect.arrayContaining([expect.stringMatching(/^warn Auth: \[request [^\]]+\] authentication failures from 203\.0\.113\.7 reached the limit/)]));
    });
  });

  it('without TRUST_PROXY, X-Forwarded-For is ignored: the address is the connection\'s', async () => {
    const running = await start({ AUTH_FAILURE_LIMIT: '2' });
    try {
      for (const address of ['198.51.100.1', '198.51.100.2']) {
        expect((await call(`${running.url}/api/admin/verify`, { headers: { 'X-Forwarded-For': address, ...bearer('wrong-token-0123456789') } })).status).toBe(401);
      }
      const refused = await call(`${running.url}/api/admin/verify`, { headers: { 'X-Forwarded-For': '198.51.100.3', ...bearer(ADMIN_TOKEN) } });
      expect(refused.status).toBe(429);
    } finally {
      await running.close();
    }
  });
});
