import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store.adapter.js';
import { CCCS13_SEED } from '../../src/modules/frameworks/seed/cccs13.seed.js';
import { ADMIN_TOKEN, cli, ensureBuilt, milestone, RECORDER_TOKEN, SOURCE, startApp, wholeLog, type CliRun, type RunningApp } from './support.js';

/**
 * Backup: export → restore into an empty DATA_DIR reproduces the same history, the same hashes
 * (chain head) and the same answers — recordedAt and recordedBy included.
 */

const DATES = ['1995-01-01', '2000-06-30', '2003-06-30', '2007-06-30', '2013-06-30', '2016-06-30', '2018-06-30', '2021-06-30'];

const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');
const chainHeadOf = (run: CliRun) => /^chain head: ([0-9a-f]{64})$/m.exec(run.stdout)?.[1];

async function ok(pending: Promise<CliRun>): Promise<CliRun> {
  const run = await pending;
  if (run.code !== 0) throw new Error(`exit ${run.code}: ${run.stderr}`);
  return run;
}

/** What the event store of a DATA_DIR holds: its log, chain head and integrity report. */
async function storeOf(dataDir: string) {
  const store = SqliteEventStore.open(join(dataDir, 'events.db'));
  try {
    return { log: await wholeLog(store), head: await store.chainHead(), report: await store.verify() };
  } finally {
    await store.close();
  }
}

describe('backup: export, then restore into an empty store', () => {
  let work: string;
  let source: string;
  let exported: string;
  let target: string;
  let restoreRun: CliRun;
  const checks = { answers: 0, events: 0 };

  beforeAll(async () => {
    ensureBuilt();
    work = mkdtempSync(join(tmpdir(), 'governance-backup-'));
    source = join(work, 'source');
    target = join(work, 'target');
    exported = join(work, 'backup.jsonl');

    // The source: the seed, then appended events, a second framework, corrections and a retraction.
    const running = await startApp(source);
    try {
      const { http } = running;
      const post = (path: string, body: unknown, headers: Record<string, string> = {}, token = RECORDER_TOKEN) => {
        let req = http.post(path).set('Authorization', `Bearer ${token}`);
        for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
        return req.send(body as object);
      };
      await post('/api/frameworks/cccs13/events', { type: 'ConventionExtended', effectiveDate: '2017-11', data: { conventionId: 'cc-2015', newEnd: '2018' }, source: SOURCE }, { 'If-Match': `"${CCCS13_SEED.length - 1}"` }).expect(201);
      const typo = await post('/api/frameworks/cccs13/events', milestone('website-relaunch', '2016-03', 'Site internet relancé (coquille)'), { 'Idempotency-Key': 'relaunch' }).expect(201);
      const doubtful = await post('/api/frameworks/cccs13/events', milestone('doubtful', '2019')).expect(201);
      await post('/api/frameworks/cccs13/events', milestone('late-news', '2020-05-04')).expect(201);
      await post('/api/frameworks', { id: 'cccs84', name: 'Convention cadre du Vaucluse', effectiveDate: '2005', territory: 'Vaucluse' }, {}, ADMIN_TOKEN).expect(201);
      await post('/api/frameworks/cccs84/events', {
        type: 'ConventionSigned',
        effectiveDate: '2006-02-01',
        data: { conventionId: 'cv-2006', name: 'Convention 2006 - 2008', start: '2006-02-01', end: '2008-12-31', parties: [{ id: 'etat', name: 'État', kind: 'state' }, { id: 'caf84', name: 'CAF de Vaucluse', kind: 'family-allowance-fund' }] },
        source: SOURCE,
      }).expect(201);
      await post('/api/frameworks/cccs84/events', { type: 'PartyJoined', effectiveDate: '2007', data: { conventionId: 'cv-2006', party: { id: 'avignon', name: 'Avignon', kind: 'commune' } }, source: SOURCE }).expect(201);

      // Corrections and retractions need the admin role.
      const events = '/api/frameworks/cccs13/events';
      await post(events, { type: 'FactCorrected', effectiveDate: '2016-03', data: { eventId: typo.body.eventId, data: { name: 'Site internet relancé' }, reason: 'typo' }, source: SOURCE }, { 'Idempotency-Key': 'fix-typo' }, ADMIN_TOKEN).expect(201);
      await post(events, { type: 'FactCorrected', effectiveDate: '2016-04', data: { eventId: typo.body.eventId, effectiveDate: '2016-04', reason: 'the minutes say April' }, source: SOURCE }, {}, ADMIN_TOKEN).expect(201);
      await post(events, { type: 'FactRetracted', effectiveDate: '2019', data: { eventId: doubtful.body.eventId, reason: 'not in the sources' }, source: SOURCE }, {}, ADMIN_TOKEN).expect(201);
      await post('/api/frameworks/cccs13/events', milestone('after-corrections', '2021-01')).expect(201);
    } finally {
      await running.close();
    }

    await ok(cli(source, ['export', '--out', exported]));
    restoreRun = await ok(cli(target, ['restore', exported]));
  }, 240_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
    console.log(`backup: ${checks.events} events compared record by record, ${checks.answers} HTTP answers compared (source vs restored): all equal`);
  });

  it('exports every event losslessly: position and stored metadata on each line', async () => {
    const exportLines = lines(readFileSync(exported, 'utf8')).map((l) => JSON.parse(l));
    const { log } = await storeOf(source);
    expect(exportLines).toHaveLength(log.length);
    expect(exportLines.map((l) => [l.eventId, l.position])).toEqual(log.map((e) => [e.eventId, e.position]));
    expect(exportLines.map((l) => l.storedMetadata)).toEqual(log.map((e) => e.metadata));
  });

  it('restores the same records: same ids, revisions, positions, recordedAt, data, metadata; the same chain head; verify ok', async () => {
    const [original, restored] = [await storeOf(source), await storeOf(target)];
    expect(restored.log).toEqual(original.log);
    checks.events += restored.log.length;
    expect(restored.head).toMatch(/^[0-9a-f]{64}$/);
    expect(restored.head).toBe(original.head);
    expect(chainHeadOf(restoreRun)).toBe(original.head);
    expect(restored.report).toEqual({ ok: true, checked: original.log.length, chained: true });
    expect(original.report).toEqual(restored.report);
    expect(restoreRun.stdout).toMatch(new RegExp(`^restored ${original.log.length} events from .*: cccs13 \\d+, cccs84 3\\n`));
    expect(restoreRun.stdout).toMatch(/verified: \d+ events, hash chains intact/);
  });

  describe('the same answers over HTTP', () => {
    let before: RunningApp;
    let after: RunningApp;

    beforeAll(async () => {
      before = await startApp(source);
      after = await startApp(target);
    });
    afterAll(async () => {
      await before?.close();
      await after?.close();
    });

    /** GETs the same path from both services; both must answer 200 with the same body. */
    async function same(path: string): Promise<any> {
      const [a, b] = await Promise.all([before.http.get(path), after.http.get(path)]);
      expect([path, a.status]).toEqual([path, 200]);
      expect([path, b.body]).toEqual([path, a.body]);
      checks.answers++;
      return a.body;
    }

    it('lists the same frameworks; the same history and timeline, recordedAt and recordedBy included', async () => {
      await same('/api/frameworks');
      for (const id of ['cccs13', 'cccs84']) {
        const history = await same(`/api/frameworks/${id}/history`);
        await same(`/api/frameworks/${id}/timeline`);
        expect(history.events.every((e: { recordedAt: string; recordedBy: string }) => e.recordedAt && e.recordedBy)).toBe(true);
        if (id === 'cccs13') {
          expect(history.events.map((e: { recordedBy: string }) => e.recordedBy)).toEqual(expect.arrayContaining(['seed', 'secretariat', 'auditor']));
          expect(history.events.filter((e: { corrects?: string; retracts?: string }) => e.corrects || e.retracts)).toHaveLength(3);
        }
      }
    });

    it('answers the same state and diff for several dates and knownAt instants', async () => {
      const history = (await before.http.get('/api/frameworks/cccs13/history')).body.events as { recordedAt: string }[];
      const instants = new Set<string>(['2000-01-01T00:00:00.000Z']);
      for (const { recordedAt } of history.slice(-6)) {
        instants.add(recordedAt);
        instants.add(new Date(Date.parse(recordedAt) - 1).toISOString());
      }
      for (const id of ['cccs13', 'cccs84']) {
        for (const at of DATES) {
          await same(`/api/frameworks/${id}/state?at=${at}`);
          for (const knownAt of instants) await same(`/api/frameworks/${id}/state?at=${at}&knownAt=${encodeURIComponent(knownAt)}`);
        }
        for (const knownAt of instants) await same(`/api/frameworks/${id}/timeline?knownAt=${encodeURIComponent(knownAt)}`);
        for (let i = 1; i < DATES.length; i++) await same(`/api/frameworks/${id}/diff?from=${DATES[i - 1]}&to=${DATES[i]}`);
      }
      // The corrections as known before and after they were recorded.
      const relaunch = (await after.http.get('/api/frameworks/cccs13/state?at=2016-06-30')).body.milestones.find((m: { id: string }) => m.id === 'website-relaunch');
      expect(relaunch).toMatchObject({ name: 'Site internet relancé', sinceEdtf: '2016-04' });
    });

    it('goes on: the restored service appends after the restored history', async () => {
      const framework = (await after.http.get('/api/frameworks/cccs13/state?at=2020-01-01')).body;
      const res = await after.http
        .post('/api/frameworks/cccs13/events')
        .set('Authorization', `Bearer ${RECORDER_TOKEN}`)
        .set('If-Match', `"${framework.revision}"`)
        .send(milestone('after-restore', '2022'))
        .expect(201);
      const { log } = await storeOf(source);
      expect(res.body.revision).toBe(framework.revision + 1);
      expect(res.body.position).toBeGreaterThan(log[log.length - 1].position);
      expect(res.body.recordedAt >= log[log.length - 1].recordedAt).toBe(true);
    });
  });

  it('keeps the hashes of a store that was itself imported (metadata in its own key order)', async () => {
    const imported = join(work, 'imported');
    const again = join(work, 'imported.jsonl');
    const copy = join(work, 'imported-restored');
    await ok(cli(imported, ['import', exported]));
    await ok(cli(imported, ['export', '--out', again]));
    const run = await ok(cli(copy, ['restore', again]));
    const [original, restored] = [await storeOf(imported), await storeOf(copy)];
    // The import wrote the metadata as { ..., actor, original, importedBy }: kept as it is.
    expect(Object.keys(original.log[0].metadata)).toEqual(['seedKey', 'actor', 'original', 'importedBy']);
    expect(restored.log).toEqual(original.log);
    expect(restored.head).toBe(original.head);
    expect(chainHeadOf(run)).toBe(original.head);
    checks.events += restored.log.length;
  }, 120_000);

  it('restores an older export without positions nor stored metadata: the same chain head', async () => {
    const older = join(work, 'older.jsonl');
    const copy = join(work, 'older-restored');
    const stripped = lines(readFileSync(exported, 'utf8')).map((l) => {
      const { position: _p, storedMetadata: _m, ...rest } = JSON.parse(l);
      return JSON.stringify(rest);
    });
    writeFileSync(older, `${stripped.join('\n')}\n`);
    const run = await ok(cli(copy, ['restore', older]));
    const [original, restored] = [await storeOf(source), await storeOf(copy)];
    expect(restored.log.map((e) => e.eventId)).toEqual(original.log.map((e) => e.eventId));
    expect(restored.head).toBe(original.head);
    expect(chainHeadOf(run)).toBe(original.head);
  }, 120_000);

  it('refuses, restoring nothing: a store that is not empty, a file with a line missing, plain events', async () => {
    const exportLines = lines(readFileSync(exported, 'utf8'));
    const gap = join(work, 'gap.jsonl');
    writeFileSync(gap, `${exportLines.filter((_, i) => i !== 4).join('\n')}\n`);
    const plain = join(work, 'plain.jsonl');
    writeFileSync(plain, `${JSON.stringify(milestone('plain', '2020'))}\n`);
    const tampered = join(work, 'tampered.jsonl');
    writeFileSync(tampered, `${exportLines.map((l, i) => (i === 7 ? l.replace('"revision":7', '"revision":"7"') : l)).join('\n')}\n`);
    const targetBefore = await storeOf(target);

    const [notEmpty, missing, plainRun, tamperedRun] = await Promise.all([
      cli(target, ['restore', exported]),
      cli(join(work, 'gap'), ['restore', gap]),
      cli(join(work, 'plain'), ['restore', plain]),
      cli(join(work, 'tampered'), ['restore', tampered]),
    ]);
    expect(notEmpty).toMatchObject({ code: 1, stderr: expect.stringMatching(/^error: the event store is not empty .*nothing restored\n$/) });
    expect((await storeOf(target)).head).toBe(targetBefore.head);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^line 5: 409 framework cccs13 goes from revision 3 to 5: events are missing or out of order\nerror: 1 of \d+ lines refused/);
    expect(plainRun.code).toBe(1);
    expect(plainRun.stderr).toMatch(/^line 1: 400 not a line of an export/);
    expect(tamperedRun.code).toBe(1);
    expect(tamperedRun.stderr).toMatch(/^line 8: 400 revision must be a whole number/);
    for (const dir of ['gap', 'plain', 'tampered']) expect((await storeOf(join(work, dir))).log).toEqual([]);
  }, 120_000);
});
