import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '../../../../infrastructure/event-store/sqlite/sqlite-event-store.adapter.js';
import { loadSigningKey } from '../../../../infrastructure/transparency-log/signing-key.js';
import type { Receipt } from '../../domain/receipt.js';
import { TransparencyLog } from '../../domain/transparency-log.js';
import { InMemoryTreeNodeStore } from '../../domain/tree-node-store.js';

/**
 * `governance audit`, run for real (`node dist/cli.js`) on a log kept in an embedded store,
 * receipts issued as its events were appended, and the export `governance export` writes.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..');
const MAIN = join(ROOT, 'dist/cli.js');
/** Each test runs the command line two to five times (a few seconds each on a busy machine). */
const SLOW = 120_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string>): Promise<Run> {
  const base = { ...process.env };
  for (const key of ['DATA_DIR', 'SEED', 'EVENT_STORE', 'READ_MODEL_STORE', 'API_TOKENS', 'GOVERNANCE_DEBUG', 'SIGNING_KEY_FILE']) delete base[key];
  return new Promise((done, fail) =>
    execFile(process.execPath, [MAIN, ...args], { cwd: ROOT, env: { ...base, ...env }, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') fail(error);
      else done({ code: error ? (error.code as number) : 0, stdout, stderr });
    }),
  );
}

const milestone = (i: number, actor = 'secretariat') => ({
  eventId: randomUUID(),
  type: 'MilestoneNoted',
  data: { effectiveDate: `20${String(i).padStart(2, '0')}`, data: { milestoneId: `m-${i}`, name: `Comité ${i}` }, source: { document: 'CR', passage: `séance ${i}`, confidence: 'stated' } },
  metadata: { actor },
});

describe('governance audit (command line)', () => {
  let dir: string;
  let dataDir: string;
  let files: { receipts: string; export: string; key: string };
  const EVENTS = 12;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'audit-cli-'));
    dataDir = join(dir, 'data');
    files = { receipts: join(dir, 'receipts.jsonl'), export: join(dir, 'export.jsonl'), key: join(dir, 'log-public-key.pem') };
    // The service's appends, each receipted (the tree here stands for the one the service keeps).
    const store = SqliteEventStore.open(join(dataDir, 'events.db'));
    const key = loadSigningKey({ dataDir });
    const log = new TransparencyLog(new InMemoryTreeNodeStore(), key.privateKey);
    const receipts: Receipt[] = [];
    for (let i = 1; i <= EVENTS; i++) {
      const { events } = await store.append(`framework-f${i % 2}`, [milestone(i)], 'any');
      receipts.push(...log.receipts(log.record(events), log.signHead()));
    }
    await store.close();
    writeFileSync(files.receipts, receipts.map((r) => JSON.stringify(r)).join('\n') + '\n');
    writeFileSync(files.key, key.publicKeyPem);
  }, SLOW);
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const audit = (extra: string[] = [], env: Record<string, string> = {}) =>
    cli(['audit', '--receipts', files.receipts, '--export', files.export, '--key', files.key, ...extra], { DATA_DIR: join(dir, 'elsewhere'), ...env });

  it('passes the export of an untouched log, opening no store', async () => {
    expect((await cli(['export', '--out', files.export], { DATA_DIR: dataDir })).code).toBe(0);
    // A configuration that would stop any other command: the audit needs none.
    const run = await audit([], { EVENT_STORE: 'nonsense' });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain(`Audit of ${EVENTS} receipts against an export of ${EVENTS} events (to position ${EVENTS})`);
    expect(run.stdout).toContain('OK: the export is the history the receipts were issued for.');
    expect(existsSync(join(dir, 'elsewhere'))).toBe(false);
    const json = await audit(['--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, receipts: { verified: EVENTS }, firstDisagreement: null });
  }, SLOW);

  it('catches the last event deleted and the sequence rewound, which verify does not see', async () => {
    // The attack: with the data directory, drop the guards, delete the last event, rewind the
    // sequence, and append another event at the same position through the store.
    const db = new Database(join(dataDir, 'events.db'));
    db.exec('DROP TRIGGER events_are_immutable; DROP TRIGGER events_are_never_deleted;');
    db.exec(`DELETE FROM events WHERE position = ${EVENTS}; UPDATE sqlite_sequence SET seq = ${EVENTS - 1} WHERE name = 'events';`);
    db.close();
    const store = SqliteEventStore.open(join(dataDir, 'events.db'));
    const { events } = await store.append('framework-f0', [milestone(99, 'intruder')], 'any');
    await store.close();
    expect(events[0].position).toBe(EVENTS);

    expect((await cli(['verify'], { DATA_DIR: dataDir })).code).toBe(0);
    expect((await cli(['export', '--out', files.export], { DATA_DIR: dataDir })).code).toBe(0);
    const run = await audit();
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`error: audit failed: the export and the receipts first disagree at position ${EVENTS}: the event differs from the one receipted\n`);
    expect(run.stdout).toContain(`receipt line ${EVENTS}: the event at position ${EVENTS} is not in the export as it was receipted`);
  }, SLOW);

  it('answers usage errors with exit 2, and unreadable files or keys with exit 1 naming them', async () => {
    expect((await cli(['export', '--out', files.export], { DATA_DIR: dataDir })).code).toBe(0);
    const missing = await cli(['audit', '--receipts', files.receipts, '--export', files.export], {});
    expect(missing.code).toBe(2);
    const noFile = await cli(['audit', '--receipts', join(dir, 'none.jsonl'), '--export', files.export, '--key', files.key], {});
    expect(noFile).toMatchObject({ code: 1, stderr: `error: invalid --receipts: cannot read ${join(dir, 'none.jsonl')} (ENOENT)\n` });
    writeFileSync(join(dir, 'bad.pem'), 'not a key');
    const badKey = await cli(['audit', '--receipts', files.receipts, '--export', files.export, '--key', join(dir, 'bad.pem')], {});
    expect(badKey.code).toBe(1);
    expect(badKey.stderr).toMatch(/^error: invalid --key: .*bad\.pem: not a PEM public key/);
    writeFileSync(join(dir, 'empty.jsonl'), '\n');
    const empty = await cli(['audit', '--receipts', join(dir, 'empty.jsonl'), '--export', files.export, '--key', files.key], {});
    expect(empty).toMatchObject({ code: 1, stderr: `error: invalid --receipts: ${join(dir, 'empty.jsonl')} holds no receipt\n` });
  }, SLOW);
});
