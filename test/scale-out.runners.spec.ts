import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { EventStore, StoredEvent } from '../src/infrastructure/event-store/event-store.port.js';
import { streamIdOf } from '../src/infrastructure/event-store/framework-stream.js';
import { SqliteEventStore } from '../src/infrastructure/event-store/sqlite/sqlite-event-store.adapter.js';
import { ProjectionRunner } from '../src/infrastructure/projection/projection-runner.js';
import type { ProjectionChange } from '../src/infrastructure/read-models/read-model.port.js';
import { seedEvents } from '../src/modules/frameworks/seed/seed-loader.js';
import { sleep, waitFor } from '../src/infrastructure/event-store/testing/wait.js';
import { gated, inMemoryMongoReadModels, randomAppends, rebuiltDump, reporting, sqliteReadModels, type SharedReadModels } from './scale-out.runner-stores.js';

/**
 * Several projection runners on one read-model store — what every instance started with the
 * default PROJECTION=on runs — with the real runner code, on the SQLite read models (one file, a
 * connection per runner, as separate processes) and on the MongoDB adapter's logic (its commit
 * over in-memory collections with transaction semantics). Whatever the interleaving, the read
 * models must equal a fresh rebuild by one runner.
 */

let dir: string;
const opened: { close(): Promise<void> }[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'governance-runners-'));
});
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

function eventStore(file: string): EventStore {
  const store = SqliteEventStore.open(file, { pollIntervalMs: 20 });
  opened.push(store);
  return store;
}

async function wholeLog(store: EventStore): Promise<StoredEvent[]> {
  const log: StoredEvent[] = [];
  for (let page = await store.readAll(null, 500); page.length > 0; page = await store.readAll(page[page.length - 1].position, 500)) log.push(...page);
  return log;
}

const kinds: [string, () => SharedReadModels][] = [
  ['SQLite read models', () => sqliteReadModels(dir)],
  ['MongoDB adapter logic', () => inMemoryMongoReadModels()],
];

describe.each(kinds)('several projection runners on one store: %s', (_, make) => {
  it('a lagging runner that reloads a framework the leading one has advanced applies nothing twice (the CCCS13 history, 35 events)', async () => {
    const file = join(dir, `events-${randomUUID()}.db`);
    const [eventsA, eventsB] = [eventStore(file), eventStore(file)];
    await eventsA.append(streamIdOf('cccs13'), seedEvents(), 'no_stream');
    const log = await wholeLog(eventsA);
    expect(log).toHaveLength(35);
    const held = log[19].position; // the leading runner is held after 20 events
    const last = log[34].position;
    const shared = make();
    const probe = shared.open();

    let releaseA!: () => void;
    const aHeld = new Promise<void>((resolve) => (releaseA = resolve));
    const storeA = gated(shared.open(), async (method, args) => {
      if (method === 'commit' && (args[0] as ProjectionChange[]).some((c) => c.position > held)) await aHeld;
    });
    let openB!: () => void;
    const leaderAtHold = new Promise<void>((resolve) => (openB = resolve));
    const storeB = gated(shared.open(), async (method) => {
      // The lagging runner reads the framework only once the leading one has stored 20 events.
      if (['projectionState', 'frameworkEvents', 'currentSegments'].includes(method)) await leaderAtHold;
    });
    let aDone = false;
    let bDone = false;
    const runnerB = new ProjectionRunner(reporting(eventsB, (p) => (bDone ||= p === last)), storeB);
    const runnerA = new ProjectionRunner(reporting(eventsA, (p) => (aDone ||= p === last)), storeA);
    try {
      await runnerB.start(); // from the empty read models: its first event waits for the framework
      await runnerA.start();
      while ((await probe.checkpoint()) !== held) await sleep(5);
      openB();
      await waitFor(() => bDone, 20_000);
      releaseA();
      await waitFor(() => aDone, 20_000);
    } finally {
      openB();
      releaseA();
      await Promise.all([runnerA.stop(), runnerB.stop()]);
    }

    expect(await probe.getFramework('cccs13')).toMatchObject({ revision: 34, eventCount: 35 });
    expect((await probe.frameworkEvents('cccs13')).map((e) => e.eventId)).toEqual(log.map((e) => e.eventId));
    expect(await shared.dump()).toEqual(await rebuiltDump(shared, eventsA));
    await shared.close();
  }, 60_000);

  it.each([1, 2, 3, 4, 5, 6])('three runners at random speeds, one restarted midway, appends while they run (seed %i): the read models equal a rebuild', async (seed) => {
    const file = join(dir, `events-${randomUUID()}.db`);
    const writer = eventStore(file);
    const appends = randomAppends(seed, 4, 12);
    const before = appends.slice(0, Math.floor(appends.length / 3));
    const during = appends.slice(before.length);
    for (const { streamId, event } of before) await writer.append(streamId, [event], 'any');
    const shared = make();
    let random = seed;
    const next = () => ((random = (random * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const handled = new Map<number, number>();
    const runner = (r: number) =>
      new ProjectionRunner(
        reporting(eventStore(file), (p) => handled.set(r, p)),
        gated(shared.open(), () => (next() < 0.5 ? sleep(Math.floor(next() * 3)) : Promise.resolve())),
      );
    const runners = [runner(0), runner(1), runner(2)];
    try {
      await Promise.all(runners.map((r) => r.start()));
      for (const [i, { streamId, event }] of during.entries()) {
        await writer.append(streamId, [event], 'any');
        if (i === Math.floor(during.length / 2)) {
          // One runner stops mid-stream and another process starts in its place, from the stored checkpoint.
          await runners[1].stop();
          runners[1] = runner(3);
          await runners[1].start();
        }
        if (next() < 0.3) await sleep(1);
      }
      const last = (await writer.lastPosition())!;
      await waitFor(() => [0, 2, 3].every((r) => handled.get(r) === last), 30_000);
    } finally {
      await Promise.all(runners.map((r) => r.stop()));
    }
    const dump = await shared.dump();
    expect(dump).toEqual(await rebuiltDump(shared, writer));
    expect(JSON.stringify(dump)).toContain(`fw-${seed}-3`);
    await shared.close();
  }, 60_000);

  it('a runner fed from another log than the one the read models hold stops at its first conflicting commit, and says why', async () => {
    const shared = make();
    const [ours, theirs] = [eventStore(join(dir, `events-${randomUUID()}.db`)), eventStore(join(dir, `events-${randomUUID()}.db`))];
    for (const log of [ours, theirs]) for (const { streamId, event } of randomAppends(7, 1, 6)) await log.append(streamId, [event], 'any');
    let openB!: () => void;
    const bMayCommit = new Promise<void>((resolve) => (openB = resolve));
    const runnerA = new ProjectionRunner(ours, shared.open());
    const runnerB = new ProjectionRunner(theirs, gated(shared.open(), async (method) => (method === 'commit' ? bMayCommit : undefined)));
    try {
      await runnerB.start(); // the read models are empty: nothing to compare yet
      await runnerA.start();
      const last = (await ours.lastPosition())!;
      expect(await runnerA.waitFor(last, 10_000)).toBe(true);
      openB();
      await waitFor(() => runnerB.status.problem !== undefined, 10_000);
      expect(runnerB.status).toMatchObject({ status: 'down', problem: 'log-mismatch', action: expect.stringContaining('governance rebuild') });
      expect(runnerB.status.detail).toMatch(/projected from another log/);
      expect(await runnerB.waitFor(1, 1000)).toBe(false);
    } finally {
      openB();
      await Promise.all([runnerA.stop(), runnerB.stop()]);
    }
    expect(await shared.dump()).toEqual(await rebuiltDump(shared, ours));
    await shared.close();
  }, 60_000);
});
