import type Database from 'better-sqlite3';
import type { Hash } from '../../modules/transparency-log/domain/merkle.js';
import {
  checkExtension,
  InvalidTreeWrite,
  type TreeLeaf,
  type TreeNode,
  type TreeNodeStore,
} from '../../modules/transparency-log/domain/tree-node-store.js';

/**
 * The Merkle tree of the log in SQLite: two tables of its own in a database handle it is given
 * (the event store's, so that the tree advances in the same transaction as the events).
 *
 *   transparency_leaves (leaf_index PK, position UNIQUE, hash)   one row per event
 *   transparency_nodes  (level, idx) PK, hash                    the complete subtrees, level ≥ 1
 *
 * About 2 rows and 70 bytes per event (a million events: ~2M rows, ~100 MB with the indices).
 * Rows are never updated nor deleted (triggers refuse it); the tree is evidence only together
 * with the signed tree heads that partners keep, never on its own.
 *
 * `extend` runs in `db.transaction(...)`: inside the caller's transaction (the event store's
 * append), better-sqlite3 makes it a savepoint — the tree advances and rolls back with the
 * events; called alone, it is its own transaction. Reads see the caller's uncommitted writes
 * (same connection), so a tree appended twice in one transaction stays consistent.
 *
 * Used through `SqliteTransparencyLog`: on the embedded event store's handle (`events.db`, written
 * in the append transaction) or on the follower's `transparency.db` (KurrentDB).
 */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS transparency_leaves (
    leaf_index INTEGER PRIMARY KEY,
    position   INTEGER NOT NULL UNIQUE,
    hash       BLOB NOT NULL CHECK (length(hash) = 32)
  );
  CREATE TABLE IF NOT EXISTS transparency_nodes (
    level INTEGER NOT NULL CHECK (level >= 1),
    idx   INTEGER NOT NULL CHECK (idx >= 0),
    hash  BLOB NOT NULL CHECK (length(hash) = 32),
    PRIMARY KEY (level, idx)
  ) WITHOUT ROWID;
  CREATE TRIGGER IF NOT EXISTS transparency_leaves_are_immutable BEFORE UPDATE ON transparency_leaves
    BEGIN SELECT RAISE(ABORT, 'the Merkle tree is append-only'); END;
  CREATE TRIGGER IF NOT EXISTS transparency_leaves_are_never_deleted BEFORE DELETE ON transparency_leaves
    BEGIN SELECT RAISE(ABORT, 'the Merkle tree is append-only'); END;
  CREATE TRIGGER IF NOT EXISTS transparency_nodes_are_immutable BEFORE UPDATE ON transparency_nodes
    BEGIN SELECT RAISE(ABORT, 'the Merkle tree is append-only'); END;
  CREATE TRIGGER IF NOT EXISTS transparency_nodes_are_never_deleted BEFORE DELETE ON transparency_nodes
    BEGIN SELECT RAISE(ABORT, 'the Merkle tree is append-only'); END;
`;

export class SqliteTreeNodeStore implements TreeNodeStore {
  private readonly statements: {
    size: Database.Statement<[], { last: number | null }>;
    leaf: Database.Statement<[number], { hash: Buffer }>;
    node: Database.Statement<[number, number], { hash: Buffer }>;
    positionOf: Database.Statement<[number], { position: number }>;
    leafIndexOf: Database.Statement<[number], { leaf_index: number }>;
    leaves: Database.Statement<[number, number], { leaf_index: number; position: number; hash: Buffer }>;
    insertLeaf: Database.Statement<[number, number, Buffer]>;
    insertNode: Database.Statement<[number, number, Buffer]>;
  };
  private readonly extendTransaction: Database.Transaction<(leaves: readonly TreeLeaf[], nodes: readonly TreeNode[]) => void>;

  private constructor(private readonly db: Database.Database) {
    this.statements = {
      size: db.prepare('SELECT MAX(leaf_index) AS last FROM transparency_leaves'),
      leaf: db.prepare('SELECT hash FROM transparency_leaves WHERE leaf_index = ?'),
      node: db.prepare('SELECT hash FROM transparency_nodes WHERE level = ? AND idx = ?'),
      positionOf: db.prepare('SELECT position FROM transparency_leaves WHERE leaf_index = ?'),
      leafIndexOf: db.prepare('SELECT leaf_index FROM transparency_leaves WHERE position = ?'),
      leaves: db.prepare('SELECT leaf_index, position, hash FROM transparency_leaves WHERE leaf_index >= ? ORDER BY leaf_index LIMIT ?'),
      insertLeaf: db.prepare('INSERT INTO transparency_leaves (leaf_index, position, hash) VALUES (?, ?, ?)'),
      insertNode: db.prepare('INSERT INTO transparency_nodes (level, idx, hash) VALUES (?, ?, ?)'),
    };
    this.extendTransaction = db.transaction((leaves: readonly TreeLeaf[], nodes: readonly TreeNode[]) => {
      const size = this.size();
      checkExtension(size, size === 0 ? undefined : this.positionOf(size - 1), leaves, nodes);
      try {
        for (const leaf of leaves) this.statements.insertLeaf.run(leaf.index, leaf.position, toBuffer(leaf.hash));
        for (const node of nodes) this.statements.insertNode.run(node.level, node.index, toBuffer(node.hash));
      } catch (error) {
        if ((error as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) {
          throw new InvalidTreeWrite(`the Merkle tree refused the write: ${(error as Error).message}`);
        }
        throw error;
      }
    });
  }

  /** Creates the tables if needed, in the database of `db` (which stays the caller's to close). */
  static attach(db: Database.Database): SqliteTreeNodeStore {
    db.exec(SCHEMA);
    return new SqliteTreeNodeStore(db);
  }

  size(): number {
    const last = this.statements.size.get()?.last;
    return last === null || last === undefined ? 0 : last + 1;
  }

  node(level: number, index: number): Hash | undefined {
    if (!Number.isSafeInteger(level) || !Number.isSafeInteger(index) || level < 0 || index < 0) return undefined;
    return (level === 0 ? this.statements.leaf.get(index) : this.statements.node.get(level, index))?.hash;
  }

  positionOf(leafIndex: number): number | undefined {
    return Number.isSafeInteger(leafIndex) ? this.statements.positionOf.get(leafIndex)?.position : undefined;
  }

  leafIndexOf(position: number): number | undefined {
    return Number.isSafeInteger(position) ? this.statements.leafIndexOf.get(position)?.leaf_index : undefined;
  }

  extend(leaves: readonly TreeLeaf[], nodes: readonly TreeNode[]): void {
    this.extendTransaction(leaves, nodes);
  }

  /** The leaves from index `from`, in order, at most `limit` (what `verify` compares with the log). */
  leaves(from: number, limit: number): TreeLeaf[] {
    return this.statements.leaves.all(from, limit).map((row) => ({ index: row.leaf_index, position: row.position, hash: row.hash }));
  }
}

function toBuffer(hash: Uint8Array): Buffer {
  return Buffer.from(hash.buffer, hash.byteOffset, hash.byteLength);
}
