import { bearer, call, milestone, RECORDER_TOKEN, ADMIN_TOKEN, start, type Running } from './support.js';

/**
 * Query keys named after Object.prototype's members (`__proto__`, `constructor`, `hasOwnProperty`,
 * `toString`…) were answered 200 where `foo` was a 400: the transformer skipped them, so the
 * whitelist never saw them. Now every key a route does not declare is a 400 naming it, on every
 * route of the API, and nothing is appended.
 */
const RESERVED = ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__', '__lookupSetter__', 'prototype'];

describe('query keys a route does not declare', () => {
  let running: Running;
  beforeAll(async () => {
    running = await start();
  });
  afterAll(() => running?.close());

  const reads = [
    '/api/frameworks/cccs13/state?at=2007-06-30',
    '/api/frameworks/cccs13/timeline?knownAt=2030-01-01T00:00:00Z',
    '/api/frameworks/cccs13/history?actor=seed',
    '/api/frameworks/cccs13/diff?from=2005-06-30&to=2007-06-30',
    '/api/frameworks?',
    '/health?',
  ];

  it.each(reads)('%s: each reserved name and an unknown name is a 400 naming it', async (path) => {
    expect((await call(running.url + path)).status).toBe(200);
    for (const key of [...RESERVED, 'foo']) {
      const answer = await call(`${running.url}${path}&${encodeURIComponent(key)}=1`);
      expect([key, answer.status, answer.body.fields]).toEqual([key, 400, [{ field: key, problems: [expect.stringMatching(new RegExp(`^${key} is not allowed`))] }]]);
    }
  });

  it('names every unknown key at once, and the others still validated', async () => {
    const answer = await call(`${running.url}/api/frameworks/cccs13/state?at=2007-06-30&constructor=1&toString=2`);
    expect(answer.status).toBe(400);
    expect(answer.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['constructor', 'toString']);
  });

  it('minPosition is still accepted on every read, and refused when malformed', async () => {
    expect((await call(`${running.url}/api/frameworks/cccs13/state?at=2007-06-30&minPosition=1`)).status).toBe(200);
    expect((await call(`${running.url}/api/frameworks?minPosition=1`)).status).toBe(200);
    const bad = await call(`${running.url}/api/frameworks?minPosition=abc`);
    expect([bad.status, bad.body.fields[0].field]).toEqual([400, 'minPosition']);
    const both = await call(`${running.url}/api/frameworks?minPosition=1&hasOwnProperty=1`);
    expect([both.status, both.body.fields[0].field]).toEqual([400, 'hasOwnProperty']);
  });

  it('on writes too: a reserved key in the query of an append is a 400, and nothing is appended', async () => {
    const before = (await call(`${running.url}/api/frameworks/cccs13/history`)).body.events.length;
    for (const key of ['constructor', 'toString', '__proto__', 'dryrun']) {
      const answer = await call(`${running.url}/api/frameworks/cccs13/events?${key}=true`, {
        method: 'POST',
        headers: bearer(RECORDER_TOKEN),
        json: milestone(`query-${key.toLowerCase().replace(/_/g, '')}`, '2020'),
      });
      expect([key, answer.status, answer.body.fields?.[0]?.field]).toEqual([key, 400, key]);
    }
    const create = await call(`${running.url}/api/frameworks?valueOf=1`, { method: 'POST', headers: bearer(RECORDER_TOKEN), json: { id: 'query-keys', name: 'x' } });
    expect([create.status, create.body.fields[0].field]).toEqual([400, 'valueOf']);
    const verify = await call(`${running.url}/api/admin/verify?toString=1`, { headers: bearer(ADMIN_TOKEN) });
    expect([verify.status, verify.body.fields[0].field]).toEqual([400, 'toString']);
    expect((await call(`${running.url}/api/frameworks/cccs13/history`)).body.events.length).toBe(before);
    expect((await call(`${running.url}/api/frameworks/query-keys/state?at=2020-01-01`)).status).toBe(404);
    // The declared parameter still works.
    const dry = await call(`${running.url}/api/frameworks/cccs13/events?dryRun=true`, { method: 'POST', headers: bearer(RECORDER_TOKEN), json: milestone('dry', '2020') });
    expect(dry.status).toBe(200);
  });

  it('the web page keeps its own query (read in the browser)', async () => {
    const page = await call(`${running.url}/?framework=cccs13&at=2007-06-30&toString=1`);
    expect(page.status).toBe(200);
  });

  it('Object.prototype is untouched', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
