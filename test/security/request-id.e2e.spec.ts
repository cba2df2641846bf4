import { bearer, call, milestone, RECORDER_TOKEN, start, type Running } from './support.js';

/**
 * No answer and no log line carried a request id. Now every answer has X-Request-Id (the client's
 * when well-formed, else a new UUID), every error body its `requestId`, and every log line
 * written while a request is handled names it.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('request ids', () => {
  let running: Running;
  beforeAll(async () => {
    running = await start({ AUTH_FAILURE_LIMIT: '2' });
  });
  afterAll(() => running?.close());

  it('every answer carries one: reads, writes, errors, the page, the documentation, /health, unknown routes', async () => {
    const answers = await Promise.all([
      call(`${running.url}/api/frameworks`),
      call(`${running.url}/api/frameworks/cccs13/state?at=2007-06-30`),
      call(`${running.url}/api/frameworks/cccs13/state?at=nope`),
      call(`${running.url}/api/frameworks/nope/state?at=2007-06-30`),
      call(`${running.url}/api/frameworks/cccs13/events`, { method: 'POST', headers: bearer(RECORDER_TOKEN), json: milestone('request-id', '2020') }),
      call(`${running.url}/api/frameworks/cccs13/events`, { method: 'POST', headers: { ...bearer(RECORDER_TOKEN), 'Content-Type': 'application/json' }, body: '{"type":' }),
      call(`${running.url}/api/frameworks/cccs13/events`, { method: 'POST', json: {} }),
      call(`${running.url}/`),
      call(`${running.url}/docs`),
      call(`${running.url}/docs-json`),
      call(`${running.url}/health`),
      call(`${running.url}/no/such/route`),
    ]);
    const ids = answers.map((a) => a.headers.get('x-request-id'));
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(ids.length);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 400, 404, 201, 400, 401, 200, 200, 200, 200, 404]);
  });

  it('every error body names it as requestId, the same as the header', async () => {
    for (const answer of [
      await call(`${running.url}/api/frameworks/cccs13/state?at=nope`),
      await call(`${running.url}/api/frameworks/cccs13/diff?from=2007-01-01&to=2005-01-01`),
      await call(`${running.url}/api/frameworks/nope/timeline`),
      await call(`${running.url}/api/frameworks/cccs13/events`, { method: 'POST', json: {} }),
      await call(`${running.url}/api/frameworks/cccs13/events`, { method: 'POST', headers: { ...bearer(RECORDER_TOKEN), 'Content-Type': 'application/json' }, body: '{"type":' }),
      await call(`${running.url}/api/frameworks/cccs13/events`, { method: 'POST', headers: bearer(RECORDER_TOKEN), json: { ...milestone('too-big', '2020'), padding: 'x'.repeat(300 * 1024) } }),
      await call(`${running.url}/api/frameworks/cccs13/events`, { method: 'POST', headers: bearer(RECORDER_TOKEN), json: { type: 'ConventionExtended', effectiveDate: '2019', data: { conventionId: 'cc-2011', newEnd: '2020' }, source: milestone('x', '2020').source } }),
    ]) {
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect([answer.status, answer.body.requestId]).toEqual([answer.status, answer.headers.get('x-request-id')]);
    }
  });

  it('takes a well-formed incoming X-Request-Id, and replaces a malformed one', async () => {
    for (const id of ['req-42', '0f8fad5b-d9cb-469f-a165-70867728950e', 'trace:abc.def/1', 'a'.repeat(128)]) {
      const answer = await call(`${running.url}/api/frameworks/nope/state?at=2007-06-30`, { headers: { 'X-Request-Id': id } });
      expect([answer.headers.get('x-request-id'), answer.body.requestId]).toEqual([id, id]);
    }
    for (const id of ['', 'a b', 'a'.repeat(129), 'x<script>', 'é', 'a\tb', 'line"quote']) {
      const answer = await call(`${running.url}/api/frameworks`, { headers: { 'X-Request-Id': id } });
      expect([id, answer.headers.get('x-request-id')]).toEqual([id, expect.stringMatching(UUID)]);
    }
  });

  it('every log line written while a request is handled names its id', async () => {
    const before = running.logs.lines.length;
    let last: string | null = null;
    for (let i = 0; i < 2; i++) {
      const answer = await call(`${running.url}/api/admin/verify`, { headers: { ...bearer(`wrong-token-${i}-0123456789`), 'X-Request-Id': `failing-${i}` } });
      expect(answer.status).toBe(401);
      last = answer.headers.get('x-request-id');
    }
    const lines = running.logs.lines.slice(before);
    expect(lines).toEqual([expect.stringMatching(/^warn Auth: \[request failing-1\] authentication failures from 127\.0\.0\.1 reached the limit/)]);
    expect(last).toBe('failing-1');
  });
});
