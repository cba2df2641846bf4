// The process-level figures: P3 (projection rebuild, next to reading the same log), P5 (peak RSS
// serving a store), P6 (start to healthy), and diagnostics of the domain's costs. Each returns
// plain data; the report (report.mjs) turns it into tables. Every number comes from this run.
import Database from 'better-sqlite3';
import { mkdirSync, rmSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { planFramework } from '../generator.mjs';
import { load, memoryOf, openApp, sleep, startServer, stopServer } from './harness.mjs';
import { startProfile } from './profile.mjs';
import { statePaths } from './figures-read.mjs';

// ---------------------------------------------------------------------------------------------
// P3: projection rebuild, and its floor (reading and parsing the same log)

/**
 * `ProjectionRunner.rebuild()` on the data dir; stops at `budgetMs` and reports how far it got.
 * Records the longest event-loop stall (an app serving HTTP meanwhile would not answer for that
 * long) and this process's peak RSS during the rebuild (sampled every 100 ms; its RSS before the
 * rebuild is given too). With `profileFile`, the rebuild is CPU-profiled (10 ms samples).
 */
export async function rebuildOnce(service, dir, head, budgetMs, log, { profileFile = null, onThisThread = false } = {}) {
  const app = await openApp(service, dir);
  const runner = app.get(service.ProjectionRunner);
  // The service rebuilds in a worker thread; the profiler samples this thread, so a profiled
  // rebuild runs the very same replay here.
  if (onThisThread) runner.rebuildInWorker = false;
  try {
    let done = false;
    let failure = null;
    const rssBeforeMB = process.memoryUsage().rss / 2 ** 20;
    let peakRssMB = rssBeforeMB;
    const stalls = monitorEventLoopDelay({ resolution: 20 });
    const profiler = profileFile ? await startProfile(10_000) : null;
    // The longest single operations of the rebuild (what a turn of the event loop cannot split).
    const longest = { commitMs: 0, applyMs: 0 };
    const timed = (target, name, key) => {
      const original = target[name];
      target[name] = function (...args) {
        const t = performance.now();
        const outcome = original.apply(this, args);
        const done = () => (longest[key] = Math.max(longest[key], performance.now() - t));
        if (outcome && typeof outcome.then === 'function') return outcome.finally(done);
        done();
        return outcome;
      };
      return () => (target[name] = original);
    };
    const readModels = runner.readModels;
    const restore = [readModels && timed(readModels, 'commit', 'commitMs'), service.domain.FrameworkProjection && timed(service.domain.FrameworkProjection.prototype, 'apply', 'applyMs')].filter(Boolean);
    stalls.enable();
    const t0 = performance.now();
    const rebuilding = runner.rebuild().then(
      () => (done = true),
      (error) => (failure = error),
    );
    let lastLog = t0;
    while (!done && !failure && performance.now() - t0 < budgetMs) {
      await sleep(100);
      peakRssMB = Math.max(peakRssMB, process.memoryUsage().rss / 2 ** 20);
      if (performance.now() - lastLog > 30_000) {
        log(`    rebuild: ${runner.checkpoint ?? 0}/${head} after ${((performance.now() - t0) / 1000).toFixed(0)} s`);
        lastLog = performance.now();
      }
    }
    const seconds = (performance.now() - t0) / 1000;
    stalls.disable();
    for (const undo of restore) undo();
    const profile = profiler ? await profiler.stop(profileFile) : null;
    const maxStallMs = stalls.max / 1e6;
    if (failure) throw failure;
    const memory = { rssBeforeMB, peakRssMB, longestCommitMs: longest.commitMs, longestApplyMs: longest.applyMs };
    if (done) return { complete: true, events: head, seconds, eventsPerSecond: head / seconds, maxStallMs, ...memory, profile };
    const reached = runner.checkpoint ?? 0;
    await runner.stop();
    void rebuilding;
    return { complete: false, events: reached, seconds, eventsPerSecond: reached / seconds, maxStallMs, ...memory, profile };
  } finally {
    await app.close();
  }
}

/**
 * The floor of a rebuild: the same log read through the service's adapter (`readAll`, pages of
 * 1000 as the rebuild reads them, JSON parsed) and turned into the domain's recorded events,
 * with no projection and no write.
 */
export async function readLogFloor(service, dir) {
  const store = service.SqliteEventStore.open(join(dir, 'events.db'));
  try {
    let events = 0;
    const t0 = performance.now();
    for (let after = null; ;) {
      const page = await store.readAll(after, 1000);
      if (page.length === 0) break;
      for (const e of page) if (service.frameworkIdOf(e.streamId) !== null) service.toRecordedEvent(e);
      events += page.length;
      after = page[page.length - 1].position;
    }
    const seconds = (performance.now() - t0) / 1000;
    return { events, seconds, eventsPerSecond: events / seconds };
  } finally {
    await store.close();
  }
}

/**
 * P3's write floor: the rows a rebuild wrote (the rebuilt read models of `dir`), inserted by SQLite
 * alone into a fresh file of the same schema and indexes, with the read models' settings (WAL,
 * synchronous=NORMAL): \`INSERT … SELECT\` table by table, one transaction each — no JavaScript,
 * no projecting. What any rebuild of these read models has to write, at SQLite's own speed.
 */
export function readModelWriteFloor(dir, workDir) {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const db = new Database(join(workDir, 'read-models.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.prepare('ATTACH DATABASE ? AS src').run(join(dir, 'read-models.db'));
    const schema = db.prepare("SELECT type, name, sql FROM src.sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type = 'index'").all();
    for (const { sql } of schema) db.exec(sql);
    const tables = schema.filter((x) => x.type === 'table').map((x) => x.name);
    const rows = Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) AS n FROM src.${t}`).get().n]));
    const payloadMB = db.prepare('SELECT coalesce(sum(length(payload)), 0) AS b FROM src.segments').get().b / 2 ** 20;
    const t0 = performance.now();
    for (const t of tables) db.transaction(() => db.exec(`INSERT INTO main.${t} SELECT * FROM src.${t}`))();
    const seconds = (performance.now() - t0) / 1000;
    return { seconds, rows, payloadMB };
  } finally {
    db.close();
    rmSync(workDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// P5 / P6: the service as its own process

export async function peakRss(dir, manifest, { duration, connections, seed, logFile }) {
  const { child, url, healthyMs } = await startServer(dir, logFile);
  try {
    const samples = [];
    const sampler = setInterval(() => samples.push(memoryOf(child.pid).rssMB), 200);
    const afterStart = memoryOf(child.pid);
    const paths = statePaths(manifest, 50, `${seed}|p5`);
    const result = await load(url, paths, { connections, duration });
    clearInterval(sampler);
    const health = await (await fetch(`${url}/health`)).json().catch(() => ({}));
    const mem = memoryOf(child.pid);
    return {
      hwmMB: mem.hwmMB,
      rssAfterStartMB: afterStart.rssMB,
      rssEndMB: mem.rssMB,
      maxSampledRssMB: samples.length ? Math.max(...samples) : NaN,
      requests: result.requests,
      rps: result.rpsTotal,
      non2xx: result.non2xx,
      healthyMs,
      projectionPosition: health?.projection?.position ?? null,
    };
  } finally {
    await stopServer(child);
  }
}

export async function startupTime(dir, { starts, logFile }) {
  const times = [];
  for (let i = 0; i < starts; i++) {
    const { child, healthyMs } = await startServer(dir, logFile);
    times.push(healthyMs);
    await stopServer(child);
  }
  return times;
}

// ---------------------------------------------------------------------------------------------
// Diagnostics: where the time goes, measured on this build (for the notes of missed targets)

export function diagnostics(service, seed) {
  const { parseEdtf, knownFacts, buildTimeline, projectEvent } = service.domain;
  const time = (fn, n) => {
    fn();
    const t = performance.now();
    for (let i = 0; i < n; i++) fn();
    return (performance.now() - t) / n;
  };
  const out = {};
  // Distinct strings, so that a parse cache (if the build has one) does not answer: the cost of a
  // first parse. The same string again measures the cached path.
  const distinct = (n, f) => {
    const values = Array.from({ length: n }, (_, i) => f(i));
    const t = performance.now();
    for (const v of values) parseEdtf(v);
    return ((performance.now() - t) / n) * 1000;
  };
  out.parseEdtfMicros = {
    day: distinct(400, (i) => new Date(Date.UTC(1801, 0, 1) + i * 86_400_000 * 7).toISOString().slice(0, 10)),
    year: distinct(400, (i) => String(1500 + i)),
    sameString: time(() => parseEdtf('2003-05-17'), 500) * 1000,
  };
  const plan = planFramework(`${seed}|diagnostics`, 0, 200);
  const events = plan.events.map((e, i) => ({
    ...e.body,
    eventId: e.eventId,
    frameworkId: plan.id,
    revision: i,
    position: i + 1,
    recordedAt: new Date(Date.UTC(2020, 0, 1) + i * 1000).toISOString(),
    recordedBy: 'bench',
  }));
  out.frameworkEvents = events.length;
  out.foldMs = time(() => buildTimeline(knownFacts(events).facts), 5);
  const { FrameworkProjection, factDay, factOf } = service.domain;
  if (FrameworkProjection?.resume) {
    // As a rebuild does: the framework's projection kept in memory, each event applied in turn.
    const projection = FrameworkProjection.resume(plan.id, [], []);
    let total = 0;
    let earlierMs = 0;
    let earlier = 0;
    let lastDay = '0000-00-00';
    for (const event of events) {
      let landsEarlier = event.type === 'FactCorrected' || event.type === 'FactRetracted';
      if (!landsEarlier && factOf && factDay) {
        const day = factDay(factOf(event));
        landsEarlier = day < lastDay;
        if (day > lastDay) lastDay = day;
      }
      const t = performance.now();
      projection.apply(event);
      const ms = performance.now() - t;
      total += ms;
      if (landsEarlier) {
        earlierMs += ms;
        earlier++;
      }
    }
    out.applyMeanMs = total / events.length;
    out.applyEarlierShare = earlierMs / total;
    out.applyEarlierEvents = earlier;
  }
  if (projectEvent) {
    const previous = events.slice(0, -1);
    out.projectEventMs = time(() => projectEvent(previous, events[events.length - 1], []), 5);
    // Mean over the history (every 10th event, each against the events before it): what
    // projecting the framework one event at a time costs per event on average.
    const costs = [];
    for (let i = 0; i < events.length; i += 10) costs.push(time(() => projectEvent(events.slice(0, i), events[i], []), 1));
    out.projectEventMeanMs = costs.reduce((a, b) => a + b, 0) / costs.length;
  }
  return out;
}
