// The write-side figures: P2a (one writer over HTTP), P2b (one writer into long histories), P2c
// (64 concurrent writers, through the command path and at the store level), each next to the raw
// one-fsync floor of this disk measured in the same run; and the store-level peers.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyDataDir, openApp, PEERS_DIR, TOKEN, waitProjected } from './harness.mjs';
import { startProfile } from './profile.mjs';
import { benchAppends, emmettRun, rawSqliteRun, serviceStoreRun } from './stores.mjs';

const DAY_MS = 86_400_000;
const WRITER = fileURLToPath(new URL('./http-writer.mjs', import.meta.url));

const milestone = (n, day) => ({
  type: 'MilestoneNoted',
  effectiveDate: day,
  data: { milestoneId: `ms-bench-${n}`, name: `Jalon ${n}`, description: 'Ajout du banc de mesure.' },
  source: { document: 'bench/p2.txt', passage: `Jalon ${n} noté.`, confidence: 'stated' },
});

const dayAfter = (start, n) => new Date(Date.parse(`${start}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

function freshDir(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
}

async function createFrameworks(service, bus, prefix, count) {
  const ids = Array.from({ length: count }, (_, f) => `${prefix}-${f}`);
  for (const id of ids) {
    await bus.execute(new service.CreateFrameworkCommand({ id, name: `Cadre ${id}`, effectiveDate: '2000-01-01' }, 'bench'));
  }
  return ids;
}

/**
 * Appends through `RecordEventsCommand` (validated body, decide, append, wait for the projection):
 * `writers` = 1 awaits each append, round-robin over `ids`; `writers` > 1 run at once, writer w on
 * ids[w % ids.length]. Each framework's milestones follow one another in time (`firstDay` on).
 */
async function recordAppends(service, bus, ids, { appends, writers, firstDay, tag }) {
  let notProjected = 0;
  const counters = new Map(ids.map((id) => [id, 0]));
  const record = async (id) => {
    const k = counters.get(id);
    counters.set(id, k + 1);
    const result = await bus.execute(new service.RecordEventCommand(id, milestone(`${tag}-${id}-${k}`, dayAfter(firstDay, k)), 'bench'));
    if (result.projected === false) notProjected++;
  };
  const t0 = performance.now();
  const per = Math.ceil(appends / writers);
  if (writers === 1) {
    for (let n = 0; n < appends; n++) await record(ids[n % ids.length]);
  } else {
    await Promise.all(Array.from({ length: writers }, async (_, w) => {
      for (let j = 0; j < per; j++) await record(ids[w % ids.length]);
    }));
  }
  const seconds = (performance.now() - t0) / 1000;
  const total = writers === 1 ? appends : per * writers;
  return { appends: total, seconds, perSecond: total / seconds, notProjected };
}

/**
 * P2c through the command path (and P2's single writer): a fresh DATA_DIR, 64 frameworks, a
 * warm-up of `warmup` appends into 64 other frameworks (untimed), then `appends` appends.
 */
export async function commandAppends(service, workDir, { appends, writers, warmup }) {
  freshDir(workDir);
  const app = await openApp(service, workDir);
  try {
    const bus = app.get(service.CommandBus);
    const ids = await createFrameworks(service, bus, 'p2', 64);
    const warm = await createFrameworks(service, bus, 'warm', 64);
    await recordAppends(service, bus, warm, { appends: warmup, writers, firstDay: '2000-01-02', tag: 'warm' });
    return await recordAppends(service, bus, ids, { appends, writers, firstDay: '2000-01-02', tag: 'run' });
  } finally {
    await app.close();
  }
}

/**
 * P2b: one writer into frameworks of a long-history store (projected), dated after their last
 * fact; into one framework that holds a fact dated 9999-12-31 (every new fact lands before it);
 * and, beside them, into fresh frameworks of a new DATA_DIR. Each after `warmup` untimed appends.
 */
export async function appendsIntoHistory(service, projectedDir, workDir, manifest, { appends, warmup }) {
  const out = {};
  freshDir(workDir);
  {
    const app = await openApp(service, workDir);
    try {
      const bus = app.get(service.CommandBus);
      const ids = await createFrameworks(service, bus, 'fresh', manifest.frameworks.length);
      await recordAppends(service, bus, ids, { appends: warmup, writers: 1, firstDay: '2000-01-02', tag: 'warm' });
      out.fresh = await recordAppends(service, bus, ids, { appends, writers: 1, firstDay: '2001-01-02', tag: 'run' });
    } finally {
      await app.close();
    }
  }
  copyDataDir(projectedDir, workDir);
  // The write path refuses dates more than MAX_YEARS_AHEAD past today (100 by default): raised to
  // its maximum here, so that the fact dated 9999-12-31 can be recorded (as in a store imported
  // before the bound, or run with it raised).
  const app = await openApp(service, workDir, { env: { MAX_YEARS_AHEAD: '8000' } });
  try {
    await waitProjected(app.get(service.ProjectionRunner), manifest.events, 120_000);
    const bus = app.get(service.CommandBus);
    const ids = manifest.frameworks.map((f) => f.id);
    const far = ids[0];
    const rest = ids.slice(1);
    await recordAppends(service, bus, rest, { appends: warmup, writers: 1, firstDay: '2026-01-02', tag: 'warm' });
    out.history = await recordAppends(service, bus, rest, { appends, writers: 1, firstDay: '2027-01-02', tag: 'run' });
    await bus.execute(new service.RecordEventCommand(far, milestone('far-future', '9999-12-31'), 'bench'));
    await recordAppends(service, bus, [far], { appends: Math.min(warmup, 10), writers: 1, firstDay: '2026-01-02', tag: 'warm' });
    out.farFuture = await recordAppends(service, bus, [far], { appends, writers: 1, firstDay: '2027-01-02', tag: 'run' });
    out.meanHistory = manifest.frameworks.reduce((s, f) => s + f.events, 0) / manifest.frameworks.length;
    return out;
  } finally {
    await app.close();
  }
}

function runWriter(options) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`http writer exited ${code}: ${err.slice(-500)}`));
      resolve(JSON.parse(out.trim().split('\n').pop()));
    });
  });
}

/**
 * P2a: the app in this process listening on 127.0.0.1 (WRITE_RATE_LIMIT=0), 64 frameworks, and
 * one writer in a child process POSTing /api/frameworks/:id/events one at a time (each answer
 * awaited: 201 once durable and projected), then as many POSTs to the bare route (the HTTP floor).
 * With `profileFile`, this process is CPU-profiled
 * during the timed appends.
 */
export async function httpAppends(service, workDir, { appends, warmup, profileFile = null }) {
  freshDir(workDir);
  const app = await openApp(service, workDir, { bare: true, env: { WRITE_RATE_LIMIT: '0' } });
  try {
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address();
    const bus = app.get(service.CommandBus);
    const ids = await createFrameworks(service, bus, 'http', 64);
    const base = { url: `http://127.0.0.1:${port}`, token: TOKEN, frameworks: ids, firstDay: '2000-01-02' };
    await runWriter({ ...base, appends: 0, warmup, offset: 0 });
    const profiler = profileFile ? await startProfile(250) : null;
    const result = await runWriter({ ...base, appends, warmup: 0, offset: warmup, bare: profiler === null });
    const profile = profiler ? await profiler.stop(profileFile) : null;
    return { ...result, profile };
  } finally {
    await app.close();
  }
}

/**
 * P2c at the store level: the service's adapter alone, `writers` appending at once (each its own
 * stream, one event per append, awaiting each), the events of a generated store.
 */
export async function storeConcurrency(service, eventsFile, workDir, { count, writers }) {
  const source = await benchAppends(service, eventsFile, count, 1);
  freshDir(workDir);
  const store = service.SqliteEventStore.open(join(workDir, 'events.db'));
  try {
    const per = Math.ceil(source.length / writers);
    const t0 = performance.now();
    await Promise.all(Array.from({ length: writers }, async (_, w) => {
      const mine = source.slice(w * per, (w + 1) * per);
      for (let j = 0; j < mine.length; j++) {
        const e = mine[j].events[0];
        await store.append(`writer-${w}`, [{ eventId: e.eventId, type: e.type, data: e.data, metadata: e.metadata }], j === 0 ? 'no_stream' : j - 1);
      }
    }));
    const seconds = (performance.now() - t0) / 1000;
    return { appends: source.length, seconds, perSecond: source.length / seconds };
  } finally {
    await store.close();
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** The raw floor: better-sqlite3 inserting the same rows, one fsync'd IMMEDIATE transaction per row. */
export async function rawFloor(service, eventsFile, workDir, count) {
  const appends = await benchAppends(service, eventsFile, count, 1);
  const result = await rawSqliteRun(workDir, appends);
  rmSync(workDir, { recursive: true, force: true });
  return { rows: result.events, seconds: result.appendSeconds, perSecond: result.events / result.appendSeconds, durability: result.durability };
}

/** Store level: the service's adapter, Emmett 0.38.5 and raw better-sqlite3 on the same appends. */
export async function storePeers(service, eventsFile, workDir, { count, batch }) {
  const appends = await benchAppends(service, eventsFile, count, batch);
  const out = {};
  out.service = await serviceStoreRun(service, join(workDir, 'service'), appends);
  out.emmett = await emmettRun(PEERS_DIR, join(workDir, 'emmett'), appends);
  out.raw = await rawSqliteRun(join(workDir, 'raw'), appends);
  rmSync(workDir, { recursive: true, force: true });
  return out;
}
