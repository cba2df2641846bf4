import { createPublicKey } from 'node:crypto';
import { leafData } from '../../src/modules/transparency-log/domain/leaf-data.js';
import { verifyConsistency, verifyInclusion } from '../../src/modules/transparency-log/domain/merkle.js';
import { verifyReceipt } from '../../src/modules/transparency-log/domain/receipt.js';
import { verifyTreeHead } from '../../src/modules/transparency-log/domain/signed-tree-head.js';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store.adapter.js';
import { ADMIN_TOKEN, RECORDER_TOKEN, bearer, call, milestone, start, type Running } from '../security/support.js';

/** The transparency log over HTTP: receipts in the 201s, the key, the head, receipts and proofs, their 400s and 404s. */

const bytes = (hex: string) => Buffer.from(hex, 'hex');

describe('transparency log over HTTP', () => {
  let service: Running;
  let publicKey: ReturnType<typeof createPublicKey>;
  const get = (path: string) => call(`${service.url}${path}`);
  const post = (path: string, json: unknown, headers: Record<string, string> = {}) =>
    call(`${service.url}${path}`, { method: 'POST', json, headers: { ...bearer(RECORDER_TOKEN), ...headers } });

  beforeAll(async () => {
    service = await start({ SEED: 'false' });
    const key = await get('/api/log/key');
    expect(key.status).toBe(200);
    publicKey = createPublicKey(key.body.publicKeyPem);
  });
  afterAll(() => service.close());

  /** The stored event at `position`, as the store holds it (what a lossless export gives a partner). */
  async function storedAt(position: number) {
    const store = SqliteEventStore.open(`${service.dataDir}/events.db`);
    try {
      return (await store.readAll(position - 1, 1))[0];
    } finally {
      await store.close();
    }
  }

  it('gives the key and, on an empty log, the signed head of the empty tree', async () => {
    const key = await get('/api/log/key');
    expect(key.body).toMatchObject({ algorithm: 'Ed25519', keyId: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const head = await get('/api/log/head');
    expect(head.status).toBe(200);
    expect(head.body).toMatchObject({ treeSize: 0, rootHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', keyId: key.body.keyId });
    expect(verifyTreeHead(head.body, publicKey)).toEqual({ ok: true });
  });

  it('answers every 201 with a receipt a partner verifies offline, a replayed one too', async () => {
    const created = await post('/api/frameworks', { id: 'tl1', name: 'Transparence', effectiveDate: '2000-01-01' });
    expect(created.status).toBe(201);
    expect(created.body.receipt).toMatchObject({ position: created.body.position, leafIndex: 0, treeHead: { treeSize: 1 } });
    expect(verifyReceipt(created.body.receipt, publicKey, leafData(await storedAt(created.body.position)))).toEqual({ ok: true });

    const first = await post('/api/frameworks/tl1/events', milestone('m1', '2020'), { 'Idempotency-Key': 'k-1' });
    expect(first.status).toBe(201);
    expect(first.body.receipt).toMatchObject({ position: first.body.position, leafIndex: 1, treeHead: { treeSize: 2 } });
    const stored = await storedAt(first.body.position);
    expect(verifyReceipt(first.body.receipt, publicKey, leafData(stored))).toEqual({ ok: true });

    await post('/api/frameworks/tl1/events', milestone('m2', '2021'));
    const replay = await post('/api/frameworks/tl1/events', milestone('m1', '2020'), { 'Idempotency-Key': 'k-1' });
    expect(replay.status).toBe(201);
    expect(replay.body.replayed).toBe(true);
    // The same event, under the latest head (which includes the later append).
    expect(replay.body.receipt).toMatchObject({ position: first.body.position, leafIndex: 1, leafHash: first.body.receipt.leafHash, treeHead: { treeSize: 3 } });
    expect(verifyReceipt(replay.body.receipt, publicKey, leafData(stored))).toEqual({ ok: true });
  });

  it('gives the receipt of any event, its inclusion proof in any signed size, and consistency proofs between sizes', async () => {
    const head = (await get('/api/log/head')).body;
    expect(head.treeSize).toBe(3);
    const receipt = await get('/api/log/receipt?position=2');
    expect(receipt.status).toBe(200);
    expect(receipt.body).toMatchObject({ position: 2, leafIndex: 1, treeHead: head });
    expect(verifyReceipt(receipt.body, publicKey, leafData(await storedAt(2)))).toEqual({ ok: true });

    const inclusion = await get('/api/log/proof/inclusion?position=2&treeSize=2');
    expect(inclusion.status).toBe(200);
    expect(inclusion.body).toMatchObject({ position: 2, leafIndex: 1, treeSize: 2, treeHead: { treeSize: 2 } });
    const claim = { leafIndex: 1, treeSize: 2, leafHash: bytes(inclusion.body.leafHash), proof: inclusion.body.proof.map(bytes), rootHash: bytes(inclusion.body.treeHead.rootHash) };
    expect(verifyInclusion(claim)).toBe(true);
    expect((await get('/api/log/proof/inclusion?position=2')).body).toMatchObject({ treeSize: 3, treeHead: head });

    const consistency = await get('/api/log/proof/consistency?from=1&to=3');
    expect(consistency.status).toBe(200);
    const { fromHead, toHead, proof } = consistency.body;
    expect(toHead).toEqual(head);
    expect(verifyConsistency({ fromSize: 1, toSize: 3, fromRoot: bytes(fromHead.rootHash), toRoot: bytes(toHead.rootHash), proof: proof.map(bytes) })).toBe(true);
    expect((await get('/api/log/proof/consistency?from=2')).body).toMatchObject({ from: 2, to: 3, toHead: head });
  });

  it('refuses a malformed or out-of-range parameter with a 400 naming it, an unknown key too, and answers 404 where there is no event', async () => {
    const field = async (path: string) => {
      const answer = await get(path);
      expect(answer.status).toBe(400);
      return answer.body.fields.map((f: { field: string }) => f.field);
    };
    expect(await field('/api/log/receipt')).toEqual(['position']);
    expect(await field('/api/log/receipt?position=abc')).toEqual(['position']);
    expect(await field('/api/log/receipt?position=-1')).toEqual(['position']);
    expect(await field('/api/log/receipt?position=1.5')).toEqual(['position']);
    expect(await field('/api/log/receipt?position=1e3')).toEqual(['position']);
    expect(await field('/api/log/receipt?position=2&extra=1')).toEqual(['extra']);
    expect(await field('/api/log/proof/inclusion?position=2&treeSize=99')).toEqual(['treeSize']);
    expect(await field('/api/log/proof/inclusion?position=3&treeSize=2')).toEqual(['treeSize']);
    expect(await field('/api/log/proof/inclusion?position=x&treeSize=y')).toEqual(['position', 'treeSize']);
    expect(await field('/api/log/proof/consistency?from=3&to=2')).toEqual(['from']);
    expect(await field('/api/log/proof/consistency?from=1&to=4')).toEqual(['to']);
    expect(await field('/api/log/proof/consistency?to=2')).toEqual(['from']);
    expect(await field('/api/log/head?toString=1')).toEqual(['toString']);

    for (const path of ['/api/log/receipt?position=999', '/api/log/receipt?position=0', '/api/log/proof/inclusion?position=999']) {
      const answer = await get(path);
      expect(answer.status).toBe(404);
      expect(answer.body.message).toMatch(/no event at position/);
    }
  });

  it('verify says what it checked of the tree: every event, leaf, head and signature', async () => {
    const report = await call(`${service.url}/api/admin/verify`, { headers: bearer(ADMIN_TOKEN) });
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ ok: true, chainsOk: true, chained: true, checked: 3 });
    expect(report.body.transparency).toMatchObject({ placement: 'embedded', ok: true, events: 3, leaves: 3, heads: 3, signatures: 3, treeSize: 3, firstDisagreement: null });
  });
});
