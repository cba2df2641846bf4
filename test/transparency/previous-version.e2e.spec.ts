import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store.adapter.js';
import { leafData } from '../../src/modules/transparency-log/domain/leaf-data.js';
import { verifyConsistency } from '../../src/modules/transparency-log/domain/merkle.js';
import { verifyReceipt } from '../../src/modules/transparency-log/domain/receipt.js';
import { TransparencyLog } from '../../src/modules/transparency-log/domain/transparency-log.js';
import { InMemoryTreeNodeStore } from '../../src/modules/transparency-log/domain/tree-node-store.js';
import { ADMIN_TOKEN, RECORDER_TOKEN, bearer, call, milestone, start } from '../security/support.js';

/**
 * A data directory made by the previous version — its events, no tree, no signing key — opened by
 * this one: the events already there become the tree's first leaves (in position order, one
 * transaction, one signed head) before the first new append, and receipts go on from there.
 */

const bytes = (hex: string) => Buffer.from(hex, 'hex');
/** The log's events after `after`, read with a store that keeps no tree (it changes nothing). */
async function readLog(file: string, after: number | null = null) {
  const store = SqliteEventStore.open(file);
  try {
    return await store.readAll(after, 100_000);
  } finally {
    await store.close();
  }
}
const transparencyTables = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'transparency_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
  } finally {
    db.close();
  }
};

describe('a data directory made by the previous version (events without a tree)', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'previous-version-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('records the events already there as the tree, then receipts the next append after them', async () => {
    // The previous version: the event store without the tree, and the seeded CCCS13 history in it.
    const file = join(dataDir, 'events.db');
    const legacy = SqliteEventStore.open(file);
    await legacy.close();
    const first = await start({}, dataDir);
    const seeded = await readLog(file);
    await first.close();
    // …as it left the directory: no tree tables, no key.
    const db = new Database(file);
    for (const table of transparencyTables(file)) db.exec(`DROP TABLE ${table}`);
    db.close();
    rmSync(join(dataDir, 'log-signing-key.pem'), { force: true });
    expect(transparencyTables(file)).toEqual([]);
    expect(seeded.length).toBeGreaterThan(20);
    const old = await readLog(file);
    expect(old).toEqual(seeded);

    const service = await start({}, dataDir);
    try {
      expect(existsSync(join(dataDir, 'log-signing-key.pem'))).toBe(true);
      const publicKey = createPublicKey((await call(`${service.url}/api/log/key`)).body.publicKeyPem);
      const head = (await call(`${service.url}/api/log/head`)).body;
      // The root is a function of the events alone (the key only signs it).
      const reference = new TransparencyLog(new InMemoryTreeNodeStore(), generateKeyPairSync('ed25519').privateKey);
      reference.record(old);
      expect(head).toMatchObject({ treeSize: old.length, rootHash: Buffer.from(reference.tree.root()).toString('hex') });

      const appended = await call(`${service.url}/api/frameworks/cccs13/events`, { method: 'POST', json: milestone('after-upgrade', '2024'), headers: bearer(RECORDER_TOKEN) });
      expect(appended.status).toBe(201);
      expect(appended.body.receipt).toMatchObject({ leafIndex: old.length, position: appended.body.position, treeHead: { treeSize: old.length + 1 } });
      const [stored] = await readLog(file, old.at(-1)!.position);
      expect(verifyReceipt(appended.body.receipt, publicKey, leafData(stored))).toEqual({ ok: true });
      // The head signed at the upgrade is extended by the one after the append.
      const later = appended.body.receipt.treeHead;
      const proof = (await call(`${service.url}/api/log/proof/consistency?from=${old.length}&to=${later.treeSize}`)).body;
      expect(proof.fromHead).toEqual(head);
      expect(verifyConsistency({ fromSize: old.length, toSize: later.treeSize, fromRoot: bytes(head.rootHash), toRoot: bytes(later.rootHash), proof: proof.proof.map(bytes) })).toBe(true);
      // An old event has its receipt too.
      const oldReceipt = (await call(`${service.url}/api/log/receipt?position=${old[3].position}`)).body;
      expect(verifyReceipt(oldReceipt, publicKey, leafData(old[3]))).toEqual({ ok: true });

      const report = (await call(`${service.url}/api/admin/verify`, { headers: bearer(ADMIN_TOKEN) })).body;
      expect(report).toMatchObject({ ok: true, transparency: { ok: true, events: old.length + 1, leaves: old.length + 1, heads: 2, signatures: 2 } });
    } finally {
      await service.close();
    }
  });
});
