// Shared plumbing of the bench: apps in-process, child processes, ports, files.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative } from 'node:path';
import { DIST, ROOT } from './service.mjs';

export const TOKEN = 'bench-token-0123456789abcdef';
export const BENCH_DIR = join(ROOT, 'bench');
export const PEERS_DIR = join(BENCH_DIR, 'peers');
export const CACHE_DIR = join(BENCH_DIR, '.cache');

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function appConfigEnv(dataDir, extra = {}) {
  return { DATA_DIR: dataDir, API_TOKENS: `bench=${TOKEN}`, SEED: 'false', ...extra };
}

/** The service's HTTP app in this process, initialised (projection started), optionally with the bare route. */
export async function openApp(service, dataDir, { bare = false, env = {} } = {}) {
  const app = await service.createHttpApp(service.loadConfig(appConfigEnv(dataDir, env)), { logger: false });
  if (bare) {
    // The service has no trivial endpoint: this one is registered on the same Express instance
    // (before Nest's routes), so it shares the server, the process and its event loop.
    app.getHttpAdapter().get('/bench/bare', (_req, res) => res.json({ ok: true }));
    // P2a's HTTP floor: a POST answered 201 without reading, checking or storing anything.
    app.getHttpAdapter().post('/bench/bare', (_req, res) => res.status(201).json({ ok: true }));
  }
  await app.init();
  return app;
}

/** Waits until the projection has reached `head`, at most `budgetMs`; returns the checkpoint reached. */
export async function waitProjected(runner, head, budgetMs) {
  const deadline = performance.now() + budgetMs;
  while ((runner.checkpoint ?? 0) < head && performance.now() < deadline) await sleep(100);
  return runner.checkpoint ?? 0;
}

/** Copies a data dir's SQLite files (db, -wal) into `to`, replacing it. */
export function copyDataDir(from, to, files = ['events.db', 'read-models.db']) {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to, { recursive: true });
  for (const f of files) {
    for (const suffix of ['', '-wal']) {
      if (existsSync(join(from, f + suffix))) copyFileSync(join(from, f + suffix), join(to, f + suffix));
    }
  }
}

/** A hash of the compiled service (dist/): read models projected by other code are not reused. */
export function distFingerprint() {
  const hash = createHash('sha1');
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.js')) hash.update(relative(DIST, path)).update(readFileSync(path));
    }
  };
  walk(DIST);
  return hash.digest('hex').slice(0, 12);
}

/** The shape of the event store's schema, from the compiled schema module: generated stores are reused only under the same one. */
export function eventStoreSchemaFingerprint() {
  const file = join(DIST, 'infrastructure/event-store/sqlite/sqlite-schema.js');
  if (!existsSync(file)) throw new Error(`bench: ${file} is missing (the event store's schema moved?); run \`npm run build\``);
  const text = readFileSync(file, 'utf8');
  const schema = text.match(/const SCHEMA = `[\s\S]*?`;/)?.[0];
  const version = text.match(/const SCHEMA_VERSION = (\d+)/)?.[1];
  if (schema === undefined || version === undefined) throw new Error(`bench: no SCHEMA / SCHEMA_VERSION in ${file}`);
  return createHash('sha1').update(version).update(schema).digest('hex').slice(0, 8);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** GET that resolves { status, body } or null on a connection error; never throws. */
export async function get(url, timeoutMs = 2000) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return { status: response.status, body: await response.text() };
  } catch {
    return null;
  }
}

/** Starts `node dist/main.js` as a child; resolves with the process and the ms until /health answered 200. */
export async function startServer(dataDir, logFile, { timeoutMs = 120_000, env = {} } = {}) {
  const port = await freePort();
  const { openSync } = await import('node:fs');
  const out = openSync(logFile, 'a');
  const started = performance.now();
  const child = spawn(process.execPath, [join(DIST, 'main.js')], {
    cwd: ROOT,
    env: { ...process.env, ...appConfigEnv(dataDir), PORT: String(port), ...env },
    stdio: ['ignore', out, out],
  });
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (exited) throw new Error(`server exited before /health answered (${JSON.stringify(exited)}); see ${logFile}`);
    const answer = await get(`${url}/health`, 1000);
    if (answer?.status === 200) break;
    if (performance.now() - started > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`server not healthy after ${timeoutMs} ms; see ${logFile}`);
    }
    await sleep(10);
  }
  return { child, url, port, healthyMs: performance.now() - started };
}

export async function stopServer(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await done;
  clearTimeout(timer);
}

/** Peak and current resident set of a process, from /proc (MB). */
export function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN);
    return { hwmMB: kb('VmHWM') / 1024, rssMB: kb('VmRSS') / 1024 };
  } catch {
    return { hwmMB: NaN, rssMB: NaN };
  }
}

/**
 * Runs autocannon (bench/peers/load.mjs) in a child process; resolves its JSON result. Options go
 * through a file (thousands of distinct paths do not fit a command line).
 */
export function load(url, paths, { connections = 10, duration = 10, distinct = false, perPathHeaders, headers } = {}) {
  const file = join(CACHE_DIR, `load-${process.pid}-${Date.now()}.json`);
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(file, JSON.stringify({ url, paths, connections, duration, distinct, perPathHeaders, headers }));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(PEERS_DIR, 'load.mjs'), `@${file}`], {
      cwd: PEERS_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => {
      rmSync(file, { force: true });
      if (code !== 0) return reject(new Error(`autocannon exited ${code}: ${err.slice(-500)}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').pop()));
      } catch (error) {
        reject(new Error(`autocannon output unreadable: ${out.slice(-300)} ${err.slice(-300)}`));
      }
    });
  });
}

/** Installs bench/peers (Emmett, sqlite3, autocannon) from its lock file when node_modules is missing. */
export function ensurePeers(log) {
  if (existsSync(join(PEERS_DIR, 'node_modules', '@event-driven-io', 'emmett-sqlite')) && existsSync(join(PEERS_DIR, 'node_modules', 'autocannon'))) return;
  const lock = existsSync(join(PEERS_DIR, 'package-lock.json'));
  log(`installing bench/peers (${lock ? 'npm ci' : 'npm install'}; sqlite3 may compile from source, a few minutes)…`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, [lock ? 'ci' : 'install', '--no-audit', '--no-fund'], { cwd: PEERS_DIR, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm ${lock ? 'ci' : 'install'} in bench/peers failed (${result.status})`);
}
