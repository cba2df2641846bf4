import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { CCCS13_SEED } from '../../src/modules/frameworks/seed/cccs13.seed.js';

/**
 * The command line, run for real: `node dist/cli.js ...` as child processes on temporary
 * DATA_DIRs (embedded SQLite stores).
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = join(ROOT, 'dist/cli.js');
const TOKEN = 'cli-secretariat-token-0123456789';
const DATES = ['1995-01-01', '2000-06-30', '2007-06-30', '2013-06-30', '2016-01-01'];
const SOURCE = { document: 'Comité de pilotage, compte rendu du 14/11/2017', passage: 'la convention est prorogée jusqu’au 31 décembre 2018', confidence: 'stated' };
const EXTENSION = { type: 'ConventionExtended', effectiveDate: '2017-11', data: { conventionId: 'cc-2015', newEnd: '2018' }, source: SOURCE };
/** The 1994 convention has no end: extending it breaks a rule. */
const BAD_EXTENSION = { type: 'ConventionExtended', effectiveDate: '1995', data: { conventionId: 'cc-1994', newEnd: '1999' }, source: SOURCE };

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of the children: ours without anything that would change the stores or the actor. */
function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of ['DATA_DIR', 'SEED', 'EVENT_STORE', 'READ_MODEL_STORE', 'KURRENTDB_URL', 'MONGODB_URI', 'API_TOKENS', 'GOVERNANCE_TOKEN', 'GOVERNANCE_DEBUG']) delete env[key];
  return env;
}

/** Runs `node dist/cli.js ...args` on `dataDir`; resolves with its exit code and output. */
function cli(dataDir: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      process.execPath,
      [MAIN, ...args],
      { cwd: ROOT, env: { ...baseEnv(), DATA_DIR: dataDir, API_TOKENS: `secretariat=${TOKEN}`, ...env }, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') reject(error);
        else resolvePromise({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
  });
}

async function ok(pending: Promise<Run>): Promise<Run> {
  const run = await pending;
  if (run.code !== 0) throw new Error(`exit ${run.code}: ${run.stderr}`);
  return run;
}

const json = async <T = any>(pending: Promise<Run>): Promise<T> => JSON.parse((await ok(pending)).stdout) as T;
const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');

/** The number of events in the log, read from the embedded store's file (read-only). */
function logLength(dataDir: string): number {
  const db = new Database(join(dataDir, 'events.db'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** The newest modification time of the TypeScript sources. */

/** A small RFC 4180 reader: records, with quoted fields that may hold commas, quotes and newlines. */
function readCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  return records;
}

describe('command line (child processes on temporary DATA_DIRs)', () => {
  let work: string;
  /** Seeded on first use, then written to by the tests below, in order. */
  let source: string;

  beforeAll(() => {
    // dist/ is built once per test run by test/global-setup.mjs.
    if (!existsSync(MAIN)) throw new Error(`${MAIN} missing: run the tests through jest, whose global setup builds dist/`);
    work = mkdtempSync(join(tmpdir(), 'governance-cli-'));
    source = join(work, 'source');
  }, 180_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  describe('versions', () => {
    it('prints each version of an item with the facts behind it, and --json the query answer', async () => {
      const run = await ok(cli(source, ['versions', '--framework', 'cccs13', '--item', 'convention:cc-2003']));
      expect(lines(run.stdout).filter((l) => /\d{4}-\d{2}-\d{2} +(\d{4}-\d{2}-\d{2}|—)/.test(l))).toHaveLength(3);
      expect(run.stdout).toMatch(/convention cc-2003 +Convention cadre 2003 - 2005 +2003-01-01 +2006-01-01/);
      const answer = await json(cli(source, ['versions', '--framework', 'cccs13', '--json']));
      expect(answer.items.find((i: { id: string }) => i.id === 'cc-2003').versions).toHaveLength(3);
      const bad = await cli(source, ['versions', '--framework', 'cccs13', '--item', 'treaty:x']);
      expect(bad.code).toBe(1);
    }, 60_000);
  });

  describe('state', () => {
    it('prints the 2007 convention with Vitrolles and Salon-de-Provence (first use loads the CCCS13 history)', async () => {
      const run = await ok(cli(source, ['state', '--framework', 'cccs13', '--at', '2007-06-30']));
      expect(run.stdout).toContain('Vitrolles');
      expect(run.stdout).toContain('Salon-de-Provence');
      expect(run.stdout).toMatch(/cc-2003 +Convention cadre 2003 - 2005 +2003-01-01~ → 2007-12-31~/);
      expect(run.stderr).toBe('');
    }, 60_000);

    it('--json prints the query answer', async () => {
      const answer = await json(cli(source, ['state', '--framework', 'cccs13', '--at', '2007-06-30', '--json']));
      expect(answer).toMatchObject({ frameworkId: 'cccs13', at: '2007-06-30', knownAt: null });
      expect(answer.conventions.map((c: { id: string }) => c.id)).toEqual(['cc-2003']);
      expect(answer.parties.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining(['vitrolles', 'salon-de-provence']));
    }, 60_000);

    it('refuses bad input with one line and a non-zero exit code: 1 for a bad value, 2 for a usage error', async () => {
      const [badDate, unknown, missing, noCommand] = await Promise.all([
        cli(source, ['state', '--framework', 'cccs13', '--at', '2007-13-45']),
        cli(source, ['state', '--framework', 'nowhere', '--at', '2007-06-30']),
        cli(source, ['state', '--framework', 'cccs13']),
        cli(source, ['unknown-command']),
      ]);
      expect(badDate).toEqual({ code: 1, stdout: '', stderr: expect.stringMatching(/^error: invalid --at: --at must be a date YYYY-MM-DD\n$/) });
      expect(unknown).toEqual({ code: 1, stdout: '', stderr: 'error: framework nowhere not found\n' });
      expect(missing.code).toBe(2);
      expect(lines(missing.stderr)).toEqual([expect.stringContaining("required option '--at <date>'")]);
      expect(noCommand.code).toBe(2);
    }, 60_000);
  });

  describe('append', () => {
    it('records a valid event as the token owner; the state shows it', async () => {
      const file = join(work, 'extension.json');
      writeFileSync(file, JSON.stringify(EXTENSION));
      const run = await ok(cli(source, ['append', '--framework', 'cccs13', '--file', file, '--json'], { GOVERNANCE_TOKEN: TOKEN }));
      expect(JSON.parse(run.stdout)).toMatchObject({ revision: CCCS13_SEED.length, eventId: expect.any(String) });
      const [state, history] = await Promise.all([
        json(cli(source, ['state', '--framework', 'cccs13', '--at', '2018-06-30', '--json'])),
        json(cli(source, ['history', '--framework', 'cccs13', '--actor', 'secretariat', '--json'])),
      ]);
      expect(state.conventions).toEqual([expect.objectContaining({ id: 'cc-2015', end: '2018-12-31' })]);
      expect(history.events).toEqual([expect.objectContaining({ type: 'ConventionExtended', recordedBy: 'secretariat' })]);
    }, 60_000);

    it('refuses a rule-breaking event with the rule name, and appends nothing', async () => {
      const before = logLength(source);
      const file = join(work, 'bad-extension.json');
      writeFileSync(file, JSON.stringify(BAD_EXTENSION));
      const run = await cli(source, ['append', '--framework', 'cccs13', '--file', file, '--actor', 'operator']);
      expect(run.code).toBe(1);
      expect(lines(run.stderr)).toEqual([expect.stringMatching(/^error: convention-open-ended: /)]);
      expect(logLength(source)).toBe(before);
    }, 60_000);

    it('needs an actor: a known token, or --actor from an operator of the store', async () => {
      const file = join(work, 'framework.json');
      writeFileSync(file, JSON.stringify({ id: 'cli-test', name: 'A second framework', effectiveDate: '2020' }));
      const [anonymous, badToken] = await Promise.all([
        cli(source, ['append', '--file', file]),
        cli(source, ['append', '--file', file, '--token', 'not-a-token-at-all']),
      ]);
      expect(anonymous.code).toBe(2);
      expect(anonymous.stderr).toMatch(/^error: append needs an actor/);
      expect(badToken).toMatchObject({ code: 1, stderr: 'error: unknown token\n' });
      await ok(cli(source, ['append', '--file', file, '--actor', 'operator']));
      const frameworks = await json(cli(source, ['frameworks', '--json']));
      expect(frameworks.map((f: { id: string }) => f.id).sort()).toEqual(['cccs13', 'cli-test']);
    }, 60_000);
  });

  describe('import', () => {
    const milestone = (id: string) => ({
      frameworkId: 'cli-test',
      type: 'MilestoneNoted',
      effectiveDate: '2021-03',
      data: { milestoneId: id, name: `Milestone ${id}` },
      source: { document: 'minutes', passage: 'a milestone', confidence: 'stated' },
    });

    it('refuses a file with bad lines: each is reported, nothing is appended', async () => {
      const before = logLength(source);
      const file = join(work, 'bad.jsonl');
      const { source: _source, ...noSource } = milestone('m-3');
      writeFileSync(
        file,
        [milestone('m-1'), { ...BAD_EXTENSION, frameworkId: 'cccs13' }, noSource, milestone('m-1')].map((l) => JSON.stringify(l)).join('\n') + '\n',
      );
      const run = await cli(source, ['import', file, '--actor', 'operator']);
      expect(run.code).toBe(1);
      expect(lines(run.stderr)).toEqual([
        expect.stringMatching(/^line 2: 422 convention-open-ended: /),
        expect.stringMatching(/^line 3: 400 invalid source/),
        expect.stringMatching(/^line 4: 422 milestone-already-exists: /),
        expect.stringMatching(/^error: 3 of 4 entries refused in .*; nothing appended$/),
      ]);
      expect(logLength(source)).toBe(before);
    }, 60_000);

    it('appends a valid file of events, recorded by the actor; the same file again appends nothing', async () => {
      const file = join(work, 'good.jsonl');
      writeFileSync(file, [milestone('m-1'), milestone('m-2')].map((l) => JSON.stringify(l)).join('\n'));
      const before = logLength(source);
      expect((await ok(cli(source, ['import', file], { GOVERNANCE_TOKEN: TOKEN }))).stdout).toMatch(/^imported 2 events/);
      expect(logLength(source)).toBe(before + 2);
      const [history, again] = await Promise.all([
        json(cli(source, ['history', '--framework', 'cli-test', '--type', 'MilestoneNoted', '--json'])),
        ok(cli(source, ['import', file], { GOVERNANCE_TOKEN: TOKEN })),
      ]);
      expect(history.events.map((e: { recordedBy: string }) => e.recordedBy)).toEqual(['secretariat', 'secretariat']);
      expect(again.stdout).toMatch(/2 already stored; nothing to append/);
      expect(logLength(source)).toBe(before + 2);
    }, 60_000);
  });

  describe('export → import into an empty DATA_DIR', () => {
    let copy: string;
    let exported: string;

    beforeAll(() => {
      copy = join(work, 'copy');
      exported = join(work, 'export.jsonl');
    });

    it('restores the same history and the same answers', async () => {
      await ok(cli(source, ['export', '--out', exported]));
      const exportLines = lines(readFileSync(exported, 'utf8')).map((l) => JSON.parse(l));
      expect(exportLines.length).toBe(logLength(source));
      expect(exportLines[0]).toMatchObject({ frameworkId: 'cccs13', revision: 0, type: 'FrameworkEstablished', recordedBy: 'seed' });

      const run = await ok(cli(copy, ['import', exported]));
      expect(run.stdout).toMatch(new RegExp(`^imported ${exportLines.length} events`));
      expect(logLength(copy)).toBe(exportLines.length);

      const stateArgs = (at: string) => ['state', '--framework', 'cccs13', '--at', at, '--json'];
      const timelineArgs = (id: string) => ['timeline', '--framework', id, '--json'];
      const answers = (dir: string) =>
        Promise.all([...DATES.map((at) => json(cli(dir, stateArgs(at)))), json(cli(dir, timelineArgs('cccs13'))), json(cli(dir, timelineArgs('cli-test')))]);
      const [original, restored] = [await answers(source), await answers(copy)];
      // recordedAt is stamped by the store that holds the event; everything else is the same.
      const withoutRecordedAt = (answer: any) =>
        answer.events ? { ...answer, events: answer.events.map(({ recordedAt: _r, ...rest }: { recordedAt: string }) => rest) } : answer;
      expect(restored.map(withoutRecordedAt)).toEqual(original.map(withoutRecordedAt));
      expect(restored[0].conventions.map((c: { id: string }) => c.id)).toEqual(['cc-1994']);

      // The instant and actor of the first recording stay in the metadata; a new export carries them.
      const again = lines((await ok(cli(copy, ['export']))).stdout).map((l) => JSON.parse(l));
      expect(again.map((l) => l.eventId)).toEqual(exportLines.map((l) => l.eventId));
      expect(again[0].original).toEqual({ recordedAt: exportLines[0].recordedAt, recordedBy: 'seed' });
    }, 120_000);

    it('re-importing the same file is a no-op', async () => {
      const before = logLength(copy);
      const run = await ok(cli(copy, ['import', exported]));
      expect(run.stdout).toMatch(/already stored; nothing to append/);
      expect(logLength(copy)).toBe(before);
    }, 60_000);

    it('exports CSV: a header and one row per event', async () => {
      const run = await ok(cli(copy, ['export', '--format', 'csv']));
      const records = readCsv(run.stdout);
      expect(records[0]).toEqual(['frameworkId', 'eventId', 'revision', 'type', 'effectiveDate', 'data', 'source', 'recordedAt', 'recordedBy']);
      expect(records.length - 1).toBe(logLength(copy));
      expect(records.every((r) => r.length === 9)).toBe(true);
      expect(JSON.parse(records[1][5])).toMatchObject({ name: expect.stringContaining('Convention cadre') });
    }, 60_000);

    it('rebuild re-projects the read models and ends with the same state', async () => {
      const args = ['state', '--framework', 'cccs13', '--at', '2007-06-30', '--json'];
      const before = await json(cli(copy, args));
      const run = await ok(cli(copy, ['rebuild']));
      expect(run.stdout).toMatch(new RegExp(`^rebuilt the read models: ${logLength(copy)} events projected .* events/s\\n$`));
      expect(run.stderr).toMatch(/rebuilding the read models from about \d+ events/);
      expect(await json(cli(copy, args))).toEqual(before);
    }, 60_000);
  });
});
