import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearer, call, milestone, RECORDER_TOKEN, start } from './support.js';

/**
 * events.db was 0644 and the data folder 0755. Now everything the service keeps under DATA_DIR is
 * its owner's only: the folder 0700, every file 0600 (the stores, their -wal and -shm files, the
 * generated token) — also on a folder made before, with wider modes, tightened at start and said
 * in the log. Files of others are left alone, and so is a shared folder such as /tmp (said too).
 */
const mode = (path: string) => statSync(path).mode & 0o777;
const modes = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((name) => [name, mode(join(dir, name))]));

describe('the files under DATA_DIR', () => {
  let root: string;
  let previousUmask: number;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'governance-modes-'));
    // The most permissive umask a host may have: the modes must not depend on it.
    previousUmask = process.umask(0o000);
  });
  afterAll(() => {
    process.umask(previousUmask);
    rmSync(root, { recursive: true, force: true });
  });

  it('a new DATA_DIR: the folder 0700, each file 0600, with the generated token and after a write', async () => {
    const dataDir = join(root, 'fresh', 'data');
    mkdirSync(join(root, 'fresh'));
    const running = await start({ API_TOKENS: '', API_ADMINS: '' }, dataDir);
    try {
      expect(mode(dataDir)).toBe(0o700);
      expect(running.logs.lines).toEqual(expect.arrayContaining([`log DataDir: created ${dataDir} (owner only, 0700)`]));
      const names = Object.keys(modes(dataDir));
      expect(names).toEqual(expect.arrayContaining(['api-token', 'api-token.sha256', 'events.db', 'events.db-wal', 'events.db-shm', 'read-models.db', 'read-models.db-wal', 'read-models.db-shm']));
      for (const [name, m] of Object.entries(modes(dataDir))) expect([name, m.toString(8)]).toEqual([name, '600']);
    } finally {
      await running.close();
    }
  });

  it('an existing DATA_DIR with wider modes: tightened at start, each change in the log; new files stay 0600', async () => {
    const dataDir = join(root, 'existing');
    const first = await start({}, dataDir);
    await first.close();
    chmodSync(dataDir, 0o755);
    for (const name of readdirSync(dataDir)) chmodSync(join(dataDir, name), 0o644);
    writeFileSync(join(dataDir, 'notes.txt'), 'an operator’s file', { mode: 0o666 });
    chmodSync(join(dataDir, 'notes.txt'), 0o666);

    const running = await start({}, dataDir);
    const serviceFiles = () => Object.entries(modes(dataDir)).filter(([name]) => name !== 'notes.txt');
    try {
      expect(mode(dataDir)).toBe(0o700);
      expect(serviceFiles().map(([name]) => name)).toEqual(expect.arrayContaining(['events.db', 'read-models.db']));
      for (const [name, m] of serviceFiles()) expect([name, m.toString(8)]).toEqual([name, '600']);
      expect(mode(join(dataDir, 'notes.txt'))).toBe(0o666); // not the service's
      const warnings = running.logs.lines.filter((line) => line.startsWith('warn DataDir:'));
      expect(warnings).toEqual(
        expect.arrayContaining([
          `warn DataDir: ${dataDir} was 0755: tightened to 0700 (the data is for the service's owner only)`,
          `warn DataDir: ${join(dataDir, 'events.db')} was 0644: tightened to 0600 (the data is for the service's owner only)`,
          `warn DataDir: ${join(dataDir, 'read-models.db')} was 0644: tightened to 0600 (the data is for the service's owner only)`,
        ]),
      );
      expect((await call(`${running.url}/api/frameworks/cccs13/events`, { method: 'POST', headers: bearer(RECORDER_TOKEN), json: milestone('modes', '2020') })).status).toBe(201);
      for (const [name, m] of serviceFiles()) expect([name, m.toString(8)]).toEqual([name, '600']);
    } finally {
      await running.close();
    }
    // Nothing left to tighten: nothing said.
    const again = await start({}, dataDir);
    await again.close();
    expect(again.logs.lines.filter((line) => line.startsWith('warn DataDir:'))).toEqual([]);
  });

  it('a shared folder (sticky bit, as /tmp) is left as it is and said; the service’s files in it are still 0600', async () => {
    const dataDir = join(root, 'shared');
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o1777);
    const running = await start({ SEED: 'false' }, dataDir);
    try {
      expect(statSync(dataDir).mode & 0o7777).toBe(0o1777);
      expect(running.logs.lines).toEqual(expect.arrayContaining([`warn DataDir: not owner-only: ${dataDir}: a shared folder (01777), left as it is; give DATA_DIR a folder of its own`]));
      for (const [name, m] of Object.entries(modes(dataDir))) expect([name, m.toString(8)]).toEqual([name, '600']);
    } finally {
      await running.close();
    }
  });
});
