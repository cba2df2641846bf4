import fc from 'fast-check';
import {
  EMPTY_ROOT,
  consistencyProof,
  hashLeaf,
  inclusionProof,
  merkleRoot,
  rootFromInclusionProof,
  verifyConsistency,
  verifyInclusion,
  type Hash,
} from './merkle.js';
import { CONSISTENCY_PROOFS, EMPTY_TREE_ROOT, INCLUSION_PROOFS, LEAF_INPUTS, ROOTS } from './testing/rfc6962-vectors.js';

const hex = (hash: Uint8Array) => Buffer.from(hash).toString('hex');
const bytes = (text: string) => Buffer.from(text, 'hex');
const LEAVES = LEAF_INPUTS.map((input) => hashLeaf(bytes(input)));
const SOME_HASH = bytes('abacaba000000000000000000000000000000000000000000060061e00123456');

/** A copy of the hash with one bit flipped. */
function flipped(hash: Hash, byte = 0, bit = 3): Buffer {
  const copy = Buffer.from(hash);
  copy[byte] ^= 1 << bit;
  return copy;
}

/** Distinct leaves (their data holds their index), as a log's leaves are. */
function leavesOf(n: number, salt = 0): Buffer[] {
  return Array.from({ length: n }, (_, i) => hashLeaf(Buffer.from(`leaf ${salt}/${i}`)));
}

describe('Merkle tree hash (RFC 9162 §2.1.1), against the published vectors', () => {
  it('the empty tree is SHA-256 of nothing', () => {
    expect(hex(EMPTY_ROOT)).toBe(EMPTY_TREE_ROOT);
    expect(hex(merkleRoot([]))).toBe(EMPTY_TREE_ROOT);
  });

  it.each(ROOTS.map((root, i) => [i + 1, root]))('the root of the first %i leaves', (size, root) => {
    expect(hex(merkleRoot(LEAVES.slice(0, size as number)))).toBe(root);
  });

  it('a leaf is hashed with the 0x00 prefix, a node with 0x01', () => {
    // The root of one leaf is its leaf hash; of two, the node hash of both.
    expect(hex(LEAVES[0])).toBe(ROOTS[0]);
    expect(hex(hashLeaf(Buffer.alloc(0)))).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
  });
});

describe('inclusion proofs (RFC 9162 §2.1.3)', () => {
  it.each(INCLUSION_PROOFS)('PATH($leafIndex, D[$treeSize]) is the published one and verifies', ({ leafIndex, treeSize, proof }) => {
    const tree = LEAVES.slice(0, treeSize);
    expect(inclusionProof(leafIndex, tree).map(hex)).toEqual(proof);
    const rootHash = bytes(ROOTS[treeSize - 1]);
    expect(hex(rootFromInclusionProof(leafIndex, treeSize, LEAVES[leafIndex], proof.map(bytes))!)).toBe(ROOTS[treeSize - 1]);
    expect(verifyInclusion({ leafIndex, treeSize, leafHash: LEAVES[leafIndex], proof: proof.map(bytes), rootHash })).toBe(true);
  });

  it.each(INCLUSION_PROOFS.filter((v) => v.proof.length > 0))(
    'every corruption of PATH($leafIndex, D[$treeSize]) fails',
    ({ leafIndex, treeSize, proof: published }) => {
      const proof = published.map(bytes);
      const rootHash = bytes(ROOTS[treeSize - 1]);
      const leafHash = LEAVES[leafIndex];
      const claim = { leafIndex, treeSize, leafHash, proof, rootHash };
      const corruptions = [
        { ...claim, leafIndex: leafIndex - 1 },
        { ...claim, leafIndex: leafIndex + 1 },
        { ...claim, leafIndex: leafIndex ^ 2 },
        { ...claim, treeSize: treeSize * 2 },
        { ...claim, treeSize: Math.floor(treeSize / 2) },
        { ...claim, leafHash: hashLeaf(Buffer.from('WrongLeaf')) },
        { ...claim, rootHash: EMPTY_ROOT },
        { ...claim, rootHash: SOME_HASH },
        { ...claim, proof: [...proof, Buffer.alloc(0)] },
        { ...claim, proof: [...proof, rootHash] },
        { ...claim, proof: [Buffer.alloc(0), ...proof] },
        { ...claim, proof: [rootHash, ...proof] },
        { ...claim, proof: proof.slice(0, -1) },
        { ...claim, proof: [proof[0], SOME_HASH, ...proof.slice(1)] },
        ...proof.map((_, i) => ({ ...claim, proof: proof.map((p, j) => (j === i ? flipped(p) : p)) })),
      ];
      for (const corrupted of corruptions) expect(verifyInclusion(corrupted)).toBe(false);
    },
  );

  it('refuses impossible indices and sizes', () => {
    const leafHash = LEAVES[0];
    for (const [leafIndex, treeSize] of [
      [0, 0],
      [1, 0],
      [2, 1],
      [1, 1],
      [-1, 1],
      [0.5, 2],
    ]) {
      expect(verifyInclusion({ leafIndex, treeSize, leafHash, proof: [], rootHash: leafHash })).toBe(false);
      expect(verifyInclusion({ leafIndex, treeSize, leafHash, proof: [], rootHash: EMPTY_ROOT })).toBe(false);
    }
    // A tree of one leaf: its root is the leaf hash, the proof empty.
    expect(verifyInclusion({ leafIndex: 0, treeSize: 1, leafHash, proof: [], rootHash: leafHash })).toBe(true);
    expect(verifyInclusion({ leafIndex: 0, treeSize: 1, leafHash, proof: [], rootHash: Buffer.alloc(0) })).toBe(false);
    expect(verifyInclusion({ leafIndex: 0, treeSize: 1, leafHash: Buffer.alloc(0), proof: [], rootHash: leafHash })).toBe(false);
  });
});

describe('consistency proofs (RFC 9162 §2.1.4)', () => {
  it.each(CONSISTENCY_PROOFS)('PROOF($fromSize, D[$toSize]) is the published one and verifies', ({ fromSize, toSize, proof }) => {
    expect(consistencyProof(fromSize, LEAVES.slice(0, toSize)).map(hex)).toEqual(proof);
    const claim = { fromSize, toSize, fromRoot: bytes(ROOTS[fromSize - 1]), toRoot: bytes(ROOTS[toSize - 1]), proof: proof.map(bytes) };
    expect(verifyConsistency(claim)).toBe(true);
  });

  it.each(CONSISTENCY_PROOFS.filter((v) => v.proof.length > 0))(
    'every corruption of PROOF($fromSize, D[$toSize]) fails',
    ({ fromSize, toSize, proof: published }) => {
      const proof = published.map(bytes);
      const fromRoot = bytes(ROOTS[fromSize - 1]);
      const toRoot = bytes(ROOTS[toSize - 1]);
      const claim = { fromSize, toSize, fromRoot, toRoot, proof };
      const corruptions = [
        { ...claim, fromSize: fromSize - 1 },
        { ...claim, fromSize: fromSize + 1 },
        { ...claim, fromSize: fromSize ^ 2 },
        { ...claim, toSize: toSize * 2 },
        { ...claim, toSize: Math.floor(toSize / 2) },
        { ...claim, fromRoot: SOME_HASH },
        { ...claim, toRoot: SOME_HASH },
        { ...claim, fromRoot: toRoot, toRoot: fromRoot },
        { ...claim, proof: [] },
        { ...claim, proof: [...proof, Buffer.alloc(0)] },
        { ...claim, proof: [...proof, fromRoot] },
        { ...claim, proof: [...proof, toRoot] },
        { ...claim, proof: [Buffer.alloc(0), ...proof] },
        { ...claim, proof: [fromRoot, ...proof] },
        { ...claim, proof: [toRoot, ...proof] },
        { ...claim, proof: [proof[0], ...proof] },
        { ...claim, proof: proof.slice(0, -1) },
        ...proof.map((_, i) => ({ ...claim, proof: proof.map((p, j) => (j === i ? flipped(p, 0, 4) : p)) })),
      ];
      for (const corrupted of corruptions) expect(verifyConsistency(corrupted)).toBe(false);
    },
  );

  it('equal sizes need equal roots and an empty proof; the empty tree precedes every tree', () => {
    const [a, b] = [bytes(ROOTS[2]), bytes(ROOTS[3])];
    expect(verifyConsistency({ fromSize: 3, toSize: 3, fromRoot: a, toRoot: a, proof: [] })).toBe(true);
    expect(verifyConsistency({ fromSize: 3, toSize: 3, fromRoot: a, toRoot: b, proof: [] })).toBe(false);
    expect(verifyConsistency({ fromSize: 3, toSize: 3, fromRoot: a, toRoot: a, proof: [a] })).toBe(false);
    expect(verifyConsistency({ fromSize: 0, toSize: 4, fromRoot: EMPTY_ROOT, toRoot: b, proof: [] })).toBe(true);
    expect(verifyConsistency({ fromSize: 0, toSize: 4, fromRoot: a, toRoot: b, proof: [] })).toBe(false);
    expect(verifyConsistency({ fromSize: 0, toSize: 4, fromRoot: EMPTY_ROOT, toRoot: b, proof: [EMPTY_ROOT] })).toBe(false);
    // Time travel to the past.
    expect(verifyConsistency({ fromSize: 4, toSize: 3, fromRoot: b, toRoot: a, proof: [] })).toBe(false);
    // A non-empty tree and an empty proof.
    expect(verifyConsistency({ fromSize: 1, toSize: 2, fromRoot: bytes(ROOTS[0]), toRoot: bytes(ROOTS[1]), proof: [] })).toBe(false);
  });
});

describe('properties, on trees of 1 to 300 leaves', () => {
  const treeAndLeaf = fc.integer({ min: 1, max: 300 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n - 1 })));

  it('every inclusion proof verifies; a flipped byte, another index or a wrong size fails', () => {
    fc.assert(
      fc.property(treeAndLeaf, fc.nat(), fc.nat(), ([n, m], pick, byte) => {
        const leaves = leavesOf(n);
        const rootHash = merkleRoot(leaves);
        const proof = inclusionProof(m, leaves);
        const claim = { leafIndex: m, treeSize: n, leafHash: leaves[m], proof, rootHash };
        expect(verifyInclusion(claim)).toBe(true);
        // A flipped byte anywhere: in a proof hash, the leaf hash or the root.
        if (proof.length > 0) {
          const i = pick % proof.length;
          expect(verifyInclusion({ ...claim, proof: proof.map((p, j) => (j === i ? flipped(p, byte % 32, byte % 8) : p)) })).toBe(false);
        }
        expect(verifyInclusion({ ...claim, leafHash: flipped(leaves[m], byte % 32, byte % 8) })).toBe(false);
        expect(verifyInclusion({ ...claim, rootHash: flipped(rootHash, byte % 32, byte % 8) })).toBe(false);
        // Any other index of the tree.
        for (let j = 0; j < n; j++) if (j !== m) expect(verifyInclusion({ ...claim, leafIndex: j })).toBe(false);
        // The size: twice or half (a proof can fit sizes of the same shape, which is why a
        // signed tree head states its size); and against any other size's root, it fails.
        expect(verifyInclusion({ ...claim, treeSize: 2 * n })).toBe(false);
        expect(verifyInclusion({ ...claim, treeSize: Math.floor(n / 2) })).toBe(false);
        const other = 1 + (pick % 300);
        if (other !== n && m < other) {
          const otherLeaves = leavesOf(other);
          expect(verifyInclusion({ ...claim, treeSize: other, rootHash: merkleRoot(otherLeaves) })).toBe(false);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('every consistency proof verifies; a flipped byte, a wrong size or another root fails', () => {
    const sizes = fc.integer({ min: 1, max: 300 }).chain((n) => fc.tuple(fc.integer({ min: 1, max: n }), fc.constant(n)));
    fc.assert(
      fc.property(sizes, fc.nat(), fc.nat(), ([m, n], pick, byte) => {
        const leaves = leavesOf(n);
        const fromRoot = merkleRoot(leaves.slice(0, m));
        const toRoot = merkleRoot(leaves);
        const proof = consistencyProof(m, leaves);
        const claim = { fromSize: m, toSize: n, fromRoot, toRoot, proof };
        expect(verifyConsistency(claim)).toBe(true);
        if (m === n) return;
        const i = pick % proof.length;
        expect(verifyConsistency({ ...claim, proof: proof.map((p, j) => (j === i ? flipped(p, byte % 32, byte % 8) : p)) })).toBe(false);
        expect(verifyConsistency({ ...claim, fromRoot: flipped(fromRoot, byte % 32, byte % 8) })).toBe(false);
        expect(verifyConsistency({ ...claim, toRoot: flipped(toRoot, byte % 32, byte % 8) })).toBe(false);
        for (const wrong of [m - 1, m + 1, m ^ 2]) if (wrong !== m) expect(verifyConsistency({ ...claim, fromSize: wrong })).toBe(false);
        expect(verifyConsistency({ ...claim, toSize: 2 * n })).toBe(false);
        // A tree that rewrote one of the first m leaves is not consistent with the first.
        const rewritten = leaves.map((leaf, j) => (j === pick % m ? hashLeaf(Buffer.from('rewritten')) : leaf));
        expect(verifyConsistency({ ...claim, toRoot: merkleRoot(rewritten), proof: consistencyProof(m, rewritten) })).toBe(false);
      }),
      { numRuns: 150 },
    );
  });
});
