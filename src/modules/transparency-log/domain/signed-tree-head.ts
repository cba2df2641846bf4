import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import type { Hash } from './merkle.js';

/**
 * Signed tree heads: the log's size, the root hash of its Merkle tree and the instant, signed
 * with the service's Ed25519 key (node:crypto). A partner who keeps a signed head holds the
 * server to that history: any later head must extend it (consistency), any event under it must
 * hash into its root (inclusion).
 *
 * Encoding: every hash, key id and signature is lowercase HEX (rootHash: 64 characters, keyId:
 * 64, signature: 128); `timestamp` is an ISO 8601 instant as the store writes `recordedAt`
 * (`2026-01-02T03:04:05.678Z`); `treeSize` a whole number.
 *
 * The bytes signed are these five lines of UTF-8 text, each ended by "\n" (no other spaces):
 *
 *   governance-history/transparency-log/tree-head/v1
 *   tree_size=<treeSize in decimal>
 *   root_hash=<rootHash>
 *   timestamp=<timestamp>
 *   key_id=<keyId>
 *
 * `keyId` = SHA-256 of the public key's SubjectPublicKeyInfo (DER), so that a head names the key
 * that signed it and a head signed with another key is told apart from a forged one.
 */

export interface TreeHead {
  treeSize: number;
  /** Hex. */
  rootHash: string;
  /** ISO 8601 instant, `YYYY-MM-DDTHH:mm:ss.sssZ`. */
  timestamp: string;
}

export interface SignedTreeHead extends TreeHead {
  /** Hex SHA-256 of the signing key's SPKI DER. */
  keyId: string;
  /** Hex Ed25519 signature of `treeHeadSigningBytes`. */
  signature: string;
}

export const TREE_HEAD_CONTEXT = 'governance-history/transparency-log/tree-head/v1';

const HEX64 = /^[0-9a-f]{64}$/;
const HEX128 = /^[0-9a-f]{128}$/;

export class InvalidTreeHead extends Error {}

/** An instant exactly as the store writes them (so that instants compare as strings). */
export function isStoreInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const ms = Date.parse(value);
  return Number.isFinite(ms) && new Date(ms).toISOString() === value;
}

/** What is wrong with the fields of a (signed) tree head, or null. */
export function treeHeadProblem(head: unknown, signed = true): string | null {
  if (head === null || typeof head !== 'object' || Array.isArray(head)) return 'the tree head is not an object';
  const h = head as Record<string, unknown>;
  if (typeof h.treeSize !== 'number' || !Number.isSafeInteger(h.treeSize) || h.treeSize < 0) return 'treeSize must be a whole number';
  if (typeof h.rootHash !== 'string' || !HEX64.test(h.rootHash)) return 'rootHash must be 64 lowercase hex digits';
  if (!isStoreInstant(h.timestamp)) return 'timestamp must be an instant YYYY-MM-DDTHH:mm:ss.sssZ';
  if (signed || h.keyId !== undefined) {
    if (typeof h.keyId !== 'string' || !HEX64.test(h.keyId)) return 'keyId must be 64 lowercase hex digits';
  }
  if (signed && (typeof h.signature !== 'string' || !HEX128.test(h.signature))) return 'signature must be 128 lowercase hex digits';
  return null;
}

/** The bytes a tree head's signature covers. */
export function treeHeadSigningBytes(head: TreeHead & { keyId: string }): Buffer {
  const problem = treeHeadProblem(head, false);
  if (problem !== null) throw new InvalidTreeHead(problem);
  return Buffer.from(
    `${TREE_HEAD_CONTEXT}\ntree_size=${head.treeSize}\nroot_hash=${head.rootHash}\ntimestamp=${head.timestamp}\nkey_id=${head.keyId}\n`,
    'utf8',
  );
}

/** The public half of a key (itself when it is public). */
function publicOf(key: KeyObject): KeyObject {
  return key.type === 'private' ? createPublicKey(key) : key;
}

function assertEd25519(key: KeyObject, what: string): void {
  if (key.asymmetricKeyType !== 'ed25519') throw new InvalidTreeHead(`${what} is a ${key.asymmetricKeyType ?? key.type} key, not an Ed25519 key`);
}

/** Key ids already worked out, by key object (a key object never changes). */
const keyIds = new WeakMap<KeyObject, string>();

/** SHA-256 of the public key's SubjectPublicKeyInfo DER, hex (worked out once per key object). */
export function keyIdOf(key: KeyObject): string {
  let id = keyIds.get(key);
  if (id === undefined) {
    id = createHash('sha256').update(publicOf(key).export({ type: 'spki', format: 'der' })).digest('hex');
    keyIds.set(key, id);
  }
  return id;
}

/** The public key in PEM (SPKI), to hand to partners. */
export function publicKeyPem(key: KeyObject): string {
  return publicOf(key).export({ type: 'spki', format: 'pem' }).toString();
}

/**
 * An Ed25519 public key from PEM text (a public key, or a private key whose public half is
 * taken). Throws InvalidTreeHead when the text is not such a key.
 */
export function parsePublicKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (error) {
    throw new InvalidTreeHead(`not a PEM public key (${(error as Error).message})`);
  }
  assertEd25519(key, 'the key');
  return key;
}

/** Signs the head of a tree of `treeSize` leaves with root `rootHash`, at `timestamp`. */
export function signTreeHead(head: { treeSize: number; rootHash: Hash | string; timestamp: Date | string }, privateKey: KeyObject): SignedTreeHead {
  if (privateKey.type !== 'private') throw new InvalidTreeHead('a tree head is signed with a private key');
  assertEd25519(privateKey, 'the signing key');
  const unsigned = {
    treeSize: head.treeSize,
    rootHash: typeof head.rootHash === 'string' ? head.rootHash : Buffer.from(head.rootHash).toString('hex'),
    timestamp: head.timestamp instanceof Date ? head.timestamp.toISOString() : head.timestamp,
    keyId: keyIdOf(privateKey),
  };
  const signature = sign(null, treeHeadSigningBytes(unsigned), privateKey).toString('hex');
  return { ...unsigned, signature };
}

export type Check = { ok: true } | { ok: false; problem: string };

/** Whether the head is well formed and signed by `publicKey`; when not, what is wrong. */
export function verifyTreeHead(head: unknown, publicKey: KeyObject): Check {
  const problem = treeHeadProblem(head);
  if (problem !== null) return { ok: false, problem };
  const h = head as SignedTreeHead;
  const expected = keyIdOf(publicKey);
  if (h.keyId !== expected) return { ok: false, problem: `signed by another key (key id ${h.keyId.slice(0, 16)}…, the given key is ${expected.slice(0, 16)}…)` };
  const valid = verify(null, treeHeadSigningBytes(h), publicOf(publicKey), Buffer.from(h.signature, 'hex'));
  return valid ? { ok: true } : { ok: false, problem: 'the signature does not verify: the tree head was altered or not signed by this key' };
}
