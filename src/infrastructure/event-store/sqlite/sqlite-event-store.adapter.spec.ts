import { createHash, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { eventStoreContract } from '../contract/event-store.contract.js';
import { EventIdConflict, WrongExpectedRevision, type NewEvent, type StoredEvent } from '../event-store.port.js';
import { SqliteEventStore } from './sqlite-event-store.adapter.js';
import { sleep, waitFor } from '../testing/wait.js';
import { raceAppends } from './testing/thread-race.js';

const dirs: string[] = [];

/** A fresh temp dir, removed after all tests. */
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'es-'));
  dirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function newEvent(data: Record<string, unknown> = {}): NewEvent {
  return { eventId: randomUUID(), type: 'SqliteTested', data, metadata: {} };
}

describe('SqliteEventStore', () => {
  // One file for the whole contract suite, reopened for each test: the log grows as a shared one would.
  const contractFile = path.join(tempDir(), 'contract', 'events.sqlite');
  eventStoreContract('sqlite (file)', async () => SqliteEventStore.open(contractFile), undefined, {
    openEmpty: async () => SqliteEventStore.open(path.join(tempDir(), 'events.sqlite')),
  });
  eventStoreContract('sqlite (memory)', async () => SqliteEventStore.open(':memory:'), undefined, {
    openEmpty: async () => SqliteEventStore.open(':memory:'),
  });

  describe('file', () => {
    let dir: string;
    let file: string;
    const opened: SqliteEventStore[] = [];

    function open(options?: Parameters<typeof SqliteEventStore.open>[1]): SqliteEventStore {
      const store = SqliteEventStore.open(file, options);
      opened.push(store);
      return store;
    }

    beforeEach(() => {
      dir = tempDir();
      file = path.join(dir, 'data', 'events.sqlite');
    });

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });

    it('creates its directory and a WAL-mode file with the events schema, idempotently', async () => {
      await open().close();
      await open().close(); // schema creation is idempotent

      const db = new Database(file, { readonly: true });
      try {
        expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
        expect(db.pragma('user_version', { simple: true })).toBe(1);
        const columns = (db.pragma('table_info(events)') as { name: string; notnull: number; pk: number }[]).map(
          (c) => [c.name, c.notnull, c.pk],
        );
        expect(columns).toEqual([
          ['position', 0, 1],
          ['event_id', 1, 0],
          ['stream_id', 1, 0],
          ['revision', 1, 0],
          ['type', 1, 0],
          ['data', 1, 0],
          ['metadata', 1, 0],
          ['recorded_at', 1, 0],
          ['stream_hash', 1, 0],
          ['log_hash', 1, 0],
        ]);
      } finally {
        db.close();
      }
    });

    it('keeps every event across close and reopen, with the same positions and instants', async () => {
      const store = open();
      const a = `s-${randomUUID()}`;
      const b = `s-${randomUUID()}`;
      await store.append(a, [newEvent({ n: 1, text: 'é' }), newEvent({ n: 2 })], 'no_stream');
      await store.append(b, [newEvent({ nested: { deep: [1, { x: null }] } })], 'no_stream');
      await store.append(a, [newEvent({ n: 3 })], 1);
      const before = await store.readAll(null, 1000);
      await store.close();

      const reopened = open();
      expect(await reopened.readAll(null, 1000)).toEqual(before);
      expect(await reopened.streamRevision(a)).toBe(2);
      expect(await reopened.streamRevision(b)).toBe(0);

      // Positions go on after the last one; ids stay idempotent across restarts.
      const next = await reopened.append(a, [newEvent()], 2);
      expect(next.events[0].position).toBeGreaterThan(before[before.length - 1].position);
      const replay = await reopened.append(b, [{ ...newEvent(), eventId: before[2].eventId }], 'no_stream');
      expect(replay).toMatchObject({ replayed: true, events: [before[2]] });
    });

    it('leaves the file unchanged when an append fails', async () => {
      const store = open();
      const streamId = `s-${randomUUID()}`;
      const taken = newEvent();
      await store.append(streamId, [taken, newEvent()], 'no_stream');
      const before = fileDigest(file);

      await expect(store.append(streamId, [newEvent()], 0)).rejects.toBeInstanceOf(WrongExpectedRevision);
      await expect(store.append(streamId, [newEvent()], 'no_stream')).rejects.toBeInstanceOf(WrongExpectedRevision);
      await expect(store.append(`s-${randomUUID()}`, [taken], 'any')).rejects.toBeInstanceOf(EventIdConflict);
      await expect(store.append(streamId, [newEvent(), taken], 'any')).rejects.toBeInstanceOf(EventIdConflict);

      expect(fileDigest(file)).toEqual(before);
      expect(await store.readAll(null, 100)).toHaveLength(2);
    });

    it('commits concurrent appends in one group, where a refused append undoes only itself', async () => {
      const store = open();
      const streams = Array.from({ length: 20 }, () => `s-${randomUUID()}`);
      const calls = streams.map((streamId, i) => store.append(streamId, [newEvent(), newEvent()], i === 7 ? 3 : 'no_stream'));
      const outcomes = await Promise.allSettled(calls);
      expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(1);
      expect((outcomes[7] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevision);
      for (const [i, streamId] of streams.entries()) {
        expect(await store.readStream(streamId)).toHaveLength(i === 7 ? 0 : 2);
      }
      const positions = (await store.readAll(null, 1000)).map((e) => e.position);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(positions).toHaveLength(38);
    });

    it('writes appends already queued before it closes', async () => {
      const store = open();
      const streamId = `s-${randomUUID()}`;
      const pending = store.append(streamId, [newEvent()], 'no_stream');
      await store.close();
      await expect(pending).resolves.toMatchObject({ nextRevision: 0 });
      const reopened = open();
      expect(await reopened.readStream(streamId)).toHaveLength(1);
    });

    it('rolls the whole append back when the database refuses one of its events', async () => {
      // Make the database itself fail on the second event of an append. The trigger is created
      // before the store opens its connection, so its prepared statements see it.
      await open().close();
      withRawConnection(file, (db) =>
        db.exec(`CREATE TRIGGER refuse_boom BEFORE INSERT ON events WHEN NEW.type = 'Boom'
                 BEGIN SELECT RAISE(ABORT, 'boom'); END`),
      );
      const store = open();
      const streamId = `s-${randomUUID()}`;
      await store.append(streamId, [newEvent()], 'no_stream');

      const first = newEvent();
      await expect(store.append(streamId, [first, { ...newEvent(), type: 'Boom' }], 0)).rejects.toThrow('boom');
      expect(await store.streamRevision(streamId)).toBe(0);
      expect(await store.findEvent(first.eventId)).toBeNull();

      withRawConnection(file, (db) => db.exec('DROP TRIGGER refuse_boom'));
      const retried = await store.append(streamId, [first], 0);
      expect(retried.events[0].revision).toBe(1);
    });

    it('lets exactly one of concurrent appends from several threads win', async () => {
      const store = open();
      const streamId = `s-${randomUUID()}`;
      await store.append(streamId, [newEvent()], 'no_stream');

      const outcomes = await raceAppends(file, streamId, 6, tempDir());
      expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
      const lost = outcomes.filter((o) => !o.ok);
      expect(lost).toHaveLength(5);
      for (const o of lost) expect(o).toMatchObject({ wrongExpectedRevision: true, actual: 1 });

      const stream = await store.readStream(streamId);
      expect(stream.map((e) => e.revision)).toEqual([0, 1]);
    });

    it('refuses to rewrite or delete stored events', async () => {
      const store = open();
      await store.append(`s-${randomUUID()}`, [newEvent({ v: 1 })], 'no_stream');

      withRawConnection(file, (db) => {
        expect(() => db.exec(`UPDATE events SET data = '{"v":2}'`)).toThrow('events are immutable');
        expect(() => db.exec('DELETE FROM events')).toThrow('events are never deleted');
      });
      expect((await store.readAll(null, 10))[0].data).toEqual({ v: 1 });
    });

    it('refuses a file written by a newer schema version', async () => {
      await open().close();
      withRawConnection(file, (db) => db.pragma('user_version = 2'));
      expect(() => SqliteEventStore.open(file)).toThrow(/schema version 2/);
    });

    it('delivers to a live subscription the events appended through another connection', async () => {
      const reader = open({ pollIntervalMs: 20 });
      const writer = SqliteEventStore.open(file);
      opened.push(writer);
      const streamId = `s-${randomUUID()}`;
      const delivered: StoredEvent[] = [];
      const subscription = reader.subscribe({ fromPosition: null, handler: (e) => void delivered.push(e) });

      const appended = (await writer.append(streamId, [newEvent(), newEvent()], 'no_stream')).events;
      await waitFor(() => delivered.length === 2);
      expect(delivered).toEqual(appended);
      await subscription.close();
    });
  });

  describe('recordedAt', () => {
    it('gives the events of one append one instant, and reuses the last instant when the clock goes back', async () => {
      let now = new Date('2026-03-01T10:00:00.000Z');
      const store = SqliteEventStore.open(':memory:', { now: () => now });
      try {
        const first = await store.append('s', [newEvent(), newEvent(), newEvent()], 'no_stream');
        expect(new Set(first.events.map((e) => e.recordedAt))).toEqual(new Set(['2026-03-01T10:00:00.000Z']));

        now = new Date('2026-03-01T09:59:59.123Z'); // the clock went back
        const second = await store.append('s', [newEvent()], 2);
        expect(second.events[0].recordedAt).toBe('2026-03-01T10:00:00.000Z');

        now = new Date('2026-03-01T10:00:00.001Z');
        const third = await store.append('t', [newEvent()], 'no_stream');
        expect(third.events[0].recordedAt).toBe('2026-03-01T10:00:00.001Z');
      } finally {
        await store.close();
      }
    });
  });

  describe('arguments and lifecycle', () => {
    let store: SqliteEventStore;

    beforeEach(() => {
      store = SqliteEventStore.open(':memory:');
    });

    afterEach(async () => {
      await store.close();
    });

    it('refuses invalid appends before touching the log', async () => {
      const streamId = `s-${randomUUID()}`;
      await expect(store.append(streamId, [], 'any')).rejects.toThrow(/no events/);
      await expect(store.append('', [newEvent()], 'any')).rejects.toThrow(TypeError);
      await expect(store.append(streamId, [newEvent()], -1)).rejects.toThrow(TypeError);
      await expect(store.append(streamId, [newEvent()], 1.5)).rejects.toThrow(TypeError);
      await expect(store.append(streamId, [{ ...newEvent(), eventId: 'not-a-uuid' }], 'any')).rejects.toThrow(TypeError);
      await expect(store.append(streamId, [{ ...newEvent(), type: '' }], 'any')).rejects.toThrow(TypeError);
      await expect(store.append(streamId, [{ ...newEvent(), data: null as never }], 'any')).rejects.toThrow(TypeError);
      const duplicate = newEvent();
      await expect(store.append(streamId, [duplicate, duplicate], 'any')).rejects.toBeInstanceOf(EventIdConflict);
      await expect(store.readAll(null, 0)).rejects.toThrow(RangeError);
      expect(await store.readAll(null, 10)).toEqual([]);
    });

    it('compares event ids case-insensitively, as UUIDs', async () => {
      const event = newEvent();
      const upper = { ...event, eventId: event.eventId.toUpperCase() };
      const first = await store.append('s', [upper], 'no_stream');
      expect(first.events[0].eventId).toBe(event.eventId);
      expect((await store.append('s', [event], 'no_stream')).replayed).toBe(true);
      expect(await store.findEvent(upper.eventId)).toEqual(first.events[0]);
    });

    it('closes its subscriptions on close, then refuses work and reports down', async () => {
      let release!: () => void;
      const blocked = new Promise<void>((resolve) => (release = resolve));
      let finished = false;
      store.subscribe({
        fromPosition: null,
        handler: async () => {
          await blocked;
          finished = true;
        },
      });
      await store.append('s', [newEvent()], 'no_stream');
      await sleep(20);

      const closing = store.close();
      await sleep(20);
      expect(finished).toBe(false);
      release();
      await closing;
      expect(finished).toBe(true);

      expect(await store.health()).toEqual({ status: 'down', detail: 'event store is closed' });
      await expect(store.append('s', [newEvent()], 'any')).rejects.toThrow('closed');
      expect(() => store.subscribe({ fromPosition: null, handler: () => undefined })).toThrow('closed');
    });
  });
});

/** sha256 of the database file and its WAL. */
function fileDigest(file: string): Record<string, string> {
  const digest: Record<string, string> = {};
  for (const f of [file, `${file}-wal`]) {
    digest[path.basename(f)] = fs.existsSync(f) ? createHash('sha256').update(fs.readFileSync(f)).digest('hex') : 'absent';
  }
  return digest;
}

function withRawConnection(file: string, use: (db: Database.Database) => void): void {
  const db = new Database(file);
  try {
    use(db);
  } finally {
    db.close();
  }
}
