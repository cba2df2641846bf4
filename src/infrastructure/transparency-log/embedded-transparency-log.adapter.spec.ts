import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { NewEvent, StoredEvent } from '../event-store/event-store.port.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.adapter.js';
import { LogBehindTree } from '../event-store/sqlite/sqlite-tree-recording.js';
import { leafData } from '../../modules/transparency-log/domain/leaf-data.js';
import { verifyConsistency } from '../../modules/transparency-log/domain/merkle.js';
import { verifyReceipt } from '../../modules/transparency-log/domain/receipt.js';
import { TransparencyLog } from '../../modules/transparency-log/domain/transparency-log.js';
import { InMemoryTreeNodeStore } from '../../modules/transparency-log/domain/tree-node-store.js';
import { EmbeddedTransparencyLog } from './embedded-transparency-log.adapter.js';
import { receiptsOf, transparencyLogContract, type TransparencySubject } from './transparency-log.contract.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'embedded-log-'));
  dirs.push(dir);
  return join(dir, 'events.db');
}

function subjectOn(file: string, signingKey: KeyObject): TransparencySubject {
  const events = SqliteEventStore.open(file, { transparency: { signingKey } });
  const log = EmbeddedTransparencyLog.of(events, signingKey);
  return {
    events,
    log,
    reopen: async () => {
      await events.close();
      return subjectOn(file, signingKey);
    },
    close: () => events.close(),
  };
}

transparencyLogContract('embedded (events.db)', async (signingKey) => subjectOn(tempFile(), signingKey));

const newEvent = (i: number): NewEvent => ({ eventId: randomUUID(), type: 'Tested', data: { i }, metadata: { actor: 'test' } });
const hex = (hash: Uint8Array) => Buffer.from(hash).toString('hex');

/** The root of a tree computed from scratch over `events` (in order). */
function rootOf(events: readonly StoredEvent[], key: KeyObject): string {
  const reference = new TransparencyLog(new InMemoryTreeNodeStore(), key);
  reference.record(events);
  return hex(reference.tree.root());
}

describe('embedded transparency log: in the append transaction', () => {
  const { privateKey: key, publicKey } = generateKeyPairSync('ed25519');
  let file: string;
  const opened: SqliteEventStore[] = [];
  const open = (withTree = true) => {
    const store = SqliteEventStore.open(file, withTree ? { transparency: { signingKey: key } } : {});
    opened.push(store);
    return store;
  };
  beforeEach(() => {
    file = tempFile();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });

  it('records the appends of one group commit in position order, each once, under one head; a refused append leaves no leaf', async () => {
    const store = open();
    const log = EmbeddedTransparencyLog.of(store, key);
    // Made in one tick: one group, one transaction; the second is refused (wrong revision).
    const results = await Promise.allSettled([
      store.append('s-1', [newEvent(1), newEvent(2)], 'no_stream'),
      store.append('s-1', [newEvent(3)], 5),
      store.append('s-2', [newEvent(4)], 'no_stream'),
      store.append('s-1', [newEvent(5)], 1),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const ok = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const heads = new Set(ok.map((r) => r.logEntry!.treeHead.signature));
    expect(heads.size).toBe(1);
    expect(ok.flatMap((r) => r.logEntry!.leaves)).toEqual(ok.flatMap((r) => r.events).map((e, i) => ({ leafIndex: i, position: e.position })));
    const all = await store.readAll(null, 100);
    expect(all).toHaveLength(4);
    expect(ok[0].logEntry!.treeHead).toMatchObject({ treeSize: 4, rootHash: rootOf(all, key) });
    for (const result of ok) {
      for (const [i, receipt] of (await receiptsOf(log, result))!.entries()) expect(verifyReceipt(receipt, publicKey, leafData(result.events[i]))).toEqual({ ok: true });
    }
  });

  it('records the events of a store made before the tree existed, in one transaction, before the first new append', async () => {
    const legacy = open(false);
    for (let i = 0; i < 25; i++) await legacy.append(`s-${i % 3}`, [newEvent(i)], 'any');
    await legacy.close();
    const tables = new Database(file, { readonly: true });
    expect(tables.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'transparency_%' AND type = 'table'").all()).toEqual([]);
    tables.close();

    const store = open();
    const log = EmbeddedTransparencyLog.of(store, key);
    const old = await store.readAll(null, 100);
    const caughtUp = await log.head();
    expect(caughtUp).toMatchObject({ treeSize: 25, rootHash: rootOf(old, key) });
    const next = await store.append('s-0', [newEvent(99)], 'any');
    expect(next.logEntry!.leaves).toEqual([{ leafIndex: 25, position: next.events[0].position }]);
    const later = next.logEntry!.treeHead;
    const proof = (await log.consistencyProof(25, 26)).map((h) => Buffer.from(h, 'hex'));
    expect(verifyConsistency({ fromSize: 25, toSize: 26, fromRoot: Buffer.from(caughtUp.rootHash, 'hex'), toRoot: Buffer.from(later.rootHash, 'hex'), proof })).toBe(true);
    expect((await log.verify()).ok).toBe(true);
  });

  it('catches up with events another process appended without the tree, at its next commit', async () => {
    const store = open();
    const other = open(false);
    await store.append('s', [newEvent(1)], 'any');
    await other.append('s', [newEvent(2)], 'any');
    await other.append('t', [newEvent(3)], 'any');
    const mine = await store.append('s', [newEvent(4)], 'any');
    expect(mine.logEntry!.leaves).toEqual([{ leafIndex: 3, position: mine.events[0].position }]);
    expect(mine.logEntry!.treeHead).toMatchObject({ treeSize: 4, rootHash: rootOf(await store.readAll(null, 10), key) });
  });

  it('refuses every append once an event the tree recorded is removed from the log (the sequence rewound), naming it', async () => {
    const store = open();
    for (let i = 0; i < 5; i++) await store.append('s', [newEvent(i)], 'any');
    await store.close();
    const db = new Database(file);
    db.exec('DROP TRIGGER events_are_never_deleted; DELETE FROM events WHERE position = 5; UPDATE sqlite_sequence SET seq = 4 WHERE name = \'events\';');
    db.close();
    const reopened = open();
    const error = await reopened.append('s', [newEvent(9)], 'any').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LogBehindTree);
    expect((error as LogBehindTree).position).toBe(5);
    expect(await reopened.readAll(null, 10)).toHaveLength(4);
  });

  it('records a restored backup as its tree in the restore transaction: the original roots, so receipts issued before still verify', async () => {
    const original = open();
    const receipts = [];
    for (let i = 0; i < 7; i++) receipts.push(...(await receiptsOf(EmbeddedTransparencyLog.of(original, key), await original.append(`s-${i % 2}`, [newEvent(i)], 'any')))!);
    const records = await original.readAll(null, 100);
    const head = await EmbeddedTransparencyLog.of(original, key).head();

    file = tempFile();
    const restored = open();
    await restored.restore(records);
    const log = EmbeddedTransparencyLog.of(restored, key);
    expect(await log.head()).toMatchObject({ treeSize: 7, rootHash: head.rootHash });
    for (const receipt of receipts) {
      const proof = (await log.consistencyProof(receipt.treeHead.treeSize, 7)).map((h) => Buffer.from(h, 'hex'));
      expect(verifyConsistency({ fromSize: receipt.treeHead.treeSize, toSize: 7, fromRoot: Buffer.from(receipt.treeHead.rootHash, 'hex'), toRoot: Buffer.from(head.rootHash, 'hex'), proof })).toBe(true);
    }
    expect((await log.verify()).ok).toBe(true);
  });
});
