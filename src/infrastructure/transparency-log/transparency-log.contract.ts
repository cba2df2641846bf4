import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import type { AppendResult, EventStore, NewEvent } from '../event-store/event-store.port.js';
import { leafData, eventLeafHash } from '../../modules/transparency-log/domain/leaf-data.js';
import { EMPTY_ROOT, verifyConsistency, verifyInclusion } from '../../modules/transparency-log/domain/merkle.js';
import { verifyReceipt, type Receipt } from '../../modules/transparency-log/domain/receipt.js';
import { keyIdOf, verifyTreeHead } from '../../modules/transparency-log/domain/signed-tree-head.js';
import { TransparencyLog } from '../../modules/transparency-log/domain/transparency-log.js';
import { InMemoryTreeNodeStore } from '../../modules/transparency-log/domain/tree-node-store.js';
import type { TransparencyLogPort } from './transparency-log.port.js';

/**
 * The behaviour both placements of the transparency log must have (the embedded store's tree in
 * `events.db`, the follower's in `transparency.db`). `open(key)` gives a started log and its
 * event store (empty, or a server's log that others share: the tests count from the size the
 * tree has when they start); `reopen` closes both and opens them again on the same data.
 */
export interface TransparencySubject {
  events: EventStore;
  log: TransparencyLogPort;
  reopen(): Promise<TransparencySubject>;
  close(): Promise<void>;
}

const bytes = (hex: string) => Buffer.from(hex, 'hex');
const hexOf = (hash: Uint8Array) => Buffer.from(hash).toString('hex');
const newEvent = (i: number): NewEvent => ({ eventId: randomUUID(), type: 'ContractTested', data: { i, name: `événement ${i}` }, metadata: { actor: 'contract' } });

/** The receipts of an append, as the write path asks for them (waiting for a follower). */
export const receiptsOf = (log: TransparencyLogPort, result: AppendResult) =>
  log.receipts(result.events, { ...(result.logEntry ? { logEntry: result.logEntry } : {}), waitMs: 10_000 });

export function transparencyLogContract(name: string, open: (signingKey: KeyObject) => Promise<TransparencySubject>): void {
  describe(`transparency log contract: ${name}`, () => {
    const key = generateKeyPairSync('ed25519');
    let subject: TransparencySubject;
    /** The size of the tree when the test began. */
    let base: number;

    beforeEach(async () => {
      subject = await open(key.privateKey);
      base = (await subject.log.head()).treeSize;
    });
    afterEach(async () => {
      await subject.close();
    });

    async function append(streamId: string, count: number): Promise<{ result: AppendResult; receipts: Receipt[] }> {
      const result = await subject.events.append(streamId, Array.from({ length: count }, (_, i) => newEvent(i)), 'any');
      const receipts = await receiptsOf(subject.log, result);
      if (receipts === null) throw new Error('no receipt within 10 s');
      return { result, receipts };
    }

    /** The root of the log's first `size` events, computed from scratch. */
    async function expectedRoot(size: number): Promise<string> {
      const reference = new TransparencyLog(new InMemoryTreeNodeStore(), key.privateKey);
      let after: number | null = null;
      while (reference.tree.size < size) {
        const page = await subject.events.readAll(after, Math.min(500, size - reference.tree.size));
        if (page.length === 0) break;
        reference.record(page);
        after = page[page.length - 1].position;
      }
      return Buffer.from(reference.tree.root()).toString('hex');
    }

    it('starts with a head of the log as it is (the empty tree on an empty log), signed with the key', async () => {
      const head = await subject.log.head();
      expect(head).toMatchObject({ treeSize: base, rootHash: await expectedRoot(base), keyId: keyIdOf(key.publicKey) });
      if (base === 0) expect(head.rootHash).toBe(Buffer.from(EMPTY_ROOT).toString('hex'));
      expect(verifyTreeHead(head, key.publicKey)).toEqual({ ok: true });
      expect(subject.log.keyId).toBe(keyIdOf(key.publicKey));
      expect(subject.log.publicKeyPem).toBe(key.publicKey.export({ type: 'spki', format: 'pem' }).toString());
    });

    it('gives every appended event a receipt that a partner verifies with the public key and the event', async () => {
      const first = await append('contract-a', 1);
      const group = await append('contract-b', 3);
      const receipts = [...first.receipts, ...group.receipts];
      const stored = [...first.result.events, ...group.result.events];
      const g = group.receipts[0].leafIndex;
      expect(first.receipts[0].leafIndex).toBeGreaterThanOrEqual(base);
      expect(g).toBeGreaterThan(first.receipts[0].leafIndex);
      expect(group.receipts.map((r) => r.leafIndex)).toEqual([g, g + 1, g + 2]);
      receipts.forEach((receipt, i) => {
        expect(receipt.position).toBe(stored[i].position);
        expect(receipt.leafHash).toBe(hexOf(eventLeafHash(stored[i])));
        expect(verifyReceipt(receipt, key.publicKey, leafData(stored[i]))).toEqual({ ok: true });
      });
      // The events of one append are under one head, which includes them all.
      expect(new Set(group.receipts.map((r) => r.treeHead.signature)).size).toBe(1);
      expect(group.receipts[0].treeHead.treeSize).toBeGreaterThanOrEqual(g + 3);
      const head = await subject.log.head();
      expect(head.rootHash).toBe(await expectedRoot(head.treeSize));
    });

    it('answers the leaf, the receipt and the inclusion proof of any position, and null where there is no event', async () => {
      const { result } = await append('contract-c', 5);
      const head = await subject.log.head();
      const first = (await subject.log.leaf(result.events[0].position))!.leafIndex;
      for (const [n, event] of result.events.entries()) {
        const i = first + n;
        const leaf = await subject.log.leaf(event.position);
        expect(leaf).toEqual({ position: event.position, leafIndex: i, leafHash: hexOf(eventLeafHash(event)) });
        const receipt = await subject.log.receipt(event.position);
        expect(receipt).toMatchObject({ position: event.position, leafIndex: i, treeHead: head });
        expect(verifyReceipt(receipt, key.publicKey, leafData(event))).toEqual({ ok: true });
        const proof = await subject.log.inclusionProof(i, head.treeSize);
        expect(verifyInclusion({ leafIndex: i, treeSize: head.treeSize, leafHash: bytes(leaf!.leafHash), proof: proof.map(bytes), rootHash: bytes(head.rootHash) })).toBe(true);
      }
      const missing = result.events.at(-1)!.position + 1_000_000;
      expect(await subject.log.leaf(missing)).toBeNull();
      expect(await subject.log.receipt(missing)).toBeNull();
    });

    it('proves every later head consistent with every earlier one, and refuses sizes beyond the signed head', async () => {
      const heads = [];
      for (let i = 0; i < 4; i++) heads.push((await append(`contract-d${i % 2}`, i + 1)).receipts[0].treeHead);
      for (let a = 0; a < heads.length; a++) {
        for (let b = a; b < heads.length; b++) {
          const [from, to] = [heads[a], heads[b]];
          const proof = await subject.log.consistencyProof(from.treeSize, to.treeSize);
          const claim = { fromSize: from.treeSize, toSize: to.treeSize, fromRoot: bytes(from.rootHash), toRoot: bytes(to.rootHash), proof: proof.map(bytes) };
          expect(verifyConsistency(claim)).toBe(true);
        }
      }
      for (const head of heads) expect(await subject.log.signedHead(head.treeSize)).toEqual(head);
      const size = (await subject.log.head()).treeSize;
      expect(await subject.log.signedHead(size + 1)).toBeNull();
      await expect(subject.log.consistencyProof(1, size + 1)).rejects.toThrow(RangeError);
      await expect(subject.log.inclusionProof(0, size + 1)).rejects.toThrow(RangeError);
      await expect(subject.log.consistencyProof(size, size - 1)).rejects.toThrow(RangeError);
    });

    it('gives a replayed append (the same event ids) the receipts of its events', async () => {
      const events = [newEvent(1), newEvent(2)];
      const first = await subject.events.append('contract-e', events, 'no_stream');
      const replay = await subject.events.append('contract-e', events, 'no_stream');
      expect(replay.replayed).toBe(true);
      const receipts = await receiptsOf(subject.log, replay);
      expect(receipts?.map((r) => r.position)).toEqual(first.events.map((e) => e.position));
      receipts!.forEach((r, i) => expect(verifyReceipt(r, key.publicKey, leafData(replay.events[i]))).toEqual({ ok: true }));
      expect((await subject.log.head()).treeSize).toBeGreaterThanOrEqual(receipts!.at(-1)!.leafIndex + 1);
      expect(receipts!.at(-1)!.leafIndex).toBe(receipts![0].leafIndex + 1);
    });

    it('keeps the tree and its heads across a restart, and goes on from there', async () => {
      const before = await append('contract-f', 3);
      const head = await subject.log.head();
      subject = await subject.reopen();
      await subject.log.start();
      expect(await subject.log.head()).toEqual(head);
      const after = await append('contract-f', 2);
      expect(after.receipts[0].leafIndex).toBeGreaterThanOrEqual(before.receipts[2].leafIndex + 1);
      const proof = await subject.log.consistencyProof(head.treeSize, after.receipts[0].treeHead.treeSize);
      const later = after.receipts[0].treeHead;
      expect(verifyConsistency({ fromSize: head.treeSize, toSize: later.treeSize, fromRoot: bytes(head.rootHash), toRoot: bytes(later.rootHash), proof: proof.map(bytes) })).toBe(true);
      expect(verifyReceipt(await subject.log.receipt(before.result.events[0].position), key.publicKey, leafData(before.result.events[0]))).toEqual({ ok: true });
    });

    it('is a function of the log: the same roots as a tree computed from scratch over the events', async () => {
      for (let i = 0; i < 6; i++) await append(`contract-g${i % 3}`, (i % 3) + 1);
      const head = await subject.log.head();
      expect(head.treeSize).toBeGreaterThanOrEqual(base + 12);
      expect(head.rootHash).toBe(await expectedRoot(head.treeSize));
    });

    it('verifies an untouched log: every leaf, every head and every signature checked', async () => {
      for (let i = 0; i < 3; i++) await append('contract-h', 2);
      const report = await subject.log.verify();
      expect(report).toMatchObject({ ok: true, keyId: keyIdOf(key.publicKey), firstDisagreement: null, problemCount: 0 });
      expect(report.events).toBeGreaterThanOrEqual(base + 6);
      expect(report.leaves).toBe(report.events);
      expect(report.treeSize).toBe(report.events);
      expect(report.heads).toBeGreaterThanOrEqual(3);
      expect(report.signatures).toBe(report.heads);
      expect(report.rootHash).toBe(await expectedRoot(report.treeSize));
    });
  });
}
