/**
 * The checks of a receipt that the page makes itself, with WebCrypto only (no package, no Node
 * module: the same code runs in the browser and in the unit tests): RFC 9162 §2.1.3.2 (an
 * inclusion proof leads from a leaf hash to a root), §2.1.4.2 (a consistency proof shows that a
 * larger tree extends a smaller one), the text a tree head's Ed25519 signature covers
 * (docs/transparency.md), and the key id (SHA-256 of the key's SubjectPublicKeyInfo DER).
 * The reference implementation is the server's `src/modules/transparency-log/domain/merkle.ts`.
 */

export type Bytes = Uint8Array<ArrayBuffer>;

const HEX = /^(?:[0-9a-f]{2})*$/;

/** Lowercase hex to bytes (null when it is not hex). */
export function fromHex(hex: string): Bytes | null {
  if (!HEX.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function concat(...parts: Uint8Array[]): Bytes {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export async function sha256(data: Bytes): Promise<Bytes> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', data));
}

/** SHA-256(0x01 ‖ left ‖ right): an inner node. */
export function hashChildren(left: Uint8Array, right: Uint8Array): Promise<Bytes> {
  return sha256(concat(Uint8Array.of(1), left, right));
}

/** SHA-256(0x00 ‖ data): a leaf. */
export function hashLeaf(data: Uint8Array): Promise<Bytes> {
  return sha256(concat(Uint8Array.of(0), data));
}

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
const isCount = (x: number) => Number.isSafeInteger(x) && x >= 0;
const isOdd = (x: number) => x % 2 === 1;
const half = (x: number) => Math.floor(x / 2);

/** §2.1.3.2: the root the inclusion proof leads to from the leaf, or null when it cannot be a proof for that index and size. */
export async function rootFromInclusionProof(leafIndex: number, treeSize: number, leafHash: Uint8Array, proof: readonly Uint8Array[]): Promise<Bytes | null> {
  if (!isCount(leafIndex) || !isCount(treeSize) || leafIndex >= treeSize) return null;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r: Bytes = concat(leafHash);
  for (const p of proof) {
    if (sn === 0) return null;
    if (isOdd(fn) || fn === sn) {
      r = await hashChildren(p, r);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = await hashChildren(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? r : null;
}

export async function verifyInclusion(claim: { leafIndex: number; treeSize: number; leafHash: Uint8Array; proof: readonly Uint8Array[]; rootHash: Uint8Array }): Promise<boolean> {
  const root = await rootFromInclusionProof(claim.leafIndex, claim.treeSize, claim.leafHash, claim.proof);
  return root !== null && same(root, claim.rootHash);
}

const EMPTY_ROOT_HEX = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

function isPowerOfTwo(n: number): boolean {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}

/**
 * §2.1.4.2: whether the tree of `toSize` leaves with root `toRoot` extends the tree of `fromSize`
 * leaves with root `fromRoot`. Equal sizes: equal roots and an empty proof; from the empty tree:
 * its root is SHA-256() and the proof is empty.
 */
export async function verifyConsistency(claim: { fromSize: number; toSize: number; fromRoot: Uint8Array; toRoot: Uint8Array; proof: readonly Uint8Array[] }): Promise<boolean> {
  const { fromSize: first, toSize: second, fromRoot, toRoot, proof } = claim;
  if (!isCount(first) || !isCount(second) || first > second) return false;
  if (first === 0) return proof.length === 0 && toHex(fromRoot) === EMPTY_ROOT_HEX;
  if (first === second) return proof.length === 0 && same(fromRoot, toRoot);
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(first) ? [fromRoot, ...proof] : [...proof];
  let fn = first - 1;
  let sn = second - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Uint8Array = path[0];
  let sr: Uint8Array = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = await hashChildren(c, fr);
      sr = await hashChildren(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = await hashChildren(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return same(fr, fromRoot) && same(sr, toRoot) && sn === 0;
}

/** The five lines of UTF-8 text a tree head's signature covers. */
export function treeHeadSigningText(head: { treeSize: number; rootHash: string; timestamp: string; keyId: string }): string {
  return `governance-history/transparency-log/tree-head/v1\ntree_size=${head.treeSize}\nroot_hash=${head.rootHash}\ntimestamp=${head.timestamp}\nkey_id=${head.keyId}\n`;
}

/** The DER of a PEM public key (SubjectPublicKeyInfo), or null when the text is not one. */
export function spkiOfPem(pem: string): Bytes | null {
  const match = /-----BEGIN PUBLIC KEY-----([\s\S]+?)-----END PUBLIC KEY-----/.exec(pem);
  if (!match) return null;
  try {
    const binary = atob(match[1].replace(/\s+/g, ''));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/** The key id: SHA-256 of the SPKI DER, hex. */
export async function keyIdOfSpki(spki: Bytes): Promise<string> {
  return toHex(await sha256(spki));
}

/**
 * Whether the signature verifies over the head's text with the Ed25519 key; `unsupported` when
 * this runtime's WebCrypto has no Ed25519 (or cannot read the key as one).
 */
export async function verifyHeadSignature(
  head: { treeSize: number; rootHash: string; timestamp: string; keyId: string; signature: string },
  spki: Bytes,
): Promise<'valid' | 'invalid' | 'unsupported'> {
  let key: Awaited<ReturnType<typeof crypto.subtle.importKey>>;
  try {
    key = await crypto.subtle.importKey('spki', spki, { name: 'Ed25519' }, false, ['verify']);
  } catch {
    return 'unsupported';
  }
  const signature = fromHex(head.signature);
  if (!signature) return 'invalid';
  const valid = await crypto.subtle.verify({ name: 'Ed25519' }, key, signature, new TextEncoder().encode(treeHeadSigningText(head)));
  return valid ? 'valid' : 'invalid';
}
