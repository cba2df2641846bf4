import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { NewEvent, StoredEvent } from '../event-store.port.js';
import { SqliteEventStore } from './sqlite-event-store.adapter.js';

/** Backups of the embedded store: `restore` copies the records and recomputes the same chains. */
describe('SQLite event store: restore and chain head', () => {
  let dir: string;
  const opened: SqliteEventStore[] = [];
  const open = (name: string) => {
    const store = SqliteEventStore.open(join(dir, name));
    opened.push(store);
    return store;
  };
  const event = (i: number, actor = 'tester'): NewEvent => ({
    eventId: randomUUID(),
    type: 'MilestoneNoted',
    data: { effectiveDate: '2001', data: { milestoneId: `m${i}`, name: `Milestone ${i}` }, source: { document: 'd', passage: 'p', confidence: 'stated' } },
    metadata: { actor, requestHash: `h${i}`, correlationId: randomUUID() },
  });
  const everything = async (store: SqliteEventStore) => {
    const log: StoredEvent[] = [];
    for (let page = await store.readAll(null, 50); page.length > 0; page = await store.readAll(page[page.length - 1].position, 50)) log.push(...page);
    return log;
  };
  /** The rows as the file holds them, chains included. */
  const rows = (file: string) => {
    const db = new Database(join(dir, file), { readonly: true });
    try {
      return db.prepare('SELECT position, event_id, stream_id, revision, data, metadata, recorded_at, stream_hash, log_hash FROM events ORDER BY position').all();
    } finally {
      db.close();
    }
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'restore-'));
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  async function sourceWithHistory(): Promise<{ source: SqliteEventStore; log: StoredEvent[] }> {
    const source = open('source.db');
    for (let i = 0; i < 30; i++) {
      // Concurrent appends to three streams: group commits, interleaved positions.
      await Promise.all([0, 1, 2].map((s) => source.append(`framework-s${s}`, [event(i * 3 + s)], 'any')));
    }
    await source.append('framework-s0', [event(100), event(101)], 'any');
    return { source, log: await everything(source) };
  }

  it('reproduces every row of the file, both chains included, and the chain head is the last log hash', async () => {
    const { source, log } = await sourceWithHistory();
    const target = open('target.db');
    await target.restore(log);
    expect(rows('target.db')).toEqual(rows('source.db'));
    const last = rows('source.db').at(-1) as { log_hash: string };
    expect(await source.chainHead()).toBe(last.log_hash);
    expect(await target.chainHead()).toBe(last.log_hash);
  });

  it('is durable: reopened, the restored file verifies and keeps its chain head', async () => {
    const { source, log } = await sourceWithHistory();
    const target = open('target.db');
    await target.restore(log);
    await target.close();
    const reopened = open('target.db');
    expect(await reopened.verify()).toEqual({ ok: true, checked: log.length, chained: true });
    expect(await reopened.chainHead()).toBe(await source.chainHead());
  });

  it('restores what verify would refuse to call intact only if it is: a changed record gives another chain head', async () => {
    const { source, log } = await sourceWithHistory();
    const altered = log.map((e, i) => (i === 10 ? { ...e, metadata: { ...e.metadata, actor: 'intruder' } } : e));
    const target = open('target.db');
    await target.restore(altered);
    expect((await target.verify()).ok).toBe(true); // a consistent log of its own…
    expect(await target.chainHead()).not.toBe(await source.chainHead()); // …but not the same one
  });

  it('wakes live subscriptions at once', async () => {
    const { log } = await sourceWithHistory();
    const target = open('target.db');
    const delivered: StoredEvent[] = [];
    const subscription = target.subscribe({ fromPosition: null, handler: (e) => void delivered.push(e) });
    try {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await target.restore(log);
      const deadline = Date.now() + 5000;
      while (delivered.length < log.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(delivered).toEqual(log);
    } finally {
      await subscription.close();
    }
  });

  it('lets only one of two connections restore into the same file', async () => {
    const { log } = await sourceWithHistory();
    const first = open('target.db');
    const second = open('target.db');
    const outcomes = await Promise.allSettled([first.restore(log), second.restore(log)]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult).reason.message).toMatch(/not empty/);
    expect(await everything(second)).toEqual(log);
  });

  it('refuses a file whose events were deleted behind its back (positions already used)', async () => {
    const { log } = await sourceWithHistory();
    const target = open('target.db');
    await target.append('framework-x', [event(1)], 'no_stream');
    await target.close();
    const db = new Database(join(dir, 'target.db'));
    db.exec('DROP TRIGGER events_are_never_deleted; DELETE FROM events;');
    db.close();
    const reopened = open('target.db');
    await expect(reopened.restore(log)).rejects.toThrow(/not empty \(0 events, positions used up to 1\)/);
    expect(await reopened.lastPosition()).toBeNull();
  });

  it('keeps appending after a restore with the store clock never going back', async () => {
    const { log } = await sourceWithHistory();
    const future = log.map((e) => ({ ...e, recordedAt: '2999-01-01T00:00:00.000Z' }));
    const target = open('target.db');
    await target.restore(future);
    const next = await target.append('framework-s1', [event(200)], 29);
    expect(next.events[0]).toMatchObject({ revision: 30, recordedAt: '2999-01-01T00:00:00.000Z' });
    expect(next.events[0].position).toBeGreaterThan(log.at(-1)!.position);
    expect((await target.verify()).ok).toBe(true);
  });
});
