import { createHash, generateKeyPairSync, verify } from 'node:crypto';
import {
  keyIdOf,
  parsePublicKey,
  publicKeyPem,
  signTreeHead,
  treeHeadSigningBytes,
  verifyTreeHead,
  InvalidTreeHead,
  type SignedTreeHead,
} from './signed-tree-head.js';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');
const ROOT = '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328';
const head = signTreeHead({ treeSize: 8, rootHash: ROOT, timestamp: new Date('2026-03-01T10:00:00Z') }, privateKey);

describe('signed tree heads', () => {
  it('sign the five documented lines with Ed25519, and name the key by the SHA-256 of its SPKI', () => {
    const keyId = createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
    expect(head).toEqual({ treeSize: 8, rootHash: ROOT, timestamp: '2026-03-01T10:00:00.000Z', keyId, signature: expect.stringMatching(/^[0-9a-f]{128}$/) });
    const text = `governance-history/transparency-log/tree-head/v1\ntree_size=8\nroot_hash=${ROOT}\ntimestamp=2026-03-01T10:00:00.000Z\nkey_id=${keyId}\n`;
    expect(treeHeadSigningBytes(head).toString('utf8')).toBe(text);
    // Checked here with node:crypto directly, as a partner's own tool would.
    expect(verify(null, Buffer.from(text), publicKey, Buffer.from(head.signature, 'hex'))).toBe(true);
    expect(verifyTreeHead(head, publicKey)).toEqual({ ok: true });
    expect(keyIdOf(privateKey)).toBe(keyId);
  });

  it('fail on any changed field, and say why', () => {
    const flip = (hex: string) => (hex[0] === '0' ? '1' : '0') + hex.slice(1);
    const changed: SignedTreeHead[] = [
      { ...head, treeSize: 9 },
      { ...head, rootHash: flip(head.rootHash) },
      { ...head, timestamp: '2026-03-01T10:00:00.001Z' },
      { ...head, signature: flip(head.signature) },
    ];
    for (const h of changed) expect(verifyTreeHead(h, publicKey)).toEqual({ ok: false, problem: expect.stringContaining('does not verify') });
    expect(verifyTreeHead({ ...head, keyId: keyIdOf(other.publicKey) }, publicKey)).toEqual({ ok: false, problem: expect.stringContaining('another key') });
  });

  it('are told apart when signed with another key', () => {
    const forged = signTreeHead({ treeSize: 8, rootHash: ROOT, timestamp: head.timestamp }, other.privateKey);
    expect(verifyTreeHead(forged, publicKey)).toEqual({ ok: false, problem: expect.stringContaining('signed by another key') });
    expect(verifyTreeHead(forged, other.publicKey)).toEqual({ ok: true });
  });

  it('refuse malformed heads without throwing', () => {
    const bad: unknown[] = [
      null,
      [],
      { ...head, treeSize: -1 },
      { ...head, treeSize: 1.5 },
      { ...head, rootHash: head.rootHash.toUpperCase() },
      { ...head, rootHash: head.rootHash.slice(2) },
      { ...head, timestamp: '2026-03-01T10:00:00Z' },
      { ...head, timestamp: '2026-02-30T10:00:00.000Z' },
      { ...head, keyId: undefined },
      { ...head, signature: 'zz' },
    ];
    for (const h of bad) expect(verifyTreeHead(h, publicKey)).toEqual({ ok: false, problem: expect.any(String) });
  });

  it('are signed with an Ed25519 private key only; public keys are read from PEM', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => signTreeHead({ treeSize: 1, rootHash: ROOT, timestamp: head.timestamp }, publicKey)).toThrow(InvalidTreeHead);
    expect(() => signTreeHead({ treeSize: 1, rootHash: ROOT, timestamp: head.timestamp }, rsa.privateKey)).toThrow('not an Ed25519 key');
    expect(keyIdOf(parsePublicKey(publicKeyPem(privateKey)))).toBe(head.keyId);
    expect(keyIdOf(parsePublicKey(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()))).toBe(head.keyId);
    expect(() => parsePublicKey(rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString())).toThrow('not an Ed25519 key');
    expect(() => parsePublicKey('not a key')).toThrow(InvalidTreeHead);
  });
});
