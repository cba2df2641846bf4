import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Evidence in the command line, run for real (`node dist/cli.js`, built by the global setup): the
 * audit's table as the readable rendering and `--json` print it, on a store loaded with the current
 * seed and on one restored from a store loaded with the first seed (corrected on its first use).
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = join(ROOT, 'dist/cli.js');
const NOTICE = 'L’historique enregistré s’arrête au 31 décembre 2017 : au-delà, rien n’est attesté.';

function cli(dataDir: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env };
  for (const key of ['SEED', 'EVENT_STORE', 'READ_MODEL_STORE', 'KURRENTDB_URL', 'MONGODB_URI', 'GOVERNANCE_TOKEN']) delete env[key];
  return new Promise((done, fail) =>
    execFile(
      process.execPath,
      [MAIN, ...args],
      { cwd: ROOT, env: { ...env, DATA_DIR: dataDir, API_TOKENS: 'secretariat=cli-evidence-token-0123456789' }, encoding: 'utf8', timeout: 60_000, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => (error && typeof error.code !== 'number' ? fail(error) : done({ code: error ? (error.code as number) : 0, stdout, stderr })),
    ),
  );
}

async function json(dataDir: string, args: string[]): Promise<any> {
  const run = await cli(dataDir, [...args, '--json']);
  if (run.code !== 0) throw new Error(`exit ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

/** The row of a rendered table that starts with `id`, as its cells. */
const row = (text: string, id: string) =>
  text
    .split('\n')
    .find((line) => line.trimStart().startsWith(`${id} `))
    ?.trim()
    .split(/ {2,}/);

describe.each([
  ['a store loaded with the current seed', (_dir: string) => Promise.resolve()],
  [
    'a store restored from the first seed, corrected on first use',
    async (dir: string) => {
      const run = await cli(dir, ['restore', join(ROOT, 'test/fixtures/cccs13-seed-v1.export.jsonl')]);
      if (run.code !== 0) throw new Error(run.stderr);
    },
  ],
])('evidence in the command line, on %s', (_name, prepare) => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'governance-cli-evidence-'));
    await prepare(dir);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('state 2016-06-30: the convention stated, its 14 parties inferred and carried over, what lasts presumed after its last attestation', async () => {
    const run = await cli(dir, ['state', '-f', 'cccs13', '--at', '2016-06-30']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('recorded history: 1980-01-01 → 2017-12-31');
    expect(run.stdout).not.toContain(NOTICE);
    expect(row(run.stdout, 'cc-2015')).toEqual(expect.arrayContaining(['stated', '2017-12-31', '14: 14 inferred, carried over from cc-2011']));
    expect(row(run.stdout, 'fasild')).toEqual(expect.arrayContaining(['cc-2015', 'inferred', '2017-12-31', 'fasild-signataire-2000']));
    expect(row(run.stdout, 'site-internet')).toEqual(expect.arrayContaining(['PRESUMED', '2014-12-31']));
    expect(row(run.stdout, 'financement-112-cucs')).toBeUndefined();
    const answer = await json(dir, ['state', '-f', 'cccs13', '--at', '2016-06-30']);
    expect(answer).toMatchObject({ horizon: { from: '1980-01-01', to: '2017-12-31' }, outsideHorizon: false });
    expect(new Set(answer.parties.map((p: { evidence: string; source: { passage: string } }) => `${p.evidence}|${p.source.passage}`))).toEqual(
      new Set(['inferred|Convention cadre 2015 - 2017']),
    );
  }, 60_000);

  it('state 2030-01-01: outside the horizon, said in French; nothing stated but what happened', async () => {
    const run = await cli(dir, ['state', '-f', 'cccs13', '--at', '2030-01-01']);
    expect(run.stdout).toContain(`!! ${NOTICE}`);
    expect(run.stdout).toMatch(/Conventions \(0\)/);
    for (const id of ['mission-sociale', 'mission-comptable-financiere', 'dossier-unique-financement', 'instance-evaluation']) {
      expect([id, row(run.stdout, id)?.includes('PRESUMED')]).toEqual([id, true]);
    }
    expect(row(run.stdout, 'groupe-travail-bilan')).toBeUndefined();
    const answer = await json(dir, ['state', '-f', 'cccs13', '--at', '2030-01-01']);
    expect(answer).toMatchObject({ outsideHorizon: true, horizonNotice: NOTICE, conventions: [], parties: [] });
    expect(answer.missions.map((m: { evidence: string }) => m.evidence)).toEqual(['presumed', 'presumed']);
  }, 60_000);

  it('state 2012-06-30: the 112 % rule is gone with its convention; 2009: stated until its end', async () => {
    const [in2012, in2009] = await Promise.all([json(dir, ['state', '-f', 'cccs13', '--at', '2012-06-30']), cli(dir, ['state', '-f', 'cccs13', '--at', '2009-06-30'])]);
    expect(in2012.instruments.map((i: { id: string }) => i.id)).not.toContain('financement-112-cucs');
    expect(row(in2009.stdout, 'financement-112-cucs')).toEqual(expect.arrayContaining(['stated', '2010-12-31', 'convention cc-2008']));
    expect(row(in2009.stdout, 'groupe-travail-bilan')).toEqual(expect.arrayContaining(['inferred', '2010-12-31', 'review bilan-2009-2010']));
  }, 60_000);

  it('diff 2010-12-31 → 2011-01-01: what the sources date 2011 - 2014 is shown with that date, never as 1 January 2011', async () => {
    const run = await cli(dir, ['diff', '-f', 'cccs13', '--from', '2010-12-31', '--to', '2011-01-01']);
    const came = run.stdout.slice(run.stdout.indexOf('Came into force'), run.stdout.indexOf('Ended'));
    expect(came).toMatch(/instance-evaluation +Instance d’Evaluation de la Convention Cadre +~2011\/2014 +stated +2014-12-31/);
    expect(came).not.toContain('2011-01-01');
    const answer = await json(dir, ['diff', '-f', 'cccs13', '--from', '2010-12-31', '--to', '2011-01-01']);
    expect(answer.cameIntoForce.find((e: { id: string }) => e.id === 'site-internet')).toMatchObject({ sinceEdtf: '2011/2014', approximate: true, evidence: 'stated' });
  }, 60_000);

  it('timeline: each fact with its evidence, the parts only inferred and the last day it speaks of', async () => {
    const run = await cli(dir, ['timeline', '-f', 'cccs13']);
    expect(run.stdout).toContain('recorded history: 1980-01-01 → 2017-12-31');
    const signing = run.stdout.split('\n').find((line) => line.includes('Convention cadre 2003 - 2005 (12 signataires)'))!;
    expect(signing).toMatch(/stated \(parties, supersedes inferred\) +2005-12-31/);
  }, 60_000);
});
