import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../../src/platform/config/app-config.js';
import { bearer, call, start } from './support.js';

/**
 * A corrupt `api-token.sha256` let the service start, then every authenticated request was a 500
 * (RangeError of the constant-time comparison): now the start stops, naming the file and what to do.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

describe('the generated token digest', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'governance-digest-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  for (const [what, content] of [
    ['not hexadecimal', 'not-hex\n'],
    ['too short', 'abcd\n'],
    ['empty', ''],
    ['too long', `${'ab'.repeat(33)}\n`],
  ] as const) {
    it(`${what}: the start stops with a message naming the file`, async () => {
      writeFileSync(join(dataDir, 'api-token.sha256'), content, { mode: 0o600 });
      const started = start({ API_TOKENS: '', API_ADMINS: '' }, dataDir);
      await expect(started).rejects.toBeInstanceOf(ConfigError);
      await expect(started).rejects.toThrow(/api-token\.sha256 is corrupt: it must hold the SHA-256 of the generated token as 64 hexadecimal characters/);
      await expect(started).rejects.toThrow(/Delete it together with api-token/);
    });
  }

  it('a valid digest still works: the generated token authenticates, a wrong one is a 401 (never a 500)', async () => {
    const first = await start({ API_TOKENS: '', API_ADMINS: '', SEED: 'false' }, dataDir);
    await first.close();
    const token = readFileSync(join(dataDir, 'api-token'), 'utf8').trim();
    const again = await start({ API_TOKENS: '', API_ADMINS: '', SEED: 'false' }, dataDir);
    try {
      expect((await call(`${again.url}/api/admin/verify`, { headers: bearer(token) })).status).toBe(200);
      expect((await call(`${again.url}/api/admin/verify`, { headers: bearer('x'.repeat(40)) })).status).toBe(401);
    } finally {
      await again.close();
    }
  });

  it('node dist/main.js exits 1 with that one message on stderr, without a stack trace', () => {
    writeFileSync(join(dataDir, 'api-token.sha256'), 'not-hex\n', { mode: 0o600 });
    const run = spawnSync(process.execPath, [join(ROOT, 'dist/main.js')], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 20_000,
      env: { PATH: process.env.PATH, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', SEED: 'false' },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${join(dataDir, 'api-token.sha256')} is corrupt`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
