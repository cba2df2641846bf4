import { generateKeyPairSync } from 'node:crypto';
import type { StoredEvent } from '../../../infrastructure/event-store/event-store.port.js';
import { leafData } from './leaf-data.js';
import { verifyConsistency } from './merkle.js';
import { issueReceipt, verifyReceipt, type Receipt } from './receipt.js';
import { signTreeHead } from './signed-tree-head.js';
import { TransparencyLog } from './transparency-log.js';
import { InMemoryTreeNodeStore } from './tree-node-store.js';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');

function event(position: number): StoredEvent {
  return {
    position,
    eventId: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
    streamId: `framework-f${position % 3}`,
    revision: Math.floor(position / 3),
    type: 'MilestoneNoted',
    recordedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, position)).toISOString(),
    data: { effectiveDate: '2001', data: { milestoneId: `m${position}`, name: `Étape ${position}` }, source: { document: 'CR', passage: 'p', confidence: 'stated' } },
    metadata: { actor: position % 2 ? 'secretariat' : 'caf13' },
  };
}

describe('receipts', () => {
  const clock = { now: new Date('2026-05-01T00:00:00Z') };
  let log: TransparencyLog;
  const events = Array.from({ length: 13 }, (_, i) => event(i + 1));
  let receipts: Receipt[];

  beforeEach(() => {
    log = new TransparencyLog(new InMemoryTreeNodeStore(), privateKey, () => clock.now);
    receipts = [];
    // Appends in groups, as the group commit does: one head per group.
    for (const group of [events.slice(0, 1), events.slice(1, 5), events.slice(5, 6), events.slice(6, 13)]) {
      const leaves = log.record(group);
      receipts.push(...log.receipts(leaves, log.signHead()));
    }
  });

  it('one per event, each verified with the public key and the event', () => {
    expect(receipts.map((r) => [r.position, r.leafIndex, r.treeHead.treeSize])).toEqual(
      events.map((e, i) => [e.position, i, i < 1 ? 1 : i < 5 ? 5 : i < 6 ? 6 : 13]),
    );
    receipts.forEach((receipt, i) => {
      expect(verifyReceipt(receipt, publicKey)).toEqual({ ok: true });
      expect(verifyReceipt(receipt, publicKey, leafData(events[i]))).toEqual({ ok: true });
    });
  });

  it('fail when anything in them changed, or the event, or the key', () => {
    const r = receipts[3];
    const flip = (hex: string) => (hex[0] === '0' ? '1' : '0') + hex.slice(1);
    const cases: [unknown, string][] = [
      [{ ...r, leafHash: flip(r.leafHash) }, 'inclusion proof'],
      [{ ...r, leafIndex: r.leafIndex + 1 }, 'inclusion proof'],
      [{ ...r, inclusionProof: r.inclusionProof.map((h, i) => (i === 1 ? flip(h) : h)) }, 'inclusion proof'],
      [{ ...r, inclusionProof: r.inclusionProof.slice(1) }, 'inclusion proof'],
      [{ ...r, treeHead: { ...r.treeHead, treeSize: 6 } }, 'does not verify'],
      [{ ...r, treeHead: { ...r.treeHead, rootHash: flip(r.treeHead.rootHash) } }, 'does not verify'],
      [{ ...r, extra: 1 }, 'not a field'],
      [{ ...r, leafHash: r.leafHash.toUpperCase() }, 'hex'],
    ];
    for (const [receipt, problem] of cases) expect(verifyReceipt(receipt, publicKey)).toEqual({ ok: false, problem: expect.stringContaining(problem) });
    expect(verifyReceipt(r, other.publicKey)).toEqual({ ok: false, problem: expect.stringContaining('another key') });
    expect(verifyReceipt(r, publicKey, leafData(events[4]))).toEqual({ ok: false, problem: expect.stringContaining('differs') });
    expect(verifyReceipt(r, publicKey, leafData({ ...events[3], metadata: { actor: 'intruder' } }))).toEqual({ ok: false, problem: expect.stringContaining('differs') });
    // The position is not signed: it is bound through the event's leaf data.
    expect(verifyReceipt({ ...r, position: 99 }, publicKey, leafData(events[3]))).toEqual({ ok: false, problem: expect.stringContaining('position') });
  });

  it('can be issued for any event under any later head, and heads are consistent', () => {
    const head = log.signHead();
    for (const e of events) expect(verifyReceipt(log.receiptFor(e.position, head), publicKey, leafData(e))).toEqual({ ok: true });
    expect(log.receiptFor(999)).toBeNull();
    const early = receipts[0].treeHead;
    expect(
      verifyConsistency({
        fromSize: early.treeSize,
        toSize: head.treeSize,
        fromRoot: Buffer.from(early.rootHash, 'hex'),
        toRoot: Buffer.from(head.rootHash, 'hex'),
        proof: log.consistencyProof(early.treeSize).map((h) => Buffer.from(h, 'hex')),
      }),
    ).toBe(true);
    expect(log.keyId).toBe(head.keyId);
    expect(log.publicKeyPem).toContain('BEGIN PUBLIC KEY');
  });

  it('are not issued for a leaf outside the head, or under a head of another tree', () => {
    const head = log.signHead(5);
    expect(() => issueReceipt(log.tree, 5, head)).toThrow(RangeError);
    const foreign = signTreeHead({ treeSize: 5, rootHash: '00'.repeat(32), timestamp: head.timestamp }, privateKey);
    expect(() => issueReceipt(log.tree, 1, foreign)).toThrow('not one of this tree');
  });
});
