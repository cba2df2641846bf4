import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { hashLeaf, merkleRoot } from '../../modules/transparency-log/domain/merkle.js';
import { MerkleTree } from '../../modules/transparency-log/domain/merkle-tree.js';
import { treeNodeStoreContract } from '../../modules/transparency-log/domain/tree-node-store.contract.js';
import { SqliteTreeNodeStore } from './sqlite-tree-store.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'merkle-'));
  dirs.push(dir);
  return join(dir, 'events.db');
}

treeNodeStoreContract('SQLite', () => {
  const file = tempFile();
  const handles = [new Database(file)];
  return {
    store: SqliteTreeNodeStore.attach(handles[0]),
    reopen: () => {
      const db = new Database(file);
      handles.push(db);
      return SqliteTreeNodeStore.attach(db);
    },
    close: () => handles.forEach((db) => db.close()),
  };
});

describe('SQLite tree store: in the caller\'s transaction', () => {
  const leaf = (i: number) => hashLeaf(Buffer.from(`event ${i}`));
  let db: Database.Database;
  let tree: MerkleTree;

  beforeEach(() => {
    db = new Database(tempFile());
    db.exec('CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL)');
    tree = new MerkleTree(SqliteTreeNodeStore.attach(db));
  });
  afterEach(() => db.close());

  /** What the event store's append will do: insert the events, then the tree's leaves, in one transaction. */
  function append(bodies: string[], fail = false): void {
    db.transaction(() => {
      const leaves = bodies.map((body) => {
        const position = Number(db.prepare('INSERT INTO events (body) VALUES (?)').run(body).lastInsertRowid);
        return { position, leafHash: hashLeaf(Buffer.from(body)) };
      });
      tree.append(leaves);
      if (fail) throw new Error('the append failed after the tree was written');
    })();
  }

  it('advances with the events, and rolls back with them', () => {
    append(['a', 'b', 'c']);
    expect(() => append(['d', 'e'], true)).toThrow('after the tree was written');
    expect(tree.size).toBe(3);
    expect((db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n).toBe(3);
    expect(Buffer.from(tree.root()).equals(Buffer.from(merkleRoot(['a', 'b', 'c'].map((b) => hashLeaf(Buffer.from(b))))))).toBe(true);
    append(['d']);
    expect(tree.size).toBe(4);
    expect(tree.store.positionOf(3)).toBe(4);
  });

  it('appends several times within one transaction (the group commit of the event store)', () => {
    db.transaction(() => {
      for (let i = 0; i < 9; i++) tree.append([{ position: i + 1, leafHash: leaf(i) }]);
    })();
    expect(Buffer.from(tree.root()).equals(Buffer.from(merkleRoot(Array.from({ length: 9 }, (_, i) => leaf(i)))))).toBe(true);
  });

  it('refuses to change or delete what it holds (triggers)', () => {
    tree.append([0, 1].map((i) => ({ position: i + 1, leafHash: leaf(i) })));
    expect(() => db.exec('UPDATE transparency_leaves SET position = 7 WHERE leaf_index = 0')).toThrow('append-only');
    expect(() => db.exec('DELETE FROM transparency_leaves')).toThrow('append-only');
    expect(() => db.exec('UPDATE transparency_nodes SET idx = 3')).toThrow('append-only');
    expect(() => db.exec('DELETE FROM transparency_nodes')).toThrow('append-only');
    expect(tree.size).toBe(2);
  });

  it('attaches twice to the same database without harm (tables created once)', () => {
    tree.append([{ position: 1, leafHash: leaf(0) }]);
    expect(SqliteTreeNodeStore.attach(db).size()).toBe(1);
  });
});
