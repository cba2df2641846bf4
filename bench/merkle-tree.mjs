#!/usr/bin/env node
// Micro-benchmark of the transparency log's Merkle tree in SQLite: appends (in transactions of
// `--batch` leaves, as the event store's group commit), roots, inclusion and consistency proofs,
// at `--size` leaves; and the file size. Run by hand, not part of `npm test`:
//
//   npm run build && node bench/merkle-tree.mjs --size 1000000 --batch 100
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { hashLeaf, verifyInclusion, verifyConsistency } from '../dist/modules/transparency-log/domain/merkle.js';
import { MerkleTree } from '../dist/modules/transparency-log/domain/merkle-tree.js';
import { SqliteTreeNodeStore } from '../dist/infrastructure/transparency-log/sqlite-tree-store.js';

const option = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const SIZE = option('size', 1_000_000);
const BATCH = option('batch', 100);

const dir = mkdtempSync(join(tmpdir(), 'merkle-bench-'));
const file = join(dir, 'tree.db');
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
const tree = new MerkleTree(SqliteTreeNodeStore.attach(db));
const append = db.transaction((leaves) => tree.append(leaves));

let start = performance.now();
let checkpoint = start;
for (let i = 0; i < SIZE; i += BATCH) {
  const leaves = [];
  for (let j = i; j < Math.min(SIZE, i + BATCH); j++) leaves.push({ position: j + 1, leafHash: hashLeaf(Buffer.from(`event ${j}`)) });
  append(leaves);
  if ((i + BATCH) % 250_000 < BATCH) {
    const now = performance.now();
    console.log(`${(i + BATCH).toLocaleString('en')} leaves: ${(((now - checkpoint) * 1000) / 250_000).toFixed(1)} µs per leaf over the last 250k`);
    checkpoint = now;
  }
}
const appendMs = performance.now() - start;
console.log(`append: ${SIZE.toLocaleString('en')} leaves in ${(appendMs / 1000).toFixed(1)} s, ${((appendMs * 1000) / SIZE).toFixed(1)} µs per leaf (transactions of ${BATCH})`);

const time = (label, runs, fn) => {
  const samples = [];
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    fn(k);
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  console.log(`${label}: median ${(samples[Math.floor(runs / 2)] * 1000).toFixed(0)} µs, p99 ${(samples[Math.floor(runs * 0.99)] * 1000).toFixed(0)} µs (${runs} runs)`);
};
const root = tree.root();
time('root of the whole tree', 200, () => tree.root());
time('root of a past size', 200, (k) => tree.root(SIZE - 1 - k * 997));
time('inclusion proof + verification', 1000, (k) => {
  const m = (k * 7919 * 104729) % SIZE;
  const proof = tree.inclusionProof(m);
  if (!verifyInclusion({ leafIndex: m, treeSize: SIZE, leafHash: tree.leafHash(m), proof, rootHash: root })) throw new Error('inclusion');
});
time('consistency proof + verification', 1000, (k) => {
  const m = 1 + ((k * 7919 * 104729) % (SIZE - 1));
  const proof = tree.consistencyProof(m);
  if (!verifyConsistency({ fromSize: m, toSize: SIZE, fromRoot: tree.root(m), toRoot: root, proof })) throw new Error('consistency');
});
db.pragma('wal_checkpoint(TRUNCATE)');
db.close();
console.log(`file: ${(statSync(file).size / 1024 / 1024).toFixed(1)} MB for ${SIZE.toLocaleString('en')} leaves`);
rmSync(dir, { recursive: true, force: true });
