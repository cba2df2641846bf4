import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { jsonEvent } from '@kurrent/kurrentdb-client';
import { RuleBroken } from '../../../libs/app-errors.js';
import { ev, established } from '../../../modules/frameworks/domain/testing/given-when-then.js';
import { seedEvents } from '../../../modules/frameworks/seed/seed-loader.js';
import { EventRecorder } from '../../../modules/frameworks/write-path/event-recorder.js';
import type { TransparencyLogPort } from '../../transparency-log/transparency-log.port.js';
import type { AppConfig } from '../../../platform/config/app-config.js';
import type { ProjectionRunner } from '../../projection/projection-runner.js';
import { ProjectionRunner as Runner } from '../../projection/projection-runner.js';
import { InMemoryMongoReadModels } from '../../read-models/mongodb/testing/in-memory-mongo.js';
import type { NewEvent, StoredEvent } from '../event-store.port.js';
import { waitFor } from '../testing/wait.js';
import { KurrentDbEventStore } from './kurrentdb-event-store.adapter.js';
import { FakeKurrentDb } from './testing/fake-kurrentdb.js';

/**
 * The KurrentDB adapter when several service instances share one cluster, over the fake, which
 * models the server and client behaviour in question (testing/fake-kurrentdb.ts): the server's
 * idempotence absorbing a retry from another instance, follower reads, another application's
 * events on the same server, the client's report of a wrong expected version without throwing,
 * and a leader whose clock is behind.
 */

let fake: FakeKurrentDb;
const opened: KurrentDbEventStore[] = [];

function instance(): KurrentDbEventStore {
  const store = KurrentDbEventStore.withClient(fake.client(), { logger: { warn: () => undefined }, readPageSize: 7, resubscribeBackoffMs: { initial: 5, max: 20 } });
  opened.push(store);
  return store;
}

beforeEach(() => {
  fake = new FakeKurrentDb();
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

const newStreamId = () => `framework-${randomUUID()}`;
const newEvent = (data: Record<string, unknown> = {}, eventId = randomUUID()): NewEvent => ({ eventId, type: 'AdapterTested', data, metadata: { actor: 'test' } });

describe('KurrentDB adapter, several instances on one cluster', () => {
  it('an append the server absorbs as a retry of another instance’s is answered as a replay of that one, not as a fresh append', async () => {
    const [a, b] = [instance(), instance()];
    const streamId = newStreamId();
    await a.append(streamId, [newEvent()], 'no_stream');
    const id = randomUUID();
    fake.holdAppends(2); // both have looked the id up (not stored yet) before either appends
    const [first, second] = await Promise.all([a.append(streamId, [newEvent({ body: 'a' }, id)], 0), b.append(streamId, [newEvent({ body: 'b' }, id)], 0)]);
    expect([first.replayed, second.replayed]).toEqual([false, true]);
    expect(second.events).toEqual(first.events);
    expect(second.events[0].data).toEqual({ body: 'a' });
    expect(await a.readStream(streamId)).toHaveLength(2);
  });

  it('an Idempotency-Key reused with another body on another instance at the same moment is refused; with the same body, replayed', async () => {
    const [a, b] = [instance(), instance()];
    const projection = { waitFor: async () => true } as unknown as ProjectionRunner;
    const config = { maxYearsAhead: 100 } as AppConfig;
    // Receipts are not what this test is about: a transparency log that has none to give.
    const transparency = { receipts: async () => null } as unknown as TransparencyLogPort;
    const [recorderA, recorderB] = [new EventRecorder(a, projection, config, transparency), new EventRecorder(b, projection, config, transparency)];
    await recorderA.record({ frameworkId: 'fw', events: [{ event: established('1990') }], actor: 'admin' });
    const milestone = (id: string, name: string) => ({ event: ev('MilestoneNoted', '2020', { milestoneId: id, name }) });

    fake.holdAppends(2);
    const other = await Promise.allSettled([
      recorderA.record({ frameworkId: 'fw', events: [milestone('m1', 'Premier')], actor: 'secretariat', idempotencyKey: 'k1' }),
      recorderB.record({ frameworkId: 'fw', events: [milestone('m1', 'Autre')], actor: 'secretariat', idempotencyKey: 'k1' }),
    ]);
    expect(other[0]).toMatchObject({ status: 'fulfilled', value: { replayed: false } });
    expect(other[1]).toMatchObject({ status: 'rejected', reason: expect.any(RuleBroken) });
    expect((other[1] as PromiseRejectedResult).reason).toMatchObject({ rule: 'idempotency-key-reused' });

    fake.holdAppends(2);
    const same = await Promise.all([
      recorderA.record({ frameworkId: 'fw', events: [milestone('m2', 'Second')], actor: 'secretariat', idempotencyKey: 'k2' }),
      recorderB.record({ frameworkId: 'fw', events: [milestone('m2', 'Second')], actor: 'secretariat', idempotencyKey: 'k2' }),
    ]);
    expect(same.map((r) => r.replayed)).toEqual([false, true]);
    expect(same[1].stored).toEqual(same[0].stored);
    expect((await a.readStream('framework-fw')).map((e) => (e.data.data as { name?: string }).name)).toEqual(['Test framework', 'Premier', 'Second']);
  });

  it('a request another instance appends between the key lookup and the decision is a replay, not a rule refusal', async () => {
    const [a, b] = [instance(), instance()];
    const projection = { waitFor: async () => true } as unknown as ProjectionRunner;
    const config = { maxYearsAhead: 100 } as AppConfig;
    const transparency = { receipts: async () => null } as unknown as TransparencyLogPort;
    const recorderA = new EventRecorder(a, projection, config, transparency);
    await recorderA.record({ frameworkId: 'fw', events: [{ event: established('1990') }], actor: 'admin' });
    const body = { event: ev('BodyCreated', '2019', { bodyId: 'b1', name: 'Groupe', kind: 'working-group' }) };
    // Instance B looks the key up just before instance A appends the same request: its lookup misses.
    let raced = false;
    const racing = Object.create(b) as KurrentDbEventStore;
    racing.findEvent = async (eventId: string) => {
      const found = await b.findEvent(eventId);
      if (!raced) {
        raced = true;
        await recorderA.record({ frameworkId: 'fw', events: [body], actor: 'secretariat', idempotencyKey: 'k' });
      }
      return found;
    };
    const recorderB = new EventRecorder(racing, projection, config, transparency);
    const answer = await recorderB.record({ frameworkId: 'fw', events: [body], actor: 'secretariat', idempotencyKey: 'k' });
    expect(raced).toBe(true);
    expect(answer.replayed).toBe(true);
    expect((await a.readStream('framework-fw')).filter((e) => e.type === 'BodyCreated')).toHaveLength(1);
  });

  it('reads an acknowledged append back from the leader while the followers lag, and through a passing failure', async () => {
    const store = instance();
    const streamId = newStreamId();
    fake.followerLag = 1000; // nothing written is on the followers yet
    const appended = await store.append(streamId, [newEvent(), newEvent()], 'no_stream');
    expect(appended.events.map((e) => e.revision)).toEqual([0, 1]);
    expect(await store.readStream(streamId)).toEqual(appended.events);
    expect(await store.lastPosition()).toBe(appended.events[1].position);
    expect(await store.findEvent(appended.events[0].eventId)).toEqual(appended.events[0]);

    fake.failingStreamReads = 2; // the read-back meets a leader change: tried again, not a 500
    const next = await store.append(newStreamId(), [newEvent()], 'no_stream');
    expect(next.replayed).toBe(false);
    expect(fake.failingStreamReads).toBe(0);
  });

  it('never reads another application’s streams on a shared server: non-JSON events there stop nothing, and count nowhere', async () => {
    const store = instance();
    const streamId = newStreamId();
    fake.writeForeignBinaryEvent('billing-2024');
    const before = await store.append(streamId, [newEvent()], 'no_stream');
    fake.writeForeignBinaryEvent('foreign');
    const foreignId = randomUUID();
    await fake.client().appendToStream('orders-1', [jsonEvent({ id: foreignId, type: 'OrderPlaced', data: {} })]);
    const after = await store.append(streamId, [newEvent()], 0);

    const delivered: StoredEvent[] = [];
    const errors: unknown[] = [];
    store.subscribe({ fromPosition: null, handler: (e) => void delivered.push(e), onError: (e) => errors.push(e) });
    await waitFor(() => delivered.length === 2);
    expect(delivered).toEqual([...before.events, ...after.events]);
    expect(errors).toEqual([]);
    expect(await store.readAll(null, 100)).toEqual(delivered);
    expect(await store.verify()).toMatchObject({ ok: true, checked: 2 });
    expect(await store.countEvents()).toBe(2);
    expect(await store.findEvent(foreignId)).toBeNull();
    // An id another application used is not one of this store's: no conflict.
    expect((await store.append(streamId, [newEvent({}, foreignId)], 1)).replayed).toBe(false);
  });

  it('keeps a hash chain per stream in the metadata: verify recomputes it, says what it checked, and names an event changed behind its back', async () => {
    const store = instance();
    const [s1, s2] = [newStreamId(), newStreamId()];
    await store.append(s1, [newEvent({ n: 1 }), newEvent({ n: 2 })], 'no_stream');
    await store.append(s2, [newEvent({ n: 3 })], 'any');
    await store.append(s1, [newEvent({ n: 4 })], 1);
    await store.append(s1, [newEvent({ n: 5 })], 'stream_exists');
    // Written by another client of the same stream, without a seal: its revision is checked, the chain starts again after it.
    await fake.client().appendToStream(s2, [jsonEvent({ type: 'AdapterTested', data: { n: 6 }, metadata: { actor: 'elsewhere' } })], { streamState: 0n });
    await store.append(s2, [newEvent({ n: 7 })], 1);

    expect((await store.readStream(s1)).map((e) => e.metadata)).toEqual([1, 2, 3, 4].map(() => ({ actor: 'test' })));
    expect(await store.verify()).toEqual({ ok: true, checked: 7, chained: false, checks: { streamRevisions: 7, streamChains: 6, logChain: 0, unchained: 1 } });

    const changed = fake.log.find((r) => r.streamId === s1 && r.revision === 2n)!;
    changed.data = { n: 40 };
    const report = await store.verify();
    expect(report).toMatchObject({ ok: false, firstBroken: { streamId: s1, eventId: changed.id, problem: expect.stringMatching(/stream chain broken/) } });
  });

  it('never lets recordedAt go back, along a stream or the log, after a leader change to a node whose clock is behind', async () => {
    const [a, b] = [instance(), instance()];
    const s1 = newStreamId();
    const [first] = (await a.append(s1, [newEvent()], 'no_stream')).events;
    fake.clockOffsetMs = -60_000;
    const [second] = (await a.append(s1, [newEvent()], 0)).events;
    const [third] = (await b.append(newStreamId(), [newEvent()], 'no_stream')).events;
    expect(second.recordedAt >= first.recordedAt).toBe(true);
    expect(third.recordedAt >= second.recordedAt).toBe(true);
    const log = await a.readAll(null, 10);
    expect(log).toEqual([first, second, third]); // the same instants whoever reads them
    expect(fake.log.filter((r) => !r.streamId.startsWith('$')).map((r) => r.created.getTime() < Date.parse(first.recordedAt))).toEqual([false, true, true]);
  });

  it('counts its events for the rebuild’s progress (positions are byte offsets of the server’s log)', async () => {
    const store = instance();
    const seed = seedEvents();
    await store.append('framework-cccs13', seed, 'no_stream');
    const last = (await store.lastPosition())!;
    expect(last).toBeGreaterThan(seed.length * 10);
    expect(await store.countEvents()).toBe(seed.length);
    const progress: { done: number; total: number }[] = [];
    const runner = new Runner(store, new InMemoryMongoReadModels());
    await runner.rebuild((p) => progress.push(p));
    await runner.stop();
    expect(progress.at(-1)).toEqual({ done: seed.length, total: seed.length });
    expect(progress.every((p) => p.total === seed.length)).toBe(true);
  });
});
