import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { NewEvent } from '../event-store.port.js';
import { SqliteEventStore } from './sqlite-event-store.adapter.js';

/** Changes made to the file behind the store's back are detected by `verify`, and located. */
describe('SQLite event store: tamper evidence', () => {
  let dir: string;
  let file: string;
  const streams = ['framework-a', 'framework-b'];
  const event = (i: number): NewEvent => ({
    eventId: randomUUID(),
    type: 'MilestoneNoted',
    data: { effectiveDate: '2001', data: { milestoneId: `m${i}`, name: `MARKER-${String(i).padStart(4, '0')}` } },
    metadata: { actor: 'tester' },
  });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tamper-'));
    file = join(dir, 'events.db');
    const store = SqliteEventStore.open(file);
    for (let i = 0; i < 40; i++) await store.append(streams[i % 2], [event(i)], 'any');
    await store.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** What an intruder with the file can do: bypass the store, drop its guards, write. */
  function tamper(sql: string): void {
    const db = new Database(file);
    db.exec('DROP TRIGGER events_are_immutable; DROP TRIGGER events_are_never_deleted;');
    db.exec(sql);
    db.close();
  }

  async function verify() {
    const store = SqliteEventStore.open(file);
    try {
      return await store.verify();
    } finally {
      await store.close();
    }
  }

  it('finds nothing wrong in an untouched file', async () => {
    expect(await verify()).toEqual({ ok: true, checked: 40, chained: true });
  });

  it('detects a changed event and names it', async () => {
    tamper(`UPDATE events SET data = replace(data, 'MARKER-0017', 'MARKER-9999') WHERE position = 18`);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ position: 18, problem: expect.stringContaining('differs') });
  });

  it('detects a changed recorded-at instant or actor', async () => {
    tamper(`UPDATE events SET recorded_at = '2000-01-01T00:00:00.000Z' WHERE position = 5`);
    expect((await verify()).firstBroken?.position).toBe(5);
  });

  it('detects a deleted event in the middle of the log', async () => {
    tamper('DELETE FROM events WHERE position = 21');
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.firstBroken?.position).toBe(22);
  });

  it('detects deleted events at the end of the log', async () => {
    tamper('DELETE FROM events WHERE position > 37');
    const report = await verify();
    expect(report).toMatchObject({ ok: false, checked: 37, firstBroken: { position: 38 } });
  });

  it('detects an event rewritten with a recomputed stream hash (the log chain still breaks)', async () => {
    const db = new Database(file, { readonly: true });
    const row = db.prepare('SELECT stream_hash FROM events WHERE position = 10').get() as { stream_hash: string };
    db.close();
    tamper(`UPDATE events SET metadata = '{"actor":"intruder"}', stream_hash = '${row.stream_hash}' WHERE position = 10`);
    expect((await verify()).firstBroken?.position).toBe(10);
  });

  it('detects bytes flipped in the file itself', async () => {
    // Checkpoint the WAL into the main file first, so the marker is there.
    const db = new Database(file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const main = readFileSync(file);
    const at = main.indexOf(Buffer.from('MARKER-0023'));
    expect(at).toBeGreaterThan(0);
    main[at + 7] = main[at + 7] === 0x39 ? 0x38 : 0x39;
    writeFileSync(file, main);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.firstBroken?.position).toBe(24);
  });
});
