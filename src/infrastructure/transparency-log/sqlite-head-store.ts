import type Database from 'better-sqlite3';
import type { SignedTreeHead } from '../../modules/transparency-log/domain/signed-tree-head.js';

/**
 * The signed tree heads the service issued, in a table of their own next to the tree
 * (`transparency_heads`): one per commit that extended the tree. Kept so that `verify` can hold
 * the file to every head the service signed (each head's root must still be the root of the
 * log's first treeSize events), and so that `GET /api/log/head` answers the latest.
 *
 *   tree_size  INTEGER PK   one head per size (a size is reached once)
 *   root_hash  BLOB(32)
 *   timestamp  TEXT         ISO instant, as the head was signed
 *   key_id     BLOB(32)     SHA-256 of the signing key's SPKI
 *   signature  BLOB(64)     Ed25519
 *
 * About 170 bytes per head. Rows are never updated nor deleted (triggers refuse it).
 */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS transparency_heads (
    tree_size INTEGER PRIMARY KEY CHECK (tree_size >= 0),
    root_hash BLOB NOT NULL CHECK (length(root_hash) = 32),
    timestamp TEXT NOT NULL,
    key_id    BLOB NOT NULL CHECK (length(key_id) = 32),
    signature BLOB NOT NULL CHECK (length(signature) = 64)
  );
  CREATE TRIGGER IF NOT EXISTS transparency_heads_are_immutable BEFORE UPDATE ON transparency_heads
    BEGIN SELECT RAISE(ABORT, 'signed tree heads are append-only'); END;
  CREATE TRIGGER IF NOT EXISTS transparency_heads_are_never_deleted BEFORE DELETE ON transparency_heads
    BEGIN SELECT RAISE(ABORT, 'signed tree heads are append-only'); END;
`;

interface HeadRow {
  tree_size: number;
  root_hash: Buffer;
  timestamp: string;
  key_id: Buffer;
  signature: Buffer;
}

const COLUMNS = 'tree_size, root_hash, timestamp, key_id, signature';

export class SqliteHeadStore {
  private readonly statements: {
    insert: Database.Statement<[number, Buffer, string, Buffer, Buffer]>;
    latest: Database.Statement<[], HeadRow>;
    after: Database.Statement<[number, number], HeadRow>;
    count: Database.Statement<[], { n: number }>;
    at: Database.Statement<[number], HeadRow>;
  };

  private constructor(db: Database.Database) {
    this.statements = {
      // A head of a size already signed (another process on the same file signed it first) is kept as it was.
      insert: db.prepare(`INSERT INTO transparency_heads (${COLUMNS}) VALUES (?, ?, ?, ?, ?) ON CONFLICT (tree_size) DO NOTHING`),
      latest: db.prepare(`SELECT ${COLUMNS} FROM transparency_heads ORDER BY tree_size DESC LIMIT 1`),
      after: db.prepare(`SELECT ${COLUMNS} FROM transparency_heads WHERE tree_size > ? ORDER BY tree_size LIMIT ?`),
      count: db.prepare('SELECT COUNT(*) AS n FROM transparency_heads'),
      at: db.prepare(`SELECT ${COLUMNS} FROM transparency_heads WHERE tree_size = ?`),
    };
  }

  /** Creates the table if needed, in the database of `db` (which stays the caller's to close). */
  static attach(db: Database.Database): SqliteHeadStore {
    db.exec(SCHEMA);
    return new SqliteHeadStore(db);
  }

  add(head: SignedTreeHead): void {
    this.statements.insert.run(head.treeSize, hexBytes(head.rootHash), head.timestamp, hexBytes(head.keyId), hexBytes(head.signature));
  }

  /** The head of the largest tree signed, or null when none was. */
  latest(): SignedTreeHead | null {
    const row = this.statements.latest.get();
    return row ? toHead(row) : null;
  }

  /** The heads of trees larger than `size` (null: all), smallest first, at most `limit`. */
  after(size: number | null, limit: number): SignedTreeHead[] {
    return this.statements.after.all(size ?? -1, limit).map(toHead);
  }

  /** The head signed for a tree of `size` leaves, or null when none was. */
  at(size: number): SignedTreeHead | null {
    const row = this.statements.at.get(size);
    return row ? toHead(row) : null;
  }

  count(): number {
    return this.statements.count.get()?.n ?? 0;
  }
}

function hexBytes(hex: string): Buffer {
  return Buffer.from(hex, 'hex');
}

function toHead(row: HeadRow): SignedTreeHead {
  return {
    treeSize: row.tree_size,
    rootHash: row.root_hash.toString('hex'),
    timestamp: row.timestamp,
    keyId: row.key_id.toString('hex'),
    signature: row.signature.toString('hex'),
  };
}
