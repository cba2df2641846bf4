import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_STORE, type EventStore } from '../../src/infrastructure/event-store/event-store.port.js';
import { streamIdOf, toRecordedEvent } from '../../src/infrastructure/event-store/framework-stream.js';
import { defect, FRAMEWORK, TEMPLATES } from './fuzz-defects.js';
import { countAnswer, newStats, writeFuzzSummary } from './fuzz-summary.js';
import { DEEP, milestone, pureState, RECORDER_TOKEN, SOURCE, startApp, stateLists, type RunningApp } from './support.js';

/**
 * Fuzzing the HTTP API (fast-check, bounded): generated bodies, headers and query strings.
 * Properties: no 5xx ever; every refusal appends nothing and says what is wrong (`message`;
 * `fields` naming a field for 400, `rule` for 422); every answer carries an X-Request-Id (and
 * each error body the same `requestId`), every 401 a `WWW-Authenticate: Bearer`; the answers
 * about the framework are the same after all the refused requests; Object.prototype is never polluted.
 *
 * Bounded: RUNS cases per property (ROBUSTNESS_DEEP=1: many more). The seed is printed;
 * FUZZ_SEED=<seed> replays a run. The counts are printed as one line `FUZZ_SUMMARY {...}` and
 * written to test-artifacts/fuzz-summary.json. (fuzz-security.e2e.spec.ts fuzzes query keys,
 * throttling, request ids and far-future dates.)
 */

const RUNS = DEEP ? 1500 : 120;
const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;
const DATES = ['1995-01-01', '2000-06-30', '2007-06-30', '2013-06-30', '2019-06-30'];
/** Where the header fuzzing may succeed (valid bodies with odd headers): not the framework watched. */
const SCRATCH = 'fuzz-scratch';

interface Answer {
  status: number;
  body: any;
  headers: Record<string, string | string[] | undefined>;
}

const stats = newStats();

describe(`HTTP API fuzzing (fast-check, seed ${SEED}, ${RUNS} runs per property)`, () => {
  let dataDir: string;
  let running: RunningApp;
  let store: EventStore;
  let statesBefore: unknown[];
  let revisionBefore: number;
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

  beforeAll(async () => {
    console.log(`fuzz: seed ${SEED} (replay with FUZZ_SEED=${SEED}), ${RUNS} runs per property${DEEP ? ' (deep mode)' : ''}`);
    dataDir = mkdtempSync(join(tmpdir(), 'governance-fuzz-'));
    // The header fuzzing sends wrong tokens on purpose: failed-authentication throttling (fuzzed in
    // fuzz-security.e2e.spec.ts) would turn the later cases into 429s, so it is off here.
    running = await startApp(dataDir, { AUTH_FAILURE_LIMIT: '0' });
    store = running.app.get<EventStore>(EVENT_STORE);
    await running.http.post('/api/frameworks').set('Authorization', `Bearer ${RECORDER_TOKEN}`).send({ id: SCRATCH, name: 'Fuzz scratch', effectiveDate: '2000' }).expect(201);
    statesBefore = await states();
    revisionBefore = await store.streamRevision(streamIdOf(FRAMEWORK));
  }, 60_000);

  afterAll(async () => {
    await running?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    const per = Object.entries(stats.byProperty).map(([k, n]) => `${k} ${n}`).join(', ');
    const statuses = Object.entries(stats.statuses).map(([k, n]) => `${k}×${n}`).join(' ');
    console.log(
      `fuzz: ${stats.requests} cases run (${per}); statuses ${statuses}; 5xx: ${stats.fiveHundreds}; ` +
        `appended by a refused request: ${stats.appendedByRefused}; accepted (2xx writes on the scratch framework): ${stats.accepted}; ` +
        `without a request id: ${stats.withoutRequestId}; 401 without WWW-Authenticate: ${stats.unauthorizedWithoutChallenge}`,
    );
    writeFuzzSummary('api', stats, { seed: SEED, runsPerProperty: RUNS, deep: DEEP });
  });

  async function states(): Promise<unknown[]> {
    return Promise.all(DATES.map(async (at) => (await running.http.get(`/api/frameworks/${FRAMEWORK}/state?at=${at}`).expect(200)).body));
  }

  /**
   * Checks one answer against the properties and counts it. `before`/`after`: the log's last
   * position around the request (null for reads): it may grow only with a 2xx.
   */
  function check(property: string, answer: Answer, before: number | null, after: number | null, context: unknown): void {
    const broken = countAnswer(stats, property, answer, after !== before);
    const where = `${property}: ${JSON.stringify(context)?.slice(0, 500)} → ${answer.status} ${JSON.stringify(answer.body)?.slice(0, 500)}`;
    expect([where, broken]).toEqual([where, []]);
    if (answer.status >= 200 && answer.status < 300) return;
    expect([where, after]).toEqual([where, before]);
    expect([where, typeof answer.body?.message]).toEqual([where, 'string']);
    expect([where, answer.body.message.length > 0]).toEqual([where, true]);
    if (answer.status === 400) {
      expect([where, Array.isArray(answer.body.fields) && answer.body.fields.length > 0]).toEqual([where, true]);
      for (const f of answer.body.fields) {
        expect([where, typeof f.field, Array.isArray(f.problems) && f.problems.length > 0]).toEqual([where, 'string', true]);
      }
    }
    if (answer.status === 422) expect([where, typeof answer.body.rule]).toEqual([where, 'string']);
  }

  /** A POST with a raw body and exactly the headers given (no Content-Type unless given). */
  async function rawPost(path: string, body: string | Uint8Array | undefined, headers: Record<string, string>): Promise<Answer> {
    const response = await fetch(running.url + path, { method: 'POST', headers, body: typeof body === 'string' ? new TextEncoder().encode(body) : body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: the properties will say so
    }
    return { status: response.status, body: parsed, headers: Object.fromEntries(response.headers) };
  }

  const lastPosition = () => store.lastPosition();

  async function postJson(property: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const before = await lastPosition();
    const answer = await rawPost(path, JSON.stringify(body), { 'Content-Type': 'application/json', Authorization: `Bearer ${RECORDER_TOKEN}`, ...headers });
    check(property, answer, before, await lastPosition(), { path, body, headers });
    return answer;
  }

  const settings = (offset: number) => ({ numRuns: RUNS, seed: SEED + offset, endOnFailure: true });

  describe('bodies', () => {
    it('arbitrary JSON values as event bodies and framework bodies: never 5xx, nothing appended', async () => {
      const interestingKey = fc.oneof(
        fc.constantFrom('type', 'effectiveDate', 'data', 'source', 'id', 'name', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'),
        fc.string({ maxLength: 8 }),
      );
      const value = fc.letrec((tie) => ({
        node: fc.oneof(
          { depthSize: 'small', withCrossShrink: true },
          fc.jsonValue({ maxDepth: 1 }),
          fc.array(tie('node'), { maxLength: 4 }),
          fc.dictionary(interestingKey, tie('node'), { maxKeys: 5 }),
        ),
      })).node;
      await fc.assert(
        fc.asyncProperty(value, fc.boolean(), async (body, toFrameworks) => {
          await postJson('json-bodies', toFrameworks ? '/api/frameworks' : `/api/frameworks/${FRAMEWORK}/events`, body);
        }),
        settings(1),
      );
    }, 120_000);

    it('valid bodies with one defect: 400 naming the field at fault, nothing appended', async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...TEMPLATES), fc.nat(), defect, async (template, pick, makeDefect) => {
          const body = structuredClone(template.body);
          const path = makeDefect(body, pick, template.freeForm);
          if (path === null) return; // nothing to spoil there
          const answer = await postJson('one-defect', template.path, body);
          const named = (answer.body?.fields ?? []).map((f: { field: string }) => f.field);
          const where = `${template.path} ${path} ${JSON.stringify(body).slice(0, 300)} → ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`;
          expect([where, answer.status]).toEqual([where, 400]);
          // The field itself, or one inside it; for an element of a list, the list may be named.
          const accepted = [path, ...(/\.\d+$/.test(path) ? [path.replace(/\.\d+$/, '')] : [])];
          expect([where, named.some((f: string) => accepted.some((a) => f === a || f.startsWith(`${a}.`)))]).toEqual([where, true]);
        }),
        settings(2),
      );
    }, 120_000);

    it('malformed JSON: 400 naming the body; valid JSON that is not an object: 400 saying so', async () => {
      const valid = JSON.stringify(milestone('never-appended', '2020'));
      const malformed = fc.oneof(
        // (An empty body is read as {}: answered with the fields missing.)
        fc.string({ maxLength: 60 }).filter((text) => text !== '' && !isJson(text)),
        fc.integer({ min: 1, max: valid.length - 1 }).map((cut) => valid.slice(0, cut)),
        fc.tuple(fc.nat({ max: valid.length - 1 }), fc.constantFrom('"', '{', '}', ',', ':', '\\', '\u0000', 'NaN', "'")).map(([at, c]) => valid.slice(0, at) + c + valid.slice(at)).filter((text) => !isJson(text)),
      );
      await fc.assert(
        fc.asyncProperty(malformed, async (text) => {
          const before = await lastPosition();
          const answer = await rawPost(`/api/frameworks/${FRAMEWORK}/events`, text, { 'Content-Type': 'application/json', Authorization: `Bearer ${RECORDER_TOKEN}` });
          check('malformed-json', answer, before, await lastPosition(), text);
          expect([text, answer.status]).toEqual([text, 400]);
          expect([text, answer.body.fields[0].field]).toEqual([text, 'body']);
        }),
        settings(3),
      );
      for (const text of ['"a string"', '12', 'true', 'null', '[]', '[{"type":"MilestoneNoted"}]']) {
        const before = await lastPosition();
        const answer = await rawPost(`/api/frameworks/${FRAMEWORK}/events`, text, { 'Content-Type': 'application/json', Authorization: `Bearer ${RECORDER_TOKEN}` });
        check('not-an-object', answer, before, await lastPosition(), text);
        expect([text, answer.status, answer.body.fields[0].field]).toEqual([text, 400, 'body']);
        expect(answer.body.message).toMatch(/body must be a JSON object/);
      }
    }, 120_000);

    it('bodies over the size limit: 413 saying the limit; just under it, a clear 400', async () => {
      for (const size of [256 * 1024 + 1, 300 * 1024, 2 * 1024 * 1024]) {
        const body = JSON.stringify({ ...milestone('too-big', '2020'), padding: 'x'.repeat(size) });
        const before = await lastPosition();
        const answer = await rawPost(`/api/frameworks/${FRAMEWORK}/events`, body, { 'Content-Type': 'application/json', Authorization: `Bearer ${RECORDER_TOKEN}` });
        check('size-limit', answer, before, await lastPosition(), `${body.length} bytes`);
        expect(answer.status).toBe(413);
        expect(answer.body.message).toBe('body is too large: 256 kB at most');
      }
      const under = { ...milestone('just-under', '2020'), data: { milestoneId: 'just-under', name: 'x'.repeat(250 * 1024) } };
      const answer = await postJson('size-limit', `/api/frameworks/${FRAMEWORK}/events`, under);
      expect(answer.status).toBe(400);
      expect(answer.body.fields.map((f: { field: string }) => f.field)).toEqual(['data.name']);
    }, 60_000);

    it('deep nesting (10 000 levels) anywhere: 400 naming where, never a stack overflow', async () => {
      const deep = (levels: number, leaf = '1') => `${'{"a":'.repeat(levels)}${leaf}${'}'.repeat(levels)}`;
      const deepArray = (levels: number) => `${'['.repeat(levels)}1${']'.repeat(levels)}`;
      const bodies: [string, string, string][] = [
        [`/api/frameworks/${FRAMEWORK}/events`, deep(10_000), 'a.a.a'],
        [`/api/frameworks/${FRAMEWORK}/events`, deepArray(10_000), 'body'],
        [`/api/frameworks/${FRAMEWORK}/events`, `{"type":"MilestoneNoted","effectiveDate":"2020","data":${deep(10_000)},"source":${JSON.stringify(SOURCE)}}`, 'data.a.a'],
        [`/api/frameworks/${FRAMEWORK}/events`, `{"type":"MilestoneNoted","effectiveDate":"2020","data":{"milestoneId":"m","name":${deep(10_000)}},"source":${JSON.stringify(SOURCE)}}`, 'data.name.a'],
        [`/api/frameworks/${FRAMEWORK}/events`, `{"type":"MilestoneNoted","effectiveDate":"2020","data":{"milestoneId":"m","name":"x"},"source":${deep(10_000)}}`, 'source.a'],
        [`/api/frameworks/${FRAMEWORK}/events`, `{"type":"ConventionSigned","effectiveDate":"2020","data":{"conventionId":"c","name":"x","start":"2020","parties":[${deep(10_000)}]},"source":${JSON.stringify(SOURCE)}}`, 'data.parties.0.a'],
        ['/api/frameworks', `{"id":"deep","name":"x","source":${deep(10_000)}}`, 'source.a'],
        ['/api/frameworks', deep(10_000), 'a.a'],
      ];
      for (const [path, text, field] of bodies) {
        const before = await lastPosition();
        const answer = await rawPost(path, text, { 'Content-Type': 'application/json', Authorization: `Bearer ${RECORDER_TOKEN}` });
        check('deep-nesting', answer, before, await lastPosition(), `${path} ${text.slice(0, 80)}…`);
        expect([field, answer.status]).toEqual([field, 400]);
        expect(answer.body.fields.some((f: { field: string }) => f.field.startsWith(field))).toBe(true);
      }
    }, 60_000);

    it('prototype-pollution keys anywhere: 400 naming them, nothing appended, Object.prototype untouched', async () => {
      const keys = ['__proto__', 'constructor', 'prototype'];
      const placements = (key: string): [string, string, string][] => {
        const payload = key === 'constructor' ? '{"prototype":{"polluted":true}}' : '{"polluted":true}';
        const events = `/api/frameworks/${FRAMEWORK}/events`;
        return [
          [events, `{"${key}":${payload},"type":"MilestoneNoted","effectiveDate":"2020","data":{"milestoneId":"p","name":"x"},"source":${JSON.stringify(SOURCE)}}`, key],
          [events, `{"type":"MilestoneNoted","effectiveDate":"2020","data":{"${key}":${payload},"milestoneId":"p","name":"x"},"source":${JSON.stringify(SOURCE)}}`, `data.${key}`],
          [events, `{"type":"MilestoneNoted","effectiveDate":"2020","data":{"milestoneId":"p","name":"x"},"source":{"${key}":${payload},"document":"d","passage":"p","confidence":"stated"}}`, `source.${key}`],
          [events, `{"type":"PartyJoined","effectiveDate":"2016","data":{"conventionId":"cc-2015","party":{"${key}":${payload},"id":"p","name":"P","kind":"commune"}},"source":${JSON.stringify(SOURCE)}}`, `data.party.${key}`],
          [events, `{"type":"InstrumentAdopted","effectiveDate":"2016","data":{"instrumentId":"i","name":"I","kind":"other","figures":{"${key}":${payload}}},"source":${JSON.stringify(SOURCE)}}`, `data.figures.${key}`],
          [events, `{"type":"FactCorrected","effectiveDate":"2016","data":{"eventId":"00000000-0000-4000-8000-000000000000","data":{"${key}":${payload}},"reason":"r"},"source":${JSON.stringify(SOURCE)}}`, `data.data.${key}`],
          ['/api/frameworks', `{"${key}":${payload},"id":"proto","name":"x"}`, key],
          ['/api/frameworks', `{"id":"proto","name":"x","source":{"${key}":${payload},"document":"d","passage":"p","confidence":"stated"}}`, `source.${key}`],
        ];
      };
      for (const key of keys) {
        for (const [path, text, field] of placements(key)) {
          const before = await lastPosition();
          const answer = await rawPost(path, text, { 'Content-Type': 'application/json', Authorization: `Bearer ${RECORDER_TOKEN}` });
          check('prototype-keys', answer, before, await lastPosition(), text);
          expect([text, answer.status]).toEqual([text, 400]);
          expect([text, answer.body.fields.map((f: { field: string }) => f.field)]).toEqual([text, expect.arrayContaining([field])]);
        }
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    }, 60_000);
  });

  describe('headers', () => {
    it('arbitrary Content-Type, Authorization, If-Match and Idempotency-Key: never 5xx; refusals append nothing and say why', async () => {
      let serial = 0;
      const headerText = fc.string({ maxLength: 40, unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) });
      // Weighted towards well-formed requests, so that some succeed (and must append exactly once).
      const contentType = fc.option(
        fc.oneof(
          { weight: 4, arbitrary: fc.constant('application/json') },
          fc.constantFrom(
            'application/json',
            'application/json; charset=utf-8',
            'application/json; charset=latin-9',
            'application/json; charset=utf-16',
            'text/plain',
            'text/json',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=xyz',
            'application/xml',
            'application/merge-patch+json',
            '*/*',
          ),
          headerText,
        ),
        { nil: undefined, freq: 10 },
      );
      const authorization = fc.option(
        fc.oneof(
          { weight: 6, arbitrary: fc.constant(`Bearer ${RECORDER_TOKEN}`) },
          fc.constant(`bearer ${RECORDER_TOKEN}`),
          fc.constant(`Bearer  ${RECORDER_TOKEN} `),
          fc.constant(`Basic ${Buffer.from(`secretariat:${RECORDER_TOKEN}`).toString('base64')}`),
          fc.constant('Bearer'),
          headerText.map((t) => `Bearer ${t}`),
          headerText,
        ),
        { nil: undefined, freq: 10 },
      );
      // 'current': the scratch framework's revision at the time of the request (the If-Match that wins).
      const ifMatch = fc.option(
        fc.oneof(
          { weight: 3, arbitrary: fc.constant('current') },
          fc.integer({ min: -2, max: 5 }).map((n) => `"${n}"`),
          fc.constantFrom('*', 'W/"1"', '"0", "1"', '""', '"1e3"', '"99999999999999999999"'),
          headerText,
        ),
      );
      const idempotencyKey = fc.option(
        fc.oneof({ weight: 6, arbitrary: headerText.filter((t) => /^[\x21-\x7e]+$/.test(t)) }, headerText, fc.constantFrom('k'.repeat(201), 'a b', '')),
        { nil: undefined },
      );
      const body = fc.oneof(
        { weight: 4, arbitrary: fc.constant('valid') },
        fc.constant('empty'),
        fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
        fc.constant('type=MilestoneNoted&effectiveDate=2020'),
      );
      const encoding = fc.option(fc.constantFrom('identity', 'gzip', 'deflate', 'br', 'compress', 'x-unknown'), { nil: undefined, freq: 2 });
      await fc.assert(
        fc.asyncProperty(contentType, authorization, ifMatch, idempotencyKey, body, encoding, async (ct, auth, match, key, kind, contentEncoding) => {
          const headers: Record<string, string> = {};
          if (ct !== undefined) headers['Content-Type'] = ct;
          if (auth !== undefined) headers.Authorization = auth;
          if (match !== undefined && match !== null) headers['If-Match'] = match === 'current' ? `"${await store.streamRevision(streamIdOf(SCRATCH))}"` : match;
          if (key !== undefined) headers['Idempotency-Key'] = key;
          if (contentEncoding !== undefined) headers['Content-Encoding'] = contentEncoding;
          const text = kind === 'valid' ? JSON.stringify(milestone(`header-${SEED}-${serial++}`, '2020')) : kind === 'empty' ? undefined : kind;
          const before = await lastPosition();
          const answer = await rawPost(`/api/frameworks/${SCRATCH}/events`, text, headers);
          check('headers', answer, before, await lastPosition(), { headers, body: text?.slice(0, 100) });
          const authorized = auth === `Bearer ${RECORDER_TOKEN}` || auth === `bearer ${RECORDER_TOKEN}` || auth === `Bearer  ${RECORDER_TOKEN} `;
          if (answer.status >= 200 && answer.status < 300) {
            // Only an authenticated, well-formed JSON request may succeed.
            expect([headers, authorized]).toEqual([headers, true]);
            expect([headers, answer.body.eventId]).toEqual([headers, expect.any(String)]);
          }
          if (answer.status === 401) expect([headers, authorized]).toEqual([headers, false]);
        }),
        settings(4),
      );
    }, 120_000);
  });

  describe('query strings', () => {
    it('arbitrary query strings and ids for state, timeline, history, diff, frameworks: never 5xx; 400 names the parameter', async () => {
      const last = (await lastPosition()) ?? 0;
      const key = fc.oneof(
        fc.constantFrom('at', 'knownAt', 'from', 'to', 'actor', 'type', 'since', 'until', 'at[]', 'at[x]', '__proto__', 'constructor', 'prototype', 'toString', '__proto__[polluted]', 'constructor[prototype][polluted]'),
        fc.string({ minLength: 1, maxLength: 10 }),
      );
      const value = fc.oneof(
        fc.constantFrom('2007-06-30', '2000-02-29', '2001-02-29', '0000-01-01', '9999-12-31', '2026-01-01T00:00:00Z', '2020-01-01T00:00:00.123456789+14:00', 'yesterday', '', 'MilestoneNoted', 'seed', String(last), '0', '-1', '1e3'),
        fc.string({ maxLength: 30 }),
        fc.constant('x'.repeat(3000)),
      );
      const rawEncoding = fc.constantFrom('%', '%zz', '%E0%A4%A', '%FF', '%00', '%C0%AF');
      const pair = fc.oneof(
        { weight: 4, arbitrary: fc.tuple(key, value).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`) },
        { weight: 1, arbitrary: fc.tuple(key, rawEncoding).map(([k, v]) => `${encodeURIComponent(k)}=${v}`) },
        { weight: 1, arbitrary: fc.tuple(key, value).map(([k, v]) => `${k}=${v}`.replace(/[#\s]/g, '')) },
      );
      const id = fc.oneof(
        { weight: 5, arbitrary: fc.constant(FRAMEWORK) },
        { weight: 1, arbitrary: fc.constantFrom('nope', '__proto__', 'constructor', 'CCCS13', 'a'.repeat(300), '%E0%A4%A', '..') },
        { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 20 }).map((s) => encodeURIComponent(s)) },
      );
      const endpoint = fc.constantFrom('state', 'timeline', 'history', 'diff', 'list');
      await fc.assert(
        fc.asyncProperty(endpoint, id, fc.array(pair, { maxLength: 5 }), async (where, frameworkId, pairs) => {
          const path = where === 'list' ? '/api/frameworks' : `/api/frameworks/${frameworkId}/${where}`;
          const url = pairs.length > 0 ? `${path}?${pairs.join('&')}` : path;
          // minPosition is fuzzed below: one beyond the log is a documented 503 after a wait (read models behind).
          if (/minPosition/i.test(url)) return;
          const response = await fetch(running.url + url);
          const text = await response.text();
          let body: any = text;
          try {
            body = JSON.parse(text);
          } catch {
            // checked below
          }
          check('queries', { status: response.status, body, headers: Object.fromEntries(response.headers) }, null, null, url);
        }),
        settings(5),
      );
      for (const minPosition of ['0', String(last), 'abc', '-1', '', '1e3', '99999999999999999999']) {
        for (const path of [`/api/frameworks/${FRAMEWORK}/state?at=2007-06-30&`, `/api/frameworks/${FRAMEWORK}/history?`, '/api/frameworks?']) {
          const response = await fetch(`${running.url}${path}minPosition=${minPosition}`);
          const body = await response.json();
          check('queries', { status: response.status, body, headers: Object.fromEntries(response.headers) }, null, null, `${path}minPosition=${minPosition}`);
          expect([path, minPosition, response.status]).toEqual([path, minPosition, /^\d{1,15}$/.test(minPosition) ? 200 : 400]);
        }
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }, 120_000);
  });

  describe('afterwards', () => {
    it('answers the same about the framework after all the refused requests, and the read models equal the fold of the log', async () => {
      expect(await store.streamRevision(streamIdOf(FRAMEWORK))).toBe(revisionBefore);
      expect(await states()).toEqual(statesBefore);
      for (const frameworkId of [FRAMEWORK, SCRATCH]) {
        const events = (await store.readStream(streamIdOf(frameworkId))).map(toRecordedEvent);
        for (const at of DATES) {
          const answer = (await running.http.get(`/api/frameworks/${frameworkId}/state?at=${at}`).expect(200)).body;
          expect(stateLists(answer)).toEqual(pureState(events, at));
        }
      }
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
      expect(stats.fiveHundreds).toBe(0);
      expect(stats.appendedByRefused).toBe(0);
      expect(stats.withoutRequestId).toBe(0);
      expect(stats.unauthorizedWithoutChallenge).toBe(0);
    });
  });
});

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
