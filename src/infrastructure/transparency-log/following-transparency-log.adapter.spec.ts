import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore, NewEvent } from '../event-store/event-store.port.js';
import { KurrentDbEventStore } from '../event-store/kurrentdb/kurrentdb-event-store.adapter.js';
import { FakeKurrentDb } from '../event-store/kurrentdb/testing/fake-kurrentdb.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.adapter.js';
import { FollowingTransparencyLog } from './following-transparency-log.adapter.js';
import { receiptsOf, transparencyLogContract, type TransparencySubject } from './transparency-log.contract.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'following-log-'));
  dirs.push(dir);
  return dir;
}
const quiet = { warn: () => undefined };
/** The KurrentDB adapter reads and writes only its own streams: the ones these tests use. */
const own = { logger: quiet, streamPrefixes: ['contract-', 's'] };
const newEvent = (i: number): NewEvent => ({ eventId: randomUUID(), type: 'Tested', data: { i }, metadata: { actor: 'test' } });

/** A follower on `file` over `events` (which the subject closes only when `ownsEvents`). */
async function followerOn(file: string, events: EventStore, signingKey: KeyObject, reopenEvents: () => EventStore): Promise<TransparencySubject> {
  const log = FollowingTransparencyLog.open(file, events, signingKey, { logger: quiet, retryMs: 20 });
  await log.start();
  return {
    events,
    log,
    reopen: async () => {
      await log.close();
      await events.close();
      return followerOn(file, reopenEvents(), signingKey, reopenEvents);
    },
    close: async () => {
      await log.close();
      await events.close();
    },
  };
}

describe('following transparency log', () => {
  describe('over KurrentDB (the in-memory fake of the client)', () => {
    transparencyLogContract('follower of KurrentDB (transparency.db)', async (signingKey) => {
      const fake = new FakeKurrentDb();
      const open = () => KurrentDbEventStore.withClient(fake.client(), { ...own, readPageSize: 50 });
      return followerOn(join(tempDir(), 'transparency.db'), open(), signingKey, open);
    });
  });

  describe('over a SQLite log that keeps no tree of its own', () => {
    transparencyLogContract('follower of a SQLite log (transparency.db)', async (signingKey) => {
      const dir = tempDir();
      const open = () => SqliteEventStore.open(join(dir, 'events.db'), { pollIntervalMs: 10 });
      return followerOn(join(dir, 'transparency.db'), open(), signingKey, open);
    });
  });

  describe('several instances, one log', () => {
    const { privateKey: key } = generateKeyPairSync('ed25519');
    it('gives the same roots on every instance (each with its own file), and rebuilds a lost file from the log', async () => {
      const fake = new FakeKurrentDb();
      const a = KurrentDbEventStore.withClient(fake.client(), own);
      const b = KurrentDbEventStore.withClient(fake.client(), own);
      const dir = tempDir();
      const logA = FollowingTransparencyLog.open(join(dir, 'a.db'), a, key, { logger: quiet });
      const logB = FollowingTransparencyLog.open(join(dir, 'b.db'), b, key, { logger: quiet });
      await Promise.all([logA.start(), logB.start()]);
      const results = [];
      for (let i = 0; i < 6; i++) results.push(await (i % 2 ? a : b).append(`s-${i % 3}`, [newEvent(i), newEvent(i + 100)], 'any'));
      const last = results.at(-1)!;
      const [ra, rb] = [await receiptsOf(logA, last), await receiptsOf(logB, last)];
      expect(ra?.[1].leafIndex).toBe(11);
      expect(rb?.[1].leafIndex).toBe(11);
      const [ha, hb] = [await logA.head(), await logB.head()];
      expect(ha.treeSize).toBe(12);
      expect(ha.rootHash).toBe(hb.rootHash);
      await logA.close();

      // A new instance with an empty file (the old one lost) rebuilds the same tree from the log.
      const rebuilt = FollowingTransparencyLog.open(join(dir, 'rebuilt.db'), a, key, { logger: quiet });
      await rebuilt.start();
      expect(await rebuilt.waitFor(last.events[1].position, 10_000)).toBe(true);
      expect((await rebuilt.head()).rootHash).toBe(ha.rootHash);
      expect((await rebuilt.verify()).ok).toBe(true);
      await Promise.all([rebuilt.close(), logB.close(), a.close(), b.close()]);
    });

    it('answers null when the follower has not reached an event within the wait', async () => {
      const fake = new FakeKurrentDb();
      const store = KurrentDbEventStore.withClient(fake.client(), own);
      const log = FollowingTransparencyLog.open(join(tempDir(), 'transparency.db'), store, key, { logger: quiet });
      // Not started: it follows nothing.
      const result = await store.append('s', [newEvent(1)], 'any');
      expect(await log.receipts(result.events, { waitMs: 50 })).toBeNull();
      expect(await log.receipt(result.events[0].position)).toBeNull();
      await log.start();
      expect(await receiptsOf(log, result)).toHaveLength(1);
      await Promise.all([log.close(), store.close()]);
    });
  });
});
