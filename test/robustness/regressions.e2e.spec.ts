import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { EVENT_STORE, type EventStore } from '../../src/infrastructure/event-store/event-store.port.js';
import { parseEventBody as validateEventBody } from '../../src/modules/frameworks/domain/events/event-body.js';
import { InvalidInput } from '../../src/libs/app-errors.js';
import { milestone, RECORDER_TOKEN, SOURCE, startApp, type RunningApp } from './support.js';

/**
 * One regression test per bug the fuzzing found (before the fix: what the service answered).
 * Each request must be refused with a 4xx naming what is wrong, and append nothing.
 */
describe('regressions found by fuzzing the HTTP API', () => {
  let dataDir: string;
  let running: RunningApp;
  let store: EventStore;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'governance-regressions-'));
    running = await startApp(dataDir);
    store = running.app.get<EventStore>(EVENT_STORE);
  });
  afterAll(async () => {
    await running?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const EVENTS = '/api/frameworks/cccs13/events';
  const source = JSON.stringify(SOURCE);

  /** POSTs raw bytes; asserts nothing was appended; returns the answer. */
  async function refused(path: string, body: string | Uint8Array | undefined, headers: Record<string, string> = { 'Content-Type': 'application/json' }) {
    const before = await store.lastPosition();
    const response = await fetch(running.url + path, {
      method: 'POST',
      headers: { Authorization: `Bearer ${RECORDER_TOKEN}`, ...headers },
      body: typeof body === 'string' ? new TextEncoder().encode(body) : body,
    });
    const answer: { status: number; body: any } = { status: response.status, body: await response.json() };
    expect(await store.lastPosition()).toBe(before);
    expect(answer.body.message).toEqual(expect.any(String));
    return answer;
  }
  const fields = (answer: { body: { fields?: { field: string }[] } }) => (answer.body.fields ?? []).map((f) => f.field);

  it('deep nesting (10 000 levels) was a 500 (stack overflow in the transformer): now 400 naming where', async () => {
    const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const answer = await refused(EVENTS, `{"type":"MilestoneNoted","effectiveDate":"2020","data":{"milestoneId":"m","name":${deep}},"source":${source}}`);
    expect(answer.status).toBe(400);
    expect(fields(answer)).toEqual([`data.name${'.a'.repeat(30)}`]); // the 32nd level
    expect(answer.body.fields[0].problems).toEqual([expect.stringMatching(/is nested too deeply: 32 levels at most$/)]);
    expect((await refused('/api/frameworks', `{"id":"deep","name":"x","source":${deep}}`)).status).toBe(400);
  });

  it('a __proto__ key was accepted and stored (201): now 400 naming it', async () => {
    for (const [body, field] of [
      [`{"__proto__":{"polluted":true},"type":"MilestoneNoted","effectiveDate":"2020","data":{"milestoneId":"p1","name":"x"},"source":${source}}`, '__proto__'],
      [`{"type":"MilestoneNoted","effectiveDate":"2020","data":{"__proto__":{"polluted":true},"milestoneId":"p2","name":"x"},"source":${source}}`, 'data.__proto__'],
      [`{"type":"MilestoneNoted","effectiveDate":"2020","data":{"milestoneId":"p3","name":"x"},"source":{"__proto__":{"x":1},"document":"d","passage":"p","confidence":"stated"}}`, 'source.__proto__'],
    ]) {
      const answer = await refused(EVENTS, body);
      expect([body, answer.status, fields(answer)]).toEqual([body, 400, [field]]);
    }
    const create = await refused('/api/frameworks', '{"__proto__":{"polluted":true},"id":"pp","name":"x"}');
    expect([create.status, fields(create)]).toEqual([400, ['__proto__']]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a constructor key was a 500 in data ("targetType is not a constructor") and accepted elsewhere: now 400 naming it', async () => {
    const inData = await refused(EVENTS, `{"type":"MilestoneNoted","effectiveDate":"2020","data":{"milestoneId":"c1","name":"x","constructor":{"prototype":{"polluted":true}}},"source":${source}}`);
    expect([inData.status, fields(inData)]).toEqual([400, ['data.constructor']]);
    const atTop = await refused(EVENTS, `{"constructor":{"prototype":{"polluted":true}},"type":"MilestoneNoted","effectiveDate":"2020","data":{"milestoneId":"c2","name":"x"},"source":${source}}`);
    expect([atTop.status, fields(atTop)]).toEqual([400, ['constructor']]);
  });

  it('keys named after Object.prototype methods (hasOwnProperty, isPrototypeOf, __defineGetter__) passed the whitelist and were stored: now 400', async () => {
    for (const key of ['hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', '__defineGetter__', '__lookupSetter__', 'toString']) {
      const answer = await refused(EVENTS, JSON.stringify({ ...milestone(`k-${key.toLowerCase().replace(/_/g, '')}`, '2020'), data: { milestoneId: 'k', name: 'x', [key]: 'x' } }));
      expect([key, answer.status, fields(answer)]).toEqual([key, 400, [`data.${key}`]]);
    }
  });

  it('a request without a JSON body (text/plain, form, no Content-Type) was a 500: now 400 saying to send JSON', async () => {
    for (const headers of [{ 'Content-Type': 'text/plain' }, { 'Content-Type': 'application/x-www-form-urlencoded' }, {}] as Record<string, string>[]) {
      const answer = await refused(EVENTS, headers['Content-Type'] === undefined ? undefined : JSON.stringify(milestone('plain', '2020')), headers);
      expect([headers, answer.status, fields(answer)]).toEqual([headers, 400, ['body']]);
      expect(answer.body.message).toMatch(/body is missing: send a JSON object with Content-Type: application\/json/);
    }
    expect(() => validateEventBody(undefined)).toThrow(InvalidInput);
  });

  it('body-parser refusals were 400s without fields, with the parser’s words: now they name the body, the limit, the encoding', async () => {
    const malformed = await refused(EVENTS, '{"type": ');
    expect([malformed.status, fields(malformed)]).toEqual([400, ['body']]);
    expect(malformed.body.message).toMatch(/^body is not valid JSON \(/);
    const string = await refused(EVENTS, '"a string"');
    expect([string.status, string.body.message, fields(string)]).toEqual([400, 'body must be a JSON object, not a string', ['body']]);
    const tooLarge = await refused(EVENTS, JSON.stringify({ ...milestone('big', '2020'), padding: 'x'.repeat(300 * 1024) }));
    expect([tooLarge.status, tooLarge.body.message]).toEqual([413, 'body is too large: 256 kB at most']);
    const charset = await refused(EVENTS, JSON.stringify(milestone('cs', '2020')), { 'Content-Type': 'application/json; charset=latin-9' });
    expect([charset.status, charset.body.message]).toEqual([415, 'unsupported charset "latin-9" in Content-Type: send JSON in UTF-8']);
    const notGzip = await refused(EVENTS, JSON.stringify(milestone('gz', '2020')), { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
    expect([notGzip.status, fields(notGzip)]).toEqual([400, ['body']]);
    expect(notGzip.body.message).toMatch(/^body cannot be read as Content-Encoding gzip: it does not decompress/);
    const badPath = await refused('/api/frameworks/%E0%A4%A/events', JSON.stringify(milestone('path', '2020')));
    expect([badPath.status, fields(badPath)]).toEqual([400, ['path']]);
    // A well-compressed body is read as it should be.
    const before = await store.lastPosition();
    const ok = await fetch(running.url + EVENTS, {
      method: 'POST',
      headers: { Authorization: `Bearer ${RECORDER_TOKEN}`, 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
      body: gzipSync(JSON.stringify(milestone('gzipped', '2020'))),
    });
    expect(ok.status).toBe(201);
    expect(await store.lastPosition()).toBe((before ?? 0) + 1);
  });
});
