import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store.adapter.js';
import { LogBehindTree } from '../../src/infrastructure/event-store/sqlite/sqlite-tree-recording.js';
import { loadSigningKey } from '../../src/infrastructure/transparency-log/signing-key.js';
import { verifyReceipt } from '../../src/modules/transparency-log/domain/receipt.js';
import { cli, milestone, putRow, rechain, rowAt, tamper, writeLog, writeReceipts, type Run } from './tamper.js';

/**
 * The attacks on a real SQLite file: someone with the data directory (and the code) rewrites the
 * record behind the service's back. Each is caught twice: by a partner's `governance audit` of the
 * receipts it kept (exit 1, the first position where the export and the receipts disagree), and
 * by the service's own `governance verify` (exit 1, the first position where the Merkle tree and
 * the signed heads it stored disagree with the file) — except where the attacker also holds the
 * signing key and re-signs a whole new history: only partners' receipts see that (docs/transparency.md).
 */

const EVENTS = 700;
/** Each test runs the command line three or four times (a few seconds each on a busy machine). */
const SLOW = 180_000;

describe('attacks on the record, caught by partners’ receipts and by verify', () => {
  let base: string;
  let root: string;
  let dataDir: string;
  let files: { receipts: string; export: string; key: string };

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'attacks-base-'));
    const key = loadSigningKey({ dataDir: join(base, 'data') });
    const receipts = await writeLog(join(base, 'data'), key.privateKey, EVENTS);
    expect(receipts.map((r) => r.position)).toEqual(Array.from({ length: EVENTS }, (_, i) => i + 1));
    // What the partner keeps: every receipt, and the public key as it received it.
    writeReceipts(join(base, 'receipts.jsonl'), receipts);
    writeFileSync(join(base, 'partner-key.pem'), key.publicKeyPem);
  }, SLOW);
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'attack-'));
    cpSync(base, root, { recursive: true });
    dataDir = join(root, 'data');
    files = { receipts: join(root, 'receipts.jsonl'), export: join(root, 'export.jsonl'), key: join(root, 'partner-key.pem') };
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const events = () => join(dataDir, 'events.db');

  /** The partner's audit of the log as the service exports it now. */
  async function audit(env: Record<string, string> = {}): Promise<Run> {
    const exported = await cli(['export', '--out', files.export], { DATA_DIR: dataDir, ...env });
    expect(exported).toMatchObject({ code: 0 });
    return cli(['audit', '--receipts', files.receipts, '--export', files.export, '--key', files.key], {});
  }

  async function verify(env: Record<string, string> = {}) {
    const run = await cli(['verify', '--json'], { DATA_DIR: dataDir, ...env });
    return { run, report: JSON.parse(run.stdout) };
  }

  function expectAuditNames(run: Run, position: number): void {
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^error: audit failed: the export and the receipts first disagree at position ${position}\\b`));
  }

  async function expectVerifyNames(position: number) {
    const { run, report } = await verify();
    expect(run.code).toBe(1);
    expect(report.transparency).toMatchObject({ ok: false, firstDisagreement: { kind: 'leaf-differs', position } });
    expect(run.stderr).toMatch(new RegExp(`Merkle tree: .*position ${position}\\b`));
    return report;
  }

  it('an untouched log passes both', async () => {
    const run = await audit();
    expect(run).toMatchObject({ code: 0 });
    const { run: checked, report } = await verify();
    expect(checked.code).toBe(0);
    expect(report.transparency).toMatchObject({ ok: true, events: EVENTS, leaves: EVENTS, signatures: report.transparency.heads });
    expect(report.transparency.heads).toBeGreaterThanOrEqual(EVENTS / 25);
    expect(checked.stderr).toBe('');
    // `governance log` gives what GET /api/log/* gives: a receipt on one line, ready to keep.
    const receipt = await cli(['log', 'receipt', '--position', String(EVENTS)], { DATA_DIR: dataDir });
    expect(receipt.code).toBe(0);
    const partnerKey = createPublicKey(readFileSync(files.key, 'utf8'));
    expect(verifyReceipt(JSON.parse(receipt.stdout), partnerKey)).toEqual({ ok: true });
    expect(JSON.parse(receipt.stdout)).toMatchObject({ position: EVENTS, leafIndex: EVENTS - 1, treeHead: { treeSize: EVENTS } });
    const refused = await cli(['log', 'consistency', '--from', '5', '--to', String(EVENTS + 1)], { DATA_DIR: dataDir });
    expect(refused).toMatchObject({ code: 1, stderr: `error: invalid --to: --to must be at most ${EVENTS}: the latest signed tree head covers ${EVENTS} events\n` });
    const readable = await cli(['verify'], { DATA_DIR: dataDir });
    expect(readable.stdout).toContain(`${EVENTS} events verified: the hash chains are intact`);
    expect(readable.stdout).toMatch(
      new RegExp(`Merkle tree \\(kept in events.db\\): recomputed from ${EVENTS} events .*, ${EVENTS} stored leaves compared, (\\d+) signed heads checked \\(\\1 signatures valid .*\\): they agree with the log`),
    );
  }, SLOW);

  it('truncation with the sequence rewound: the last event deleted and another appended at its position', async () => {
    tamper(events(), (db) => db.exec(`DELETE FROM events WHERE position = ${EVENTS}; UPDATE sqlite_sequence SET seq = ${EVENTS - 1} WHERE name = 'events';`));
    // The service refuses to append on top of it…
    const service = SqliteEventStore.open(events(), { transparency: { signingKey: loadSigningKey({ dataDir }).privateKey } });
    const refused = await service.append('framework-f0', [milestone(1)], 'any').catch((e: unknown) => e);
    expect(refused).toMatchObject({ position: EVENTS });
    expect(refused).toBeInstanceOf(LogBehindTree);
    await service.close();
    // …so the attacker appends with a store that keeps no tree (the previous version).
    const old = SqliteEventStore.open(events());
    const { events: appended } = await old.append('framework-f0', [milestone(9999, 'intruder')], 'any');
    await old.close();
    expect(appended[0].position).toBe(EVENTS);

    expectAuditNames(await audit(), EVENTS);
    const report = await expectVerifyNames(EVENTS);
    expect(report.chainsOk).toBe(true); // the chains were extended by the store itself: they hold
    // And the service keeps refusing appends, naming the position.
    const again = SqliteEventStore.open(events(), { transparency: { signingKey: loadSigningKey({ dataDir }).privateKey } });
    await expect(again.append('framework-f0', [milestone(2)], 'any')).rejects.toThrow(`the event at position ${EVENTS} is not the one the Merkle tree recorded there`);
    await again.close();
  }, SLOW);

  it('a forged row: its actor and name changed, both hash chains recomputed', async () => {
    tamper(events(), (db) => {
      const row = rowAt(db, 300);
      const data = JSON.parse(row.data);
      data.data.name = 'Comité falsifié';
      putRow(db, 300, { ...row, data: JSON.stringify(data), metadata: JSON.stringify({ ...JSON.parse(row.metadata), actor: 'intruder' }) });
      rechain(db);
    });
    expectAuditNames(await audit(), 300);
    const report = await expectVerifyNames(300);
    expect(report.chainsOk).toBe(true); // the chains alone are fooled
  }, SLOW);

  it('a swapped pair: two consecutive events exchanged, chains recomputed', async () => {
    tamper(events(), (db) => {
      const [a, b] = [rowAt(db, 400), rowAt(db, 401)];
      db.prepare('DELETE FROM events WHERE position IN (400, 401)').run();
      putRow(db, 400, b);
      putRow(db, 401, a);
      rechain(db);
    });
    expectAuditNames(await audit(), 400);
    await expectVerifyNames(400);
  }, SLOW);

  it('a rewritten recordedAt: an event backdated by a day, chains recomputed', async () => {
    tamper(events(), (db) => {
      const row = rowAt(db, 500);
      putRow(db, 500, { ...row, recorded_at: new Date(Date.parse(row.recorded_at) - 86_400_000).toISOString() });
      rechain(db);
    });
    expectAuditNames(await audit(), 500);
    await expectVerifyNames(500);
  }, SLOW);

  describe('a full re-signing with a new key: a forged row, the tree rebuilt and every head signed again', () => {
    /** The attacker's rewrite: position 250 forged, chains recomputed, the tree and heads dropped and rebuilt with `attackerKey`. */
    async function resign(attackerKey: ReturnType<typeof generateKeyPairSync>['privateKey']) {
      tamper(events(), (db) => {
        const row = rowAt(db, 250);
        putRow(db, 250, { ...row, metadata: JSON.stringify({ ...JSON.parse(row.metadata), actor: 'intruder' }) });
        rechain(db);
        db.exec('DROP TABLE transparency_leaves; DROP TABLE transparency_nodes; DROP TABLE transparency_heads;');
      });
      // Opened with the new key, the store records the forged log as a new tree and signs its head.
      const rebuilt = SqliteEventStore.open(events(), { transparency: { signingKey: attackerKey } });
      await rebuilt.close();
    }

    it('with the key file replaced on the host: the partner’s receipts name the position; verify, holding only the new key, cannot', async () => {
      const { privateKey } = generateKeyPairSync('ed25519');
      await resign(privateKey);
      writeFileSync(join(dataDir, 'log-signing-key.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
      expectAuditNames(await audit(), 250);
      // Everything on the host agrees with itself: this is the case receipts held elsewhere exist for.
      const { run, report } = await verify();
      expect(run.code).toBe(0);
      expect(report.transparency).toMatchObject({ ok: true, heads: 1 });
    }, SLOW);

    it('with the service’s key held apart (SIGNING_KEY_FILE): verify finds no head signed by it, the partner names the position', async () => {
      const keyFile = join(root, 'service-key.pem');
      cpSync(join(dataDir, 'log-signing-key.pem'), keyFile);
      rmSync(join(dataDir, 'log-signing-key.pem'));
      const { privateKey } = generateKeyPairSync('ed25519');
      await resign(privateKey);
      expectAuditNames(await audit({ SIGNING_KEY_FILE: keyFile }), 250);
      const { run, report } = await verify({ SIGNING_KEY_FILE: keyFile });
      expect(run.code).toBe(1);
      expect(report.transparency).toMatchObject({ ok: false, heads: 1, signatures: 0, firstDisagreement: { kind: 'head-signature', position: EVENTS } });
      expect(run.stderr).toMatch(/Merkle tree: the head of 700 events signed at .*: /);
    }, SLOW);
  });
});
