import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { EVENT_STORE, type EventStore } from '../../src/infrastructure/event-store/event-store.port.js';
import { streamIdOf, toRecordedEvent } from '../../src/infrastructure/event-store/framework-stream.js';
import { ADMIN_TOKEN, DEEP, milestone, pureState, RECORDER_TOKEN, startApp, stateLists, type RunningApp } from './support.js';

/**
 * Concurrency over HTTP: N parallel writers with the same If-Match — exactly one wins, the others
 * get 409 with the current revision; retries with the same Idempotency-Key append exactly once,
 * in parallel, in sequence, and across a restart of the service.
 * Bounded: WRITERS parallel requests per race, ROUNDS races (ROBUSTNESS_DEEP=1: more of both).
 */

const WRITERS = DEEP ? 64 : 16;
const ROUNDS = DEEP ? 12 : 3;
const FRAMEWORK = 'cccs13';
const EVENTS = `/api/frameworks/${FRAMEWORK}/events`;

const figures = { writersRaced: 0, races: 0, retries: 0, appendedByRetries: 0 };

describe(`concurrency: ${WRITERS} parallel writers, ${ROUNDS} rounds`, () => {
  let dataDir: string;
  let running: RunningApp;

  const store = () => running.app.get<EventStore>(EVENT_STORE);
  const revision = async (frameworkId = FRAMEWORK) => store().streamRevision(streamIdOf(frameworkId));
  const post = (app: RunningApp, body: unknown, headers: Record<string, string> = {}, path = EVENTS, token = RECORDER_TOKEN) => {
    let req = app.http.post(path).set('Authorization', `Bearer ${token}`);
    for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
    return req.send(body as object);
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'governance-concurrency-'));
    running = await startApp(dataDir);
  });
  afterAll(async () => {
    await running?.close();
    rmSync(dataDir, { recursive: true, force: true });
    console.log(
      `concurrency: ${figures.writersRaced} writers raced in ${figures.races} races (exactly one winner each); ` +
        `${figures.retries} idempotent retries, ${figures.appendedByRetries} appended by a retry`,
    );
  });

  /** One race: every request has the same If-Match; exactly one wins, the others say who did. */
  function expectOneWinner(results: Response[], current: number): Response {
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(results.length - 1).fill(409)]);
    const winner = results.find((r) => r.status === 201)!;
    expect(winner.body.revision).toBe(current + 1);
    expect(winner.headers.etag).toBe(`"${current + 1}"`);
    for (const loser of results.filter((r) => r.status === 409)) {
      expect(loser.body).toMatchObject({ currentRevision: current + 1, message: expect.stringContaining(`at revision ${current + 1}, not ${current}`) });
      expect(loser.headers.etag).toBe(`"${current + 1}"`);
    }
    figures.writersRaced += results.length;
    figures.races++;
    return winner;
  }

  it('with the same If-Match, exactly one of the parallel writers wins; the others get 409 with the current revision', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const current = await revision();
      const results = await Promise.all(
        Array.from({ length: WRITERS }, (_, i) => post(running, milestone(`race-${round}-${i}`, `2019-${String((i % 12) + 1).padStart(2, '0')}`), { 'If-Match': `"${current}"` })),
      );
      const winner = expectOneWinner(results, current);
      expect(await revision()).toBe(current + 1);
      expect((await store().findEvent(winner.body.eventId))?.revision).toBe(current + 1);
    }
  });

  it('the same race between two service instances on the same DATA_DIR: one winner', async () => {
    const second = await startApp(dataDir);
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const current = await revision();
        const results = await Promise.all(
          Array.from({ length: WRITERS }, (_, i) => post(i % 2 === 0 ? running : second, milestone(`two-${round}-${i}`, '2019-06'), { 'If-Match': `"${current}"` })),
        );
        expectOneWinner(results, current);
        expect(await revision()).toBe(current + 1);
      }
    } finally {
      await second.close();
    }
  });

  it('parallel creations of one framework id: one 201, the others 409', async () => {
    const results = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) => post(running, { id: 'raced', name: `Raced ${i}`, effectiveDate: '2001' }, {}, '/api/frameworks')),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, ...Array(WRITERS - 1).fill(409)]);
    expect(await revision('raced')).toBe(0);
    figures.writersRaced += WRITERS;
    figures.races++;
  });

  describe('retries with the same Idempotency-Key', () => {
    const body = milestone('idempotent-once', '2018-05');
    let first: Response;
    let lengthAfterFirst: number;

    it('in parallel (with the same If-Match too): one append, every answer the first result', async () => {
      const current = await revision();
      const results = await Promise.all(
        Array.from({ length: WRITERS }, () => post(running, body, { 'Idempotency-Key': 'retry-key-1', 'If-Match': `"${current}"` })),
      );
      expect(results.map((r) => r.status)).toEqual(Array(WRITERS).fill(201));
      first = results.find((r) => r.headers['idempotent-replayed'] === undefined)!;
      expect(results.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(WRITERS - 1);
      for (const r of results) expect({ eventId: r.body.eventId, revision: r.body.revision, position: r.body.position, recordedAt: r.body.recordedAt }).toEqual({ eventId: first.body.eventId, revision: current + 1, position: first.body.position, recordedAt: first.body.recordedAt });
      lengthAfterFirst = await revision();
      expect(lengthAfterFirst).toBe(current + 1);
      figures.retries += WRITERS - 1;
    });

    it('in sequence, even once the If-Match is stale: the first result again, nothing appended', async () => {
      for (let i = 0; i < 5; i++) {
        const retry = await post(running, body, { 'Idempotency-Key': 'retry-key-1', 'If-Match': `"${first.body.revision - 1}"` }).expect(201);
        expect(retry.body).toMatchObject({ eventId: first.body.eventId, revision: first.body.revision, position: first.body.position, replayed: true });
        figures.retries++;
      }
      expect(await revision()).toBe(lengthAfterFirst);
    });

    it('the same key for another request is refused (422), and appends nothing', async () => {
      const reused = await post(running, milestone('idempotent-other', '2018-06'), { 'Idempotency-Key': 'retry-key-1' }).expect(422);
      expect(reused.body).toMatchObject({ rule: 'idempotency-key-reused', message: expect.any(String) });
      expect(await revision()).toBe(lengthAfterFirst);
    });

    it('keys belong to their actor: the same key from another actor is another request', async () => {
      const other = await post(running, milestone('idempotent-admin', '2018-07'), { 'Idempotency-Key': 'retry-key-1' }, EVENTS, ADMIN_TOKEN).expect(201);
      expect(other.body.eventId).not.toBe(first.body.eventId);
      lengthAfterFirst = await revision();
    });

    it('across a restart: the service reopened on the same DATA_DIR answers the retry with the same event, appending nothing', async () => {
      const created = await post(running, { id: 'created-once', name: 'Created once', effectiveDate: '2002' }, { 'Idempotency-Key': 'create-1' }, '/api/frameworks').expect(201);
      const lastBefore = await store().lastPosition();
      await running.close();
      running = await startApp(dataDir);

      const results = await Promise.all(Array.from({ length: WRITERS }, () => post(running, body, { 'Idempotency-Key': 'retry-key-1' })));
      for (const r of results) {
        expect(r.status).toBe(201);
        expect(r.headers['idempotent-replayed']).toBe('true');
        expect(r.body).toMatchObject({ eventId: first.body.eventId, revision: first.body.revision, position: first.body.position, recordedAt: first.body.recordedAt });
      }
      const recreated = await post(running, { id: 'created-once', name: 'Created once', effectiveDate: '2002' }, { 'Idempotency-Key': 'create-1' }, '/api/frameworks').expect(201);
      expect(recreated.body.eventId).toBe(created.body.eventId);
      expect(await store().lastPosition()).toBe(lastBefore);
      expect(await revision()).toBe(lengthAfterFirst);
      figures.retries += WRITERS + 1;
      // Stored once per actor, whatever the retries.
      const stored = (await store().readStream(streamIdOf(FRAMEWORK))).filter((e) => e.metadata.idempotencyKey === 'retry-key-1');
      expect(stored.map((e) => e.metadata.actor).sort()).toEqual(['auditor', 'secretariat']);
      figures.appendedByRetries = stored.filter((e) => e.metadata.actor === 'secretariat').length - 1;
    });
  });

  it('afterwards, the read models answer what the pure fold of the log says', async () => {
    const events = (await store().readStream(streamIdOf(FRAMEWORK))).map(toRecordedEvent);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
    expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
    for (const at of ['2007-06-30', '2018-06-30', '2019-12-31']) {
      const answer = (await running.http.get(`/api/frameworks/${FRAMEWORK}/state?at=${at}`).expect(200)).body;
      expect(stateLists(answer)).toEqual(pureState(events, at));
    }
    expect((await store().verify()).ok).toBe(true);
  });
});
