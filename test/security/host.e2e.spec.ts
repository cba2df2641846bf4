import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHttpApp, listen } from '../../src/http-app.js';
import { ConfigError, loadConfig } from '../../src/platform/config/app-config.js';

/**
 * The server bound every interface, with no setting. Now it binds HOST: 127.0.0.1 unless set
 * (the image and compose set 0.0.0.0).
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

describe('HOST', () => {
  it('is 127.0.0.1 by default; an address or a host name otherwise; anything else stops the start naming it', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '' }).host).toBe('127.0.0.1');
    for (const host of ['0.0.0.0', '::', '::1', '192.168.1.20', 'localhost', 'governance.internal']) expect(loadConfig({ HOST: host }).host).toBe(host);
    for (const host of ['0.0.0.0:3000', 'http://localhost', 'a b', '-bad-', '*']) {
      expect(() => loadConfig({ HOST: host })).toThrow(ConfigError);
      expect(() => loadConfig({ HOST: host })).toThrow(/HOST must be an IP address or a host name/);
    }
  });

  it('the service listens on HOST', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'governance-host-'));
    const config = { ...loadConfig({ DATA_DIR: dataDir, API_TOKENS: 'someone=a-token-of-some-length', SEED: 'false' }), port: 0 };
    const app = await createHttpApp(config, { logger: false });
    try {
      await listen(app, config);
      expect((app.getHttpServer().address() as AddressInfo).address).toBe('127.0.0.1');
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('node dist/main.js without HOST says it serves on 127.0.0.1', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'governance-host-main-'));
    const child = spawn(process.execPath, [join(ROOT, 'dist/main.js')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, DATA_DIR: dataDir, PORT: '0', SEED: 'false', API_TOKENS: 'someone=a-token-of-some-length' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const line = await new Promise<string>((resolvePromise, reject) => {
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
          const found = /governance history service on (\S+)/.exec(out);
          if (found) resolvePromise(found[1]);
        });
        child.on('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
      });
      expect(line).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('the other new settings', () => {
  it('have sane defaults', () => {
    const config = loadConfig({});
    expect(config.authFailures).toEqual({ limit: 10, windowSeconds: 300, maxClients: 10_000 });
    expect(config.timeouts).toEqual({ headersMs: 10_000, requestMs: 30_000, keepAliveMs: 5_000 });
    expect(config.maxYearsAhead).toBe(100);
    expect(config.trustProxy).toBe(false);
  });

  it.each([
    ['AUTH_FAILURE_LIMIT', '-1'],
    ['AUTH_FAILURE_LIMIT', 'ten'],
    ['AUTH_FAILURE_WINDOW_SECONDS', '0'],
    ['AUTH_FAILURE_MAX_CLIENTS', '1.5'],
    ['HEADERS_TIMEOUT_MS', '5'],
    ['REQUEST_TIMEOUT_MS', 'never'],
    ['KEEP_ALIVE_TIMEOUT_MS', '-100'],
    ['MAX_YEARS_AHEAD', '1e9'],
    ['TRUST_PROXY', 'everyone'],
    ['TRUST_PROXY', '10.0.0.0/33'],
  ])('%s=%s stops the start naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`${name} must be`));
  });

  it('refuses headers allowed longer than the whole request', () => {
    expect(() => loadConfig({ HEADERS_TIMEOUT_MS: '60000', REQUEST_TIMEOUT_MS: '30000' })).toThrow(/HEADERS_TIMEOUT_MS \(60000\) must not exceed REQUEST_TIMEOUT_MS \(30000\)/);
  });

  it('TRUST_PROXY takes a number of proxies, names and ranges', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::/8' }).trustProxy).toBe('loopback,10.0.0.0/8,fd00::/8');
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
  });
});
