import { createHash } from 'node:crypto';

/**
 * The Merkle tree of RFC 9162 (Certificate Transparency 2.0), §2.1, with SHA-256:
 *
 *   MTH({})      = SHA-256()
 *   MTH({d(0)})  = SHA-256(0x00 ‖ d(0))                          (leaf hash)
 *   MTH(D[n])    = SHA-256(0x01 ‖ MTH(D[0:k]) ‖ MTH(D[k:n]))     (node hash)
 *                  with k the largest power of two smaller than n
 *
 * the inclusion proof PATH(m, D[n]) (§2.1.3.1) and its verification (§2.1.3.2), the consistency
 * proof PROOF(m, D[n]) = SUBPROOF(m, D[n], true) (§2.1.4.1) and its verification (§2.1.4.2).
 *
 * The proofs are written once, over a function that gives MTH(D[start:end]) of the subtrees the
 * RFC's recursion visits: over an array of leaf hashes here (the reference, O(n)), over stored
 * subtree hashes in `MerkleTree` (O(log² n)). Every range the recursion asks for starts at a
 * multiple of a power of two at least as large as the range, which is what lets `MerkleTree`
 * answer it from complete subtrees.
 *
 * Sizes and indices are plain numbers (safe integers, up to 2^53); no 32-bit bit operators are
 * used, so trees beyond 2^31 leaves are handled too. Hashes are 32-byte Uint8Arrays (Buffers).
 */

export type Hash = Uint8Array;
export const HASH_SIZE = 32;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** MTH({}): the root of the empty tree, SHA-256 of nothing. */
export const EMPTY_ROOT: Hash = createHash('sha256').digest();

/** SHA-256(0x00 ‖ data): the hash of a leaf whose entry is `data`. */
export function hashLeaf(data: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(data).digest();
}

/** SHA-256(0x01 ‖ left ‖ right): the hash of an inner node. */
export function hashChildren(left: Hash, right: Hash): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

export function isHash(value: unknown): value is Hash {
  return value instanceof Uint8Array && value.length === HASH_SIZE;
}

export function sameHash(a: Hash, b: Hash): boolean {
  return Buffer.compare(a, b) === 0;
}

/** k with k < n ≤ 2k, a power of two (n ≥ 2). */
export function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

const isOdd = (x: number) => x % 2 === 1;
const half = (x: number) => Math.floor(x / 2);
const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;

/** MTH(D[start:end]) of a subtree the recursion visits. */
export type SubtreeHasher = (start: number, end: number) => Hash;

/** A subtree of the tree: the leaves [start, end). */
export interface LeafRange {
  start: number;
  end: number;
}

/**
 * The subtrees whose hashes make PATH(m, D[n]), in the order of the proof (from the leaf's
 * sibling up to the root's other child). §2.1.3.1:
 *   PATH(0, {d(0)}) = {}
 *   m < k:  PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n])
 *   m ≥ k:  PATH(m, D[n]) = PATH(m - k, D[k:n]) : MTH(D[0:k])
 */
export function inclusionPathRanges(leafIndex: number, treeSize: number): LeafRange[] {
  if (!isCount(leafIndex) || !isCount(treeSize) || leafIndex >= treeSize) {
    throw new RangeError(`no inclusion proof for leaf ${leafIndex} in a tree of ${treeSize} leaves`);
  }
  const ranges: LeafRange[] = [];
  const walk = (m: number, start: number, end: number): void => {
    const n = end - start;
    if (n === 1) return;
    const k = largestPowerOfTwoBelow(n);
    if (m < k) {
      walk(m, start, start + k);
      ranges.push({ start: start + k, end });
    } else {
      walk(m - k, start + k, end);
      ranges.push({ start, end: start + k });
    }
  };
  walk(leafIndex, 0, treeSize);
  return ranges;
}

/**
 * The subtrees whose hashes make PROOF(m, D[n]), in order. §2.1.4.1:
 *   PROOF(m, D[n]) = SUBPROOF(m, D[n], true)
 *   SUBPROOF(m, D[m], true)  = {}
 *   SUBPROOF(m, D[m], false) = {MTH(D[m])}
 *   m ≤ k:  SUBPROOF(m, D[n], b) = SUBPROOF(m, D[0:k], b) : MTH(D[k:n])
 *   m > k:  SUBPROOF(m, D[n], b) = SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k])
 * The proof between equal sizes, or from the empty tree, is empty (nothing to prove).
 */
export function consistencyProofRanges(fromSize: number, toSize: number): LeafRange[] {
  if (!isCount(fromSize) || !isCount(toSize) || fromSize > toSize) {
    throw new RangeError(`no consistency proof from a tree of ${fromSize} leaves to one of ${toSize}`);
  }
  const ranges: LeafRange[] = [];
  if (fromSize === 0 || fromSize === toSize) return ranges;
  const walk = (m: number, start: number, end: number, whole: boolean): void => {
    const n = end - start;
    if (m === n) {
      if (!whole) ranges.push({ start, end });
      return;
    }
    const k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      walk(m, start, start + k, whole);
      ranges.push({ start: start + k, end });
    } else {
      walk(m - k, start + k, end, false);
      ranges.push({ start, end: start + k });
    }
  };
  walk(fromSize, 0, toSize, true);
  return ranges;
}

/** MTH of the leaf hashes, by the RFC's recursion (the reference; O(n)). */
export function merkleRoot(leafHashes: readonly Hash[]): Hash {
  const mth = (start: number, end: number): Hash => {
    const n = end - start;
    if (n === 0) return EMPTY_ROOT;
    if (n === 1) return leafHashes[start];
    const k = largestPowerOfTwoBelow(n);
    return hashChildren(mth(start, start + k), mth(start + k, end));
  };
  return mth(0, leafHashes.length);
}

/** The hasher of the reference functions: MTH over a slice of the array. */
function arrayHasher(leafHashes: readonly Hash[]): SubtreeHasher {
  return (start, end) => merkleRoot(leafHashes.slice(start, end));
}

/** PATH(m, D[n]) over the leaf hashes of the tree. */
export function inclusionProof(leafIndex: number, leafHashes: readonly Hash[], subtreeHash: SubtreeHasher = arrayHasher(leafHashes)): Hash[] {
  return inclusionPathRanges(leafIndex, leafHashes.length).map(({ start, end }) => subtreeHash(start, end));
}

/** PROOF(m, D[n]) over the leaf hashes of the larger tree. */
export function consistencyProof(fromSize: number, leafHashes: readonly Hash[], subtreeHash: SubtreeHasher = arrayHasher(leafHashes)): Hash[] {
  return consistencyProofRanges(fromSize, leafHashes.length).map(({ start, end }) => subtreeHash(start, end));
}

export interface InclusionClaim {
  leafIndex: number;
  treeSize: number;
  leafHash: Hash;
  proof: readonly Hash[];
  rootHash: Hash;
}

/**
 * The root an inclusion proof leads to (§2.1.3.2, steps 1-4), or null when the proof cannot be
 * one for that index and size (index out of the tree, too many or too few hashes).
 */
export function rootFromInclusionProof(leafIndex: number, treeSize: number, leafHash: Hash, proof: readonly Hash[]): Hash | null {
  if (!isCount(leafIndex) || !isCount(treeSize) || leafIndex >= treeSize) return null;
  if (!isHash(leafHash) || !proof.every(isHash)) return null;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r: Hash = leafHash;
  for (const p of proof) {
    if (sn === 0) return null;
    if (isOdd(fn) || fn === sn) {
      r = hashChildren(p, r);
      // If LSB(fn) is not set, right-shift both until LSB(fn) is set or fn is 0.
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? r : null;
}

/** §2.1.3.2: whether the proof shows the leaf hash at that index in the tree with that root. */
export function verifyInclusion(claim: InclusionClaim): boolean {
  if (!isHash(claim.rootHash)) return false;
  const root = rootFromInclusionProof(claim.leafIndex, claim.treeSize, claim.leafHash, claim.proof);
  return root !== null && sameHash(root, claim.rootHash);
}

export interface ConsistencyClaim {
  fromSize: number;
  toSize: number;
  fromRoot: Hash;
  toRoot: Hash;
  proof: readonly Hash[];
}

/**
 * §2.1.4.2: whether the proof shows that the tree of `toSize` leaves with root `toRoot` extends
 * the tree of `fromSize` leaves with root `fromRoot` (its first leaves are those, unchanged).
 * Beyond the RFC's 0 < first < second: equal sizes are consistent when the roots are equal and
 * the proof empty; the empty tree (its root being SHA-256()) precedes every tree, empty proof.
 */
export function verifyConsistency(claim: ConsistencyClaim): boolean {
  const { fromSize: first, toSize: second, fromRoot, toRoot, proof } = claim;
  if (!isCount(first) || !isCount(second) || first > second) return false;
  if (!isHash(fromRoot) || !isHash(toRoot) || !proof.every(isHash)) return false;
  if (first === 0) return proof.length === 0 && sameHash(fromRoot, EMPTY_ROOT);
  if (first === second) return proof.length === 0 && sameHash(fromRoot, toRoot);

  // 1. An empty consistency_path fails.
  if (proof.length === 0) return false;
  // 2. If first is an exact power of 2, prepend first_hash to the path.
  const path = isPowerOfTwo(first) ? [fromRoot, ...proof] : [...proof];
  // 3. fn = first - 1, sn = second - 1.
  let fn = first - 1;
  let sn = second - 1;
  // 4. While LSB(fn) is set, right-shift both fn and sn.
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // 5. fr and sr start at the first value of the path.
  let fr: Hash = path[0];
  let sr: Hash = path[0];
  // 6. For each subsequent value c:
  for (const c of path.slice(1)) {
    // a. sn = 0 with values left: fail.
    if (sn === 0) return false;
    // b. LSB(fn) set, or fn = sn: c is a left sibling of both paths.
    if (isOdd(fn) || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      // If LSB(fn) is not set, right-shift both until LSB(fn) is set or fn is 0.
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      // Otherwise c is a right sibling on the second tree's path only.
      sr = hashChildren(sr, c);
    }
    // c. Right-shift both once.
    fn = half(fn);
    sn = half(sn);
  }
  // 7. Both roots reproduced, and the path used up exactly.
  return sameHash(fr, fromRoot) && sameHash(sr, toRoot) && sn === 0;
}

function isPowerOfTwo(n: number): boolean {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}
