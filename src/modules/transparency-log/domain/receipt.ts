import type { KeyObject } from 'node:crypto';
import { hashLeaf, rootFromInclusionProof, sameHash } from './merkle.js';
import type { MerkleTree } from './merkle-tree.js';
import { treeHeadProblem, verifyTreeHead, type Check, type SignedTreeHead } from './signed-tree-head.js';

/**
 * A receipt for an appended event: where it is (its `position` in the log, its `leafIndex` in
 * the Merkle tree), its `leafHash` = SHA-256(0x00 ‖ leafData(event)), a signed tree head that
 * includes it, and the inclusion proof (RFC 9162 PATH) from the leaf to that head's root.
 * Hashes are lowercase hex, like the tree head's.
 *
 * The signature covers the head only; the leaf is bound to it by the proof, and the position by
 * the leaf data (which contains it). A partner keeps the receipts of its appends (JSON Lines)
 * and runs `governance audit` on them with a lossless export of the log.
 */
export interface Receipt {
  position: number;
  leafIndex: number;
  leafHash: string;
  treeHead: SignedTreeHead;
  inclusionProof: string[];
}

const HEX64 = /^[0-9a-f]{64}$/;
const hex = (hash: Uint8Array) => Buffer.from(hash).toString('hex');

/**
 * The receipt of the leaf at `leafIndex` under `head` (a head of this tree, of a size that
 * includes the leaf). Throws RangeError otherwise.
 */
export function issueReceipt(tree: MerkleTree, leafIndex: number, head: SignedTreeHead): Receipt {
  if (!Number.isSafeInteger(leafIndex) || leafIndex < 0 || leafIndex >= head.treeSize) {
    throw new RangeError(`leaf ${leafIndex} is not in the tree head of ${head.treeSize} leaves`);
  }
  if (hex(tree.root(head.treeSize)) !== head.rootHash) throw new RangeError(`the tree head of ${head.treeSize} leaves is not one of this tree`);
  const position = tree.store.positionOf(leafIndex);
  if (position === undefined) throw new RangeError(`leaf ${leafIndex} has no position`);
  return {
    position,
    leafIndex,
    leafHash: hex(tree.leafHash(leafIndex)),
    treeHead: head,
    inclusionProof: tree.inclusionProof(leafIndex, head.treeSize).map(hex),
  };
}

/** What is wrong with the shape of a receipt (fields, types, hex), or null. */
export function receiptProblem(value: unknown): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'a receipt is a JSON object';
  const r = value as Record<string, unknown>;
  const keys = ['position', 'leafIndex', 'leafHash', 'treeHead', 'inclusionProof'];
  const unknown = Object.keys(r).find((key) => !keys.includes(key));
  if (unknown !== undefined) return `${unknown} is not a field of a receipt`;
  if (typeof r.position !== 'number' || !Number.isSafeInteger(r.position)) return 'position must be a whole number';
  if (typeof r.leafIndex !== 'number' || !Number.isSafeInteger(r.leafIndex) || r.leafIndex < 0) return 'leafIndex must be a whole number';
  if (typeof r.leafHash !== 'string' || !HEX64.test(r.leafHash)) return 'leafHash must be 64 lowercase hex digits';
  const head = treeHeadProblem(r.treeHead);
  if (head !== null) return `treeHead: ${head}`;
  if (!Array.isArray(r.inclusionProof) || !r.inclusionProof.every((h) => typeof h === 'string' && HEX64.test(h))) {
    return 'inclusionProof must be a list of 64-hex-digit hashes';
  }
  return null;
}

/**
 * Checks a receipt with the log's public key: its tree head's signature, and that its leaf hash
 * is at `leafIndex` under that head's root (inclusion proof). With `leafData` (the event's leaf
 * data, e.g. `leafData(event)` or `leafDataOfExportLine(line)`), also that the leaf hash is
 * that event's and that the event is at the receipt's position.
 */
export function verifyReceipt(receipt: unknown, publicKey: KeyObject, leafData?: Uint8Array): Check {
  const shape = receiptProblem(receipt);
  if (shape !== null) return { ok: false, problem: shape };
  const r = receipt as Receipt;
  const signed = verifyTreeHead(r.treeHead, publicKey);
  if (!signed.ok) return { ok: false, problem: `tree head: ${signed.problem}` };
  if (r.leafIndex >= r.treeHead.treeSize) return { ok: false, problem: `leaf ${r.leafIndex} is beyond the tree head (${r.treeHead.treeSize} leaves)` };
  const leafHash = Buffer.from(r.leafHash, 'hex');
  const root = rootFromInclusionProof(r.leafIndex, r.treeHead.treeSize, leafHash, r.inclusionProof.map((h) => Buffer.from(h, 'hex')));
  if (root === null || !sameHash(root, Buffer.from(r.treeHead.rootHash, 'hex'))) {
    return { ok: false, problem: 'the inclusion proof does not lead from the leaf to the signed root' };
  }
  if (leafData !== undefined) {
    if (!sameHash(hashLeaf(leafData), leafHash)) return { ok: false, problem: 'the event differs from the one receipted (leaf hash)' };
    if (positionIn(leafData) !== r.position) return { ok: false, problem: `the event is at position ${positionIn(leafData)}, not ${r.position}` };
  }
  return { ok: true };
}

function positionIn(leafData: Uint8Array): unknown {
  try {
    return (JSON.parse(Buffer.from(leafData).toString('utf8')) as { position?: unknown }).position;
  } catch {
    return undefined;
  }
}
