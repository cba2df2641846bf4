import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_STORE, type EventStore } from '../../src/infrastructure/event-store/event-store.port.js';
import { acceptedRequestId } from '../../src/platform/http/request-id.js';
import { countAnswer, newStats, writeFuzzSummary } from './fuzz-summary.js';
import { ADMIN_TOKEN, DEEP, milestone, RECORDER_TOKEN, SOURCE, startApp, type RunningApp } from './support.js';

/**
 * Fuzzing the defects an adversarial probe found (fast-check, bounded; FUZZ_SEED replays a run):
 * - query keys a route does not declare — Object.prototype's names among them — are a 400 naming
 *   exactly those keys, on every route of the API;
 * - failed authentications: random sequences of clients and credentials against a model — 401
 *   (with WWW-Authenticate) while under the limit, 429 with Retry-After from the limit on, right
 *   token included; successes and missing tokens count nothing;
 * - request ids: a well-formed incoming X-Request-Id is kept, anything else replaced by a UUID,
 *   and error bodies repeat it;
 * - far-future dates in any EDTF field: 422 naming it, nothing appended; dates within the bound accepted.
 * Every answer also keeps the properties of the main fuzz suite (no 5xx, nothing appended by a
 * refusal, X-Request-Id, WWW-Authenticate on 401). Counts: `FUZZ_SUMMARY` line and
 * test-artifacts/fuzz-summary.security.json.
 */
const RUNS = DEEP ? 800 : 80;
const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;
const LIMIT = 3;
const SCRATCH = 'fuzz-security';
const YEAR = new Date().getUTCFullYear();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Every query key some route declares. */
const DECLARED = new Set(['at', 'knownAt', 'from', 'to', 'actor', 'type', 'since', 'until', 'dryRun', 'minPosition']);
const RESERVED = ['__proto__', 'constructor', 'prototype', ...Object.getOwnPropertyNames(Object.prototype)];

const stats = newStats();

interface Answer {
  status: number;
  body: any;
  headers: Record<string, string>;
}

describe(`security fuzzing (fast-check, seed ${SEED}, ${RUNS} runs per property)`, () => {
  let dataDir: string;
  let running: RunningApp;
  let store: EventStore;

  beforeAll(async () => {
    console.log(`fuzz-security: seed ${SEED} (replay with FUZZ_SEED=${SEED}), ${RUNS} runs per property`);
    dataDir = mkdtempSync(join(tmpdir(), 'governance-fuzz-security-'));
    // TRUST_PROXY=loopback: each fuzzed client is named in X-Forwarded-For; the other properties come from 127.0.0.1.
    running = await startApp(dataDir, { AUTH_FAILURE_LIMIT: String(LIMIT), AUTH_FAILURE_WINDOW_SECONDS: '3600', TRUST_PROXY: 'loopback' });
    store = running.app.get<EventStore>(EVENT_STORE);
    const created = await send('setup', '/api/frameworks', { method: 'POST', token: RECORDER_TOKEN, json: { id: SCRATCH, name: 'Fuzz', effectiveDate: '1900' } });
    expect(created.status).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await running?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    console.log(`fuzz-security: ${stats.requests} requests (${Object.entries(stats.byProperty).map(([k, n]) => `${k} ${n}`).join(', ')}); 5xx: ${stats.fiveHundreds}; appended by a refused request: ${stats.appendedByRefused}`);
    writeFuzzSummary('security', stats, { seed: SEED, runsPerProperty: RUNS, deep: DEEP });
  });

  /** One request, counted and checked against the properties every answer keeps. */
  async function send(property: string, path: string, init: { method?: string; token?: string; headers?: Record<string, string>; json?: unknown } = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}), ...init.headers };
    if (init.json !== undefined) headers['Content-Type'] = 'application/json';
    const before = await store.lastPosition();
    const response = await fetch(running.url + path, { method: init.method ?? 'GET', headers, body: init.json === undefined ? undefined : JSON.stringify(init.json) });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // kept as text
    }
    const answer = { status: response.status, body, headers: Object.fromEntries(response.headers) };
    const broken = countAnswer(stats, property, answer, (await store.lastPosition()) !== before);
    const where = `${property}: ${init.method ?? 'GET'} ${path} ${JSON.stringify(headers).slice(0, 200)} → ${answer.status} ${text.slice(0, 300)}`;
    expect([where, broken]).toEqual([where, []]);
    return answer;
  }

  const settings = (offset: number) => ({ numRuns: RUNS, seed: SEED + offset, endOnFailure: true });

  it('query keys no route declares: 400 naming exactly them, on every route', async () => {
    const routes: { path: string; method?: string; token?: string; json?: unknown }[] = [
      { path: '/api/frameworks/cccs13/state?at=2007-06-30' },
      { path: '/api/frameworks/cccs13/timeline?knownAt=2030-01-01T00:00:00Z' },
      { path: '/api/frameworks/cccs13/history?actor=seed' },
      { path: '/api/frameworks/cccs13/diff?from=2005-06-30&to=2007-06-30' },
      { path: '/api/frameworks?minPosition=0' },
      { path: '/health?' },
      { path: '/api/admin/verify?', token: ADMIN_TOKEN },
      { path: `/api/frameworks/${SCRATCH}/events?dryRun=true`, method: 'POST', token: RECORDER_TOKEN, json: milestone('dry', '2020') },
      { path: '/api/frameworks?', method: 'POST', token: RECORDER_TOKEN, json: { id: 'never-created', name: 'x' } },
    ];
    const key = fc.oneof(
      { weight: 2, arbitrary: fc.constantFrom(...RESERVED) },
      { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !DECLARED.has(k) && k.trim() === k && k.length > 0) },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.uniqueArray(key, { minLength: 1, maxLength: 3 }), async (route, keys) => {
        const query = keys.map((k) => `${encodeURIComponent(k)}=1`).join('&');
        const answer = await send('query-keys', `${route.path}${route.path.endsWith('?') ? '' : '&'}${query}`, route);
        const named = (answer.body.fields ?? []).map((f: { field: string }) => f.field).sort();
        expect([route.path, keys, answer.status, named]).toEqual([route.path, keys, 400, [...keys].sort()]);
      }),
      settings(11),
    );
  }, 180_000);

  it('failed authentications against a model of the throttle: 401 under the limit, then 429 for that client only', async () => {
    let run = 0;
    const credential = fc.constantFrom('admin', 'recorder', 'wrong', 'malformed', 'basic', 'none');
    const step = fc.record({ client: fc.nat({ max: 2 }), credential });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
        run++;
        const address = (client: number) => `10.${run >> 8}.${run & 255}.${client + 1}`;
        const failures = [0, 0, 0];
        for (const { client, credential: given } of steps) {
          const authorization = { admin: `Bearer ${ADMIN_TOKEN}`, recorder: `Bearer ${RECORDER_TOKEN}`, wrong: `Bearer wrong-${run}-0123456789abcdef`, malformed: 'Bearer a b', basic: 'Basic YTpi', none: undefined }[given];
          const answer = await send('throttle', '/api/admin/verify', { headers: { 'X-Forwarded-For': address(client), ...(authorization ? { Authorization: authorization } : {}) } });
          const context = { steps, client, given, failures: [...failures] };
          if (failures[client] >= LIMIT) {
            expect([context, answer.status]).toEqual([context, 429]);
            expect([context, Number(answer.headers['retry-after']) > 0]).toEqual([context, true]);
            continue;
          }
          const expected = { admin: 200, recorder: 403, wrong: 401, malformed: 401, basic: 401, none: 401 }[given];
          expect([context, answer.status]).toEqual([context, expected]);
          if (given === 'wrong') expect([context, answer.headers['www-authenticate']]).toEqual([context, 'Bearer realm="governance", error="invalid_token"']);
          if (given === 'malformed') expect([context, answer.headers['www-authenticate']]).toEqual([context, 'Bearer realm="governance", error="invalid_request"']);
          if (given === 'basic' || given === 'none') expect([context, answer.headers['www-authenticate']]).toEqual([context, 'Bearer realm="governance"']);
          if (given === 'wrong' || given === 'malformed' || given === 'basic') failures[client]++;
        }
        // Reads need no token, whatever the client did.
        const read = await send('throttle', '/api/frameworks', { headers: { 'X-Forwarded-For': address(0) } });
        expect(read.status).toBe(200);
      }),
      settings(12),
    );
  }, 180_000);

  it('request ids: a well-formed one is kept, anything else replaced; error bodies repeat it', async () => {
    const safe = fc.string({ minLength: 1, maxLength: 128, unit: fc.constantFrom(...'abcXYZ0189._:+/=@-') });
    const printable = fc.string({ maxLength: 160, unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) });
    const incoming = fc.option(fc.oneof(safe, printable), { nil: undefined });
    const paths = fc.constantFrom('/api/frameworks', '/api/frameworks/cccs13/state?at=2007-06-30', '/api/frameworks/cccs13/state?at=nope', '/api/frameworks/nope/timeline', '/health', '/no/such/route', '/api/admin/verify');
    await fc.assert(
      fc.asyncProperty(paths, incoming, async (path, id) => {
        const answer = await send('request-ids', path, { headers: id === undefined ? {} : { 'X-Request-Id': id } });
        // fetch trims the value it sends.
        const kept = id === undefined ? undefined : acceptedRequestId(id.trim());
        expect([id, answer.headers['x-request-id']]).toEqual([id, kept ?? expect.stringMatching(UUID)]);
        if (answer.status >= 400) expect([id, answer.body.requestId]).toEqual([id, answer.headers['x-request-id']]);
      }),
      settings(13),
    );
  }, 120_000);

  it('far-future dates in any EDTF field: 422 naming it, nothing appended; within the bound: accepted', async () => {
    let serial = 0;
    const far = fc.integer({ min: YEAR + 101, max: 9999 }).chain((y) => fc.constantFrom(`${y}`, `${y}-06`, `${y}-12-31`, `${YEAR}/${y}`));
    const near = fc.integer({ min: YEAR - 80, max: YEAR + 99 }).chain((y) => fc.constantFrom(`${y}`, `${y}-06`, `${y}-01-01`));
    const placement = fc.constantFrom('effectiveDate', 'data.start', 'data.end', 'data.newEnd');
    await fc.assert(
      fc.asyncProperty(placement, fc.boolean(), far, near, async (field, beyond, farDate, nearDate) => {
        const id = `f-${SEED}-${serial++}`;
        const date = beyond ? farDate : nearDate;
        const body =
          field === 'effectiveDate'
            ? milestone(id, date)
            : field === 'data.newEnd'
              ? { type: 'ConventionExtended', effectiveDate: '2017-11', data: { conventionId: 'cc-2015', newEnd: date }, source: SOURCE }
              : { type: 'ConventionSigned', effectiveDate: '1990', data: { conventionId: id, name: 'x', start: field === 'data.start' ? date : '1990', ...(field === 'data.end' ? { end: date } : {}), parties: [{ id: 'etat', name: 'État', kind: 'state' }] }, source: SOURCE };
        const framework = field === 'data.newEnd' ? 'cccs13' : SCRATCH;
        const answer = await send('far-future', `/api/frameworks/${framework}/events${field === 'data.newEnd' || !beyond ? '?dryRun=true' : ''}`, { method: 'POST', token: RECORDER_TOKEN, json: body });
        if (beyond) expect([body, answer.status, answer.body.rule, answer.body.field]).toEqual([body, 422, 'date-too-far-ahead', field]);
        else {
          // Other rules may refuse it (an end before the start…), never the bound.
          expect([body, answer.body.rule]).not.toEqual([body, 'date-too-far-ahead']);
          if (field === 'effectiveDate') expect([body, answer.status]).toEqual([body, 200]);
        }
      }),
      settings(14),
    );
  }, 180_000);

  it('afterwards: no 5xx, nothing appended by a refusal, every answer with its request id', () => {
    expect(stats.fiveHundreds).toBe(0);
    expect(stats.appendedByRefused).toBe(0);
    expect(stats.withoutRequestId).toBe(0);
    expect(stats.unauthorizedWithoutChallenge).toBe(0);
  });
});
