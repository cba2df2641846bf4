/**
 * The page's own checks of a receipt (web/src/merkle-verify.ts, receipt-checks.ts, receipt-parse.ts),
 * run in Node with WebCrypto, against the RFC 6962 vectors and against the receipts, heads and
 * proofs of the server's own transparency log (src/modules/transparency-log/domain): every receipt
 * verifies against every later head; one hex digit changed anywhere fails the check it concerns.
 */
import { generateKeyPairSync } from 'node:crypto';
import { LEAF_INPUTS, ROOTS, INCLUSION_PROOFS, CONSISTENCY_PROOFS } from '../../src/modules/transparency-log/domain/testing/rfc6962-vectors.js';
import { generatedLog } from '../../src/modules/transparency-log/domain/testing/generated-log.js';
import { TransparencyLog } from '../../src/modules/transparency-log/domain/transparency-log.js';
import { InMemoryTreeNodeStore } from '../../src/modules/transparency-log/domain/tree-node-store.js';
import { fromHex, hashLeaf, toHex, treeHeadSigningText, verifyConsistency, verifyInclusion } from '../../web/src/merkle-verify.js';
import { checkReceipt, type LogReads } from '../../web/src/receipt-checks.js';
import { parseReceipt, type Receipt } from '../../web/src/receipt-parse.js';
import { treeHeadSigningBytes } from '../../src/modules/transparency-log/domain/signed-tree-head.js';

const hex = (s: string) => fromHex(s)!;
/** One hex digit changed (the first one, 0 ↔ 1…). */
const flip = (s: string, at = 0) => s.slice(0, at) + ((parseInt(s[at], 16) + 1) % 16).toString(16) + s.slice(at + 1);

describe('merkle-verify against the RFC 6962 vectors', () => {
  it('hashes the leaves and checks every published inclusion and consistency proof; a changed hash fails', async () => {
    const leaves = await Promise.all(LEAF_INPUTS.map((input) => hashLeaf(hex(input))));
    for (const { leafIndex, treeSize, proof } of INCLUSION_PROOFS) {
      const claim = { leafIndex, treeSize, leafHash: leaves[leafIndex], proof: proof.map(hex), rootHash: hex(ROOTS[treeSize - 1]) };
      expect(await verifyInclusion(claim)).toBe(true);
      expect(await verifyInclusion({ ...claim, rootHash: hex(flip(ROOTS[treeSize - 1])) })).toBe(false);
      if (proof.length) expect(await verifyInclusion({ ...claim, proof: [hex(flip(proof[0])), ...proof.slice(1).map(hex)] })).toBe(false);
      expect(await verifyInclusion({ ...claim, leafIndex: treeSize })).toBe(false);
    }
    for (const { fromSize, toSize, proof } of CONSISTENCY_PROOFS) {
      const claim = { fromSize, toSize, fromRoot: hex(ROOTS[fromSize - 1]), toRoot: hex(ROOTS[toSize - 1]), proof: proof.map(hex) };
      expect(await verifyConsistency(claim)).toBe(true);
      expect(await verifyConsistency({ ...claim, fromRoot: hex(flip(ROOTS[fromSize - 1])) })).toBe(false);
      if (fromSize !== toSize) expect(await verifyConsistency({ ...claim, toRoot: hex(flip(ROOTS[toSize - 1])) })).toBe(false);
    }
  });
});

describe('checking receipts of the server’s own log', () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const other = generateKeyPairSync('ed25519').privateKey;
  let tick = Date.UTC(2026, 5, 1);
  const log = new TransparencyLog(new InMemoryTreeNodeStore(), privateKey, () => new Date((tick += 1000)));
  const events = generatedLog(23);
  /** A receipt per group of appends (1, 2, 3… events), as the service issues them. */
  const receipts: Receipt[] = [];
  for (let i = 0, group = 1; i < events.length; i += group, group++) {
    const leaves = log.record(events.slice(i, i + group));
    receipts.push(...(JSON.parse(JSON.stringify(log.receipts(leaves, log.signHead()))) as Receipt[]));
  }
  const reads = (l: TransparencyLog, key = privateKey): LogReads => ({
    key: async () => ({ publicKeyPem: new TransparencyLog(new InMemoryTreeNodeStore(), key).publicKeyPem, keyId: new TransparencyLog(new InMemoryTreeNodeStore(), key).keyId, algorithm: 'Ed25519' }),
    head: async () => l.signHead(),
    consistency: async (from, to) => ({ from, to, proof: l.consistencyProof(from, to) }),
  });
  const results = async (receipt: Receipt, r = reads(log), kept: string | null = null) => Object.fromEntries((await checkReceipt(receipt, r, kept)).map((c) => [c.id, c.result]));
  const allVerified = { inclusion: 'verified', consistency: 'verified', key: 'verified', signature: 'verified' };

  it('signs the same text as the server', () => {
    const head = receipts[0].treeHead;
    expect(Buffer.from(treeHeadSigningText(head), 'utf8')).toEqual(treeHeadSigningBytes(head));
  });

  it('verifies every receipt, through its parsed JSON, against the latest head (inclusion, consistency, key id computed from the key, Ed25519 signature)', async () => {
    expect(receipts).toHaveLength(23);
    for (const receipt of receipts) {
      const parsed = parseReceipt(JSON.stringify({ eventId: 'x', receipt }));
      expect(parsed).toEqual({ ok: true, receipt });
      expect(await results(receipt)).toEqual(allVerified);
    }
    // Against a key the partner kept, too.
    expect(await results(receipts[5], reads(log), (await reads(log).key()).publicKeyPem)).toEqual(allVerified);
  });

  it('one hex digit changed: the leaf hash fails inclusion only; the root fails inclusion, consistency and signature', async () => {
    const r = receipts[9];
    expect(await results({ ...r, leafHash: flip(r.leafHash, 7) })).toEqual({ ...allVerified, inclusion: 'failed' });
    expect(await results({ ...r, inclusionProof: r.inclusionProof.map((p, i) => (i === 0 ? flip(p) : p)) })).toEqual({ ...allVerified, inclusion: 'failed' });
    expect(await results({ ...r, treeHead: { ...r.treeHead, rootHash: flip(r.treeHead.rootHash, 63) } })).toEqual({ ...allVerified, inclusion: 'failed', consistency: 'failed', signature: 'failed' });
    expect(await results({ ...r, treeHead: { ...r.treeHead, timestamp: '2020-01-01T00:00:00.000Z' } })).toEqual({ ...allVerified, signature: 'failed' });
  });

  it('a rewritten log (same key, one event changed) fails consistency, saying the log was rewritten after the receipt', async () => {
    const rewritten = new TransparencyLog(new InMemoryTreeNodeStore(), privateKey);
    rewritten.record(events.map((e) => (e.position === 4 ? { ...e, metadata: { ...e.metadata, actor: 'someone-else' } } : e)));
    const checks = await checkReceipt(receipts[10], reads(rewritten));
    expect(checks.find((c) => c.id === 'consistency')).toMatchObject({ result: 'failed', detail: expect.stringContaining('Le journal a été réécrit après ce reçu') });
    // A receipt of an event before the change: its head (size 3) is still extended.
    expect((await results(receipts[1], reads(rewritten))).consistency).toBe('verified');
    // A truncated log.
    const shorter = new TransparencyLog(new InMemoryTreeNodeStore(), privateKey);
    shorter.record(events.slice(0, 5));
    expect((await checkReceipt(receipts[20], reads(shorter))).find((c) => c.id === 'consistency')).toMatchObject({ result: 'failed', detail: expect.stringContaining('tronqué') });
  });

  it('a key the service gives today that is not the head’s: key and signature fail; a read that fails is « non vérifiable »', async () => {
    expect(await results(receipts[3], reads(log, other))).toEqual({ ...allVerified, key: 'failed', signature: 'failed' });
    const broken: LogReads = { ...reads(log), head: async () => Promise.reject(new Error('Le service a répondu 503')) };
    expect((await results(receipts[3], broken)).consistency).toBe('unverifiable');
  });

  it('bad input is said in French, naming the field', () => {
    const r = receipts[2];
    const problem = (text: string) => {
      const parsed = parseReceipt(text);
      return parsed.ok ? null : parsed.problem;
    };
    expect(problem('pas du json')).toContain('n’est pas du JSON');
    expect(problem('')).toContain('Collez un reçu');
    expect(problem('[1]')).toContain('objet JSON');
    expect(problem(JSON.stringify({ ...r, leafHash: undefined }))).toBe('Il manque le champ « leafHash ».');
    expect(problem(JSON.stringify({ ...r, leafHash: `g${r.leafHash.slice(1)}` }))).toContain('pas hexadécimaux');
    expect(problem(JSON.stringify({ ...r, treeHead: { ...r.treeHead, signature: 'ab' } }))).toContain('« treeHead.signature »');
    expect(problem(JSON.stringify({ ...r, inclusionProof: [r.inclusionProof[0] ?? toHex(new Uint8Array(32)), 'zz'] }))).toContain('inclusionProof[1]');
    expect(problem(JSON.stringify({ ...r, position: -1 }))).toContain('« position »');
    expect(problem(JSON.stringify({ ...r, leafIndex: r.treeHead.treeSize }))).toContain('plus petit que la taille');
    expect(problem(JSON.stringify({ eventId: 'x', receipt: null, receiptUrl: '/api/log/receipt?position=9' }))).toContain('/api/log/receipt?position=9');
  });
});
