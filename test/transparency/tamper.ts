import { execFile } from 'node:child_process';
import { randomUUID, type KeyObject } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { AppendResult, NewEvent } from '../../src/infrastructure/event-store/event-store.port.js';
import { GENESIS, link } from '../../src/infrastructure/event-store/sqlite/hash-chain.js';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store.adapter.js';
import { EmbeddedTransparencyLog } from '../../src/infrastructure/transparency-log/embedded-transparency-log.adapter.js';
import type { Receipt } from '../../src/modules/transparency-log/domain/receipt.js';

/**
 * What the attack tests share: a log written by the embedded store with its tree (each append's
 * receipt kept, as a partner keeps them), the command line run for real (`node dist/cli.js`),
 * and the attacker's tools — plain SQL on `events.db`, with the code to recompute the hash chains.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = join(ROOT, 'dist/cli.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], env: Record<string, string>): Promise<Run> {
  const base = { ...process.env };
  for (const key of ['DATA_DIR', 'SEED', 'EVENT_STORE', 'READ_MODEL_STORE', 'API_TOKENS', 'GOVERNANCE_DEBUG', 'SIGNING_KEY_FILE']) delete base[key];
  return new Promise((done, fail) =>
    execFile(process.execPath, [MAIN, ...args], { cwd: ROOT, env: { ...base, ...env }, encoding: 'utf8', timeout: 120_000 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') fail(error);
      else done({ code: error ? (error.code as number) : 0, stdout, stderr });
    }),
  );
}

export const milestone = (i: number, actor = 'secretariat'): NewEvent => ({
  eventId: randomUUID(),
  type: 'MilestoneNoted',
  data: {
    effectiveDate: `20${String(i % 100).padStart(2, '0')}`,
    data: { milestoneId: `m-${i}`, name: `Comité ${i}` },
    source: { document: 'CR', passage: `séance ${i}`, confidence: 'stated' },
  },
  metadata: { actor },
});

/**
 * Appends `count` events (one per append, `concurrency` at a time: group commits) to the store in
 * `dataDir/events.db`, which keeps its tree signed with `key`; returns every append's receipt.
 */
export async function writeLog(dataDir: string, key: KeyObject, count: number, concurrency = 25): Promise<Receipt[]> {
  const store = SqliteEventStore.open(join(dataDir, 'events.db'), { transparency: { signingKey: key } });
  const log = EmbeddedTransparencyLog.of(store, key);
  const receipts: Receipt[] = [];
  try {
    for (let from = 1; from <= count; from += concurrency) {
      const batch: Promise<AppendResult>[] = [];
      for (let i = from; i < Math.min(count + 1, from + concurrency); i++) batch.push(store.append(`framework-f${i % 3}`, [milestone(i)], 'any'));
      for (const result of await Promise.all(batch)) receipts.push(...(await log.receipts(result.events, { logEntry: result.logEntry! }))!);
    }
  } finally {
    await store.close();
  }
  return receipts.sort((a, b) => a.position - b.position);
}

export function writeReceipts(file: string, receipts: readonly Receipt[]): void {
  writeFileSync(file, receipts.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

/** The attacker's handle on events.db, the guards dropped. */
export function tamper(file: string, change: (db: Database.Database) => void): void {
  const db = new Database(file);
  try {
    const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as { name: string }[];
    for (const { name } of triggers) db.exec(`DROP TRIGGER "${name}"`);
    change(db);
  } finally {
    db.close();
  }
}

interface Row {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

/** Recomputes both hash chains over the whole file, as the store computes them: the chains then verify. */
export function rechain(db: Database.Database): void {
  const rows = db.prepare('SELECT position, event_id, stream_id, revision, type, data, metadata, recorded_at FROM events ORDER BY position').all() as Row[];
  const update = db.prepare('UPDATE events SET stream_hash = ?, log_hash = ? WHERE position = ?');
  const streams = new Map<string, string>();
  let logHash = GENESIS;
  db.transaction(() => {
    for (const r of rows) {
      const links = link(
        { eventId: r.event_id, streamId: r.stream_id, revision: r.revision, type: r.type, data: r.data, metadata: r.metadata, recordedAt: r.recorded_at },
        streams.get(r.stream_id) ?? GENESIS,
        logHash,
      );
      streams.set(r.stream_id, links.streamHash);
      logHash = links.logHash;
      update.run(links.streamHash, links.logHash, r.position);
    }
  })();
}

export function rowAt(db: Database.Database, position: number): Row {
  return db.prepare('SELECT position, event_id, stream_id, revision, type, data, metadata, recorded_at FROM events WHERE position = ?').get(position) as Row;
}

/** Writes `row`'s content at `position` (the row there is replaced). */
export function putRow(db: Database.Database, position: number, row: Omit<Row, 'position'>): void {
  db.prepare('DELETE FROM events WHERE position = ?').run(position);
  db.prepare(
    "INSERT INTO events (position, event_id, stream_id, revision, type, data, metadata, recorded_at, stream_hash, log_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', '')",
  ).run(position, row.event_id, row.stream_id, row.revision, row.type, row.data, row.metadata, row.recorded_at);
}
