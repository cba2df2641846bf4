// The measurements: P1 … P6 and the store-level peer comparison. Each returns plain data; the
// report (report.mjs) turns it into tables. Every number comes from this run.
import { mkdirSync, rmSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { Prng } from './prng.mjs';
import { planFramework } from '../generator.mjs';
import { percentile } from './stats.mjs';
import {
  copyDataDir,
  load,
  memoryOf,
  openApp,
  PEERS_DIR,
  sleep,
  startServer,
  stopServer,
  waitProjected,
} from './harness.mjs';
import { benchAppends, emmettRun, rawSqliteRun, serviceStoreRun } from './stores.mjs';

const DAY_MS = 86_400_000;

/** Random state questions over a generated store: (framework, day[, knownAt]); 20 % with knownAt. */
export function questions(manifest, count, seed) {
  const rng = new Prng(`${seed}|questions|${manifest.events}`);
  const lastDay = Date.parse('2026-12-31T00:00:00Z');
  const from = Date.parse(manifest.recordedFrom);
  const to = Date.parse(manifest.recordedTo);
  const out = [];
  for (let i = 0; i < count; i++) {
    const fw = rng.pick(manifest.frameworks);
    const first = Date.parse(`${fw.d0}T00:00:00Z`);
    const day = new Date(first + Math.floor(rng.next() * ((lastDay - first) / DAY_MS)) * DAY_MS).toISOString().slice(0, 10);
    const knownAt = rng.chance(0.2) ? new Date(from + Math.floor(rng.next() * (to - from))).toISOString() : undefined;
    out.push({ id: fw.id, day, knownAt });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// P3: projection rebuild

/** `ProjectionRunner.rebuild()` on the data dir; stops at `budgetMs` and reports how far it got. */
export async function rebuildOnce(service, dir, head, budgetMs, log) {
  const app = await openApp(service, dir);
  const runner = app.get(service.ProjectionRunner);
  try {
    let done = false;
    let failure = null;
    // How long the event loop goes without a turn during the rebuild (an app serving HTTP at the
    // same time would not answer for that long).
    const stalls = monitorEventLoopDelay({ resolution: 20 });
    stalls.enable();
    const t0 = performance.now();
    const rebuilding = runner.rebuild().then(
      () => (done = true),
      (error) => (failure = error),
    );
    let lastLog = t0;
    while (!done && !failure && performance.now() - t0 < budgetMs) {
      await sleep(100);
      if (performance.now() - lastLog > 30_000) {
        log(`    rebuild: ${runner.checkpoint ?? 0}/${head} after ${((performance.now() - t0) / 1000).toFixed(0)} s`);
        lastLog = performance.now();
      }
    }
    const seconds = (performance.now() - t0) / 1000;
    stalls.disable();
    const maxStallMs = stalls.max / 1e6;
    if (failure) throw failure;
    if (done) return { complete: true, events: head, seconds, eventsPerSecond: head / seconds, maxStallMs };
    const reached = runner.checkpoint ?? 0;
    await runner.stop();
    void rebuilding;
    return { complete: false, events: reached, seconds, eventsPerSecond: reached / seconds, maxStallMs };
  } finally {
    await app.close();
  }
}

// ---------------------------------------------------------------------------------------------
// P1: state-at-date latency, and the naive full replay

export async function stateLatency(service, dir, manifest, { samples, warmup, seed }) {
  const app = await openApp(service, dir);
  try {
    const runner = app.get(service.ProjectionRunner);
    const reached = await waitProjected(runner, manifest.events, 60_000);
    if (reached < manifest.events) throw new Error(`read models at ${reached} of ${manifest.events}`);
    const bus = app.get(service.QueryBus);
    const qs = questions(manifest, samples + warmup, seed);
    const all = [];
    const plain = [];
    const known = [];
    for (let i = 0; i < qs.length; i++) {
      const q = qs[i];
      const t = process.hrtime.bigint();
      await bus.execute(new service.StateAtDateQuery(q.id, q.day, q.knownAt));
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      if (i < warmup) continue;
      all.push(ms);
      (q.knownAt ? known : plain).push(ms);
    }
    return {
      samples: all.length,
      p50: percentile(all, 50),
      p99: percentile(all, 99),
      p50Plain: percentile(plain, 50),
      p50KnownAt: percentile(known, 50),
      knownAtSamples: known.length,
    };
  } finally {
    await app.close();
  }
}

const ids = (state) =>
  JSON.stringify(
    ['conventions', 'parties', 'missions', 'instruments', 'bodies'].map((k) => (state[k] ?? []).map((x) => x.id).sort()),
  );

/**
 * The baseline: per question, read the whole global log (readAll paging), keep the framework's
 * events, and fold them (knownFacts + buildTimeline + stateAt). When `app` is given, the same
 * question is also asked through the QueryBus and the two answers are compared (item ids).
 */
export async function naiveReplay(service, dir, manifest, { samples, seed, crossCheck = true }) {
  const { SqliteEventStore, streamIdOf, toRecordedEvent, domain } = service;
  const store = SqliteEventStore.open(join(dir, 'events.db'));
  const app = crossCheck ? await openApp(service, dir) : null;
  try {
    if (app) await waitProjected(app.get(service.ProjectionRunner), manifest.events, 60_000);
    const bus = app?.get(service.QueryBus);
    const qs = questions(manifest, samples, `${seed}|naive`);
    const times = [];
    let compared = 0;
    let mismatches = 0;
    for (const q of qs) {
      const t = process.hrtime.bigint();
      const streamId = streamIdOf(q.id);
      const events = [];
      for (let after = null; ;) {
        const page = await store.readAll(after, 5000);
        if (page.length === 0) break;
        for (const e of page) if (e.streamId === streamId) events.push(toRecordedEvent(e));
        after = page[page.length - 1].position;
      }
      const timeline = domain.buildTimeline(domain.knownFacts(events, q.knownAt).facts);
      const state = domain.stateAt(timeline, q.day);
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
      if (bus) {
        const answer = await bus.execute(new service.StateAtDateQuery(q.id, q.day, q.knownAt));
        compared++;
        if (ids(answer) !== ids(state)) mismatches++;
      }
    }
    return { samples: times.length, p50: percentile(times, 50), p99: percentile(times, 99), compared, mismatches };
  } finally {
    await store.close();
    if (app) await app.close();
  }
}

// ---------------------------------------------------------------------------------------------
// P2: durable appends through the command path

const milestone = (n, day) => ({
  type: 'MilestoneNoted',
  effectiveDate: day,
  data: { milestoneId: `ms-bench-${n}`, name: `Jalon ${n}`, description: 'Benchmark append.' },
  source: { document: 'bench/p2.txt', passage: `Jalon ${n} noté.`, confidence: 'stated' },
});

function dayAfter(start, n) {
  return new Date(Date.parse(`${start}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/**
 * One fresh DATA_DIR, 64 frameworks created through the CommandBus, then `appends` MilestoneNoted
 * events through `RecordEventCommand`: `writers` = 1 (awaiting each, round-robin over the 64
 * frameworks) or 64 (each writer its own framework, all at once).
 */
export async function commandAppends(service, workDir, { appends, writers, frameworks = 64 }) {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const app = await openApp(service, workDir);
  try {
    const bus = app.get(service.CommandBus);
    for (let f = 0; f < frameworks; f++) {
      await bus.execute(
        new service.CreateFrameworkCommand({ id: `p2-${f}`, name: `P2 framework ${f}`, effectiveDate: '2000-01-01' }, 'bench'),
      );
    }
    let notProjected = 0;
    const record = async (f, n) => {
      const result = await bus.execute(new service.RecordEventCommand(`p2-${f}`, milestone(n, dayAfter('2000-01-02', n)), 'bench'));
      if (result.projected === false) notProjected++;
    };
    const t0 = performance.now();
    if (writers === 1) {
      for (let n = 0; n < appends; n++) await record(n % frameworks, n);
    } else {
      const per = Math.ceil(appends / writers);
      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          for (let j = 0; j < per; j++) await record(w % frameworks, w * per + j);
        }),
      );
    }
    const seconds = (performance.now() - t0) / 1000;
    const total = writers === 1 ? appends : Math.ceil(appends / writers) * writers;
    return { appends: total, seconds, perSecond: total / seconds, notProjected };
  } finally {
    await app.close();
  }
}

/** One writer appending to the frameworks of a generated store (~200 events each): the history-size cost. */
export async function commandAppendsIntoHistory(service, projectedDir, workDir, manifest, appends) {
  copyDataDir(projectedDir, workDir);
  const app = await openApp(service, workDir);
  try {
    await waitProjected(app.get(service.ProjectionRunner), manifest.events, 60_000);
    const bus = app.get(service.CommandBus);
    const t0 = performance.now();
    for (let n = 0; n < appends; n++) {
      const fw = manifest.frameworks[n % manifest.frameworks.length];
      await bus.execute(new service.RecordEventCommand(fw.id, milestone(n, dayAfter('2025-06-01', n % 200)), 'bench'));
    }
    const seconds = (performance.now() - t0) / 1000;
    const meanHistory = manifest.frameworks.reduce((s, f) => s + f.events, 0) / manifest.frameworks.length;
    return { appends, seconds, perSecond: appends / seconds, meanHistory };
  } finally {
    await app.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Store-level peers: the service's adapter, Emmett, raw better-sqlite3

export async function storePeers(service, eventsFile, workDir, { count, batch }) {
  const appends = await benchAppends(service, eventsFile, count, batch);
  const out = {};
  out.service = await serviceStoreRun(service, join(workDir, 'service'), appends);
  out.emmett = await emmettRun(PEERS_DIR, join(workDir, 'emmett'), appends);
  out.raw = await rawSqliteRun(join(workDir, 'raw'), appends);
  rmSync(workDir, { recursive: true, force: true });
  return out;
}

// ---------------------------------------------------------------------------------------------
// P4: HTTP state queries next to a bare endpoint of the same server

export function statePaths(manifest, count, seed) {
  return questions(manifest, count, `${seed}|http`).map(
    (q) => `/api/frameworks/${q.id}/state?at=${q.day}${q.knownAt ? `&knownAt=${encodeURIComponent(q.knownAt)}` : ''}`,
  );
}

export async function httpThroughput(service, dir, manifest, { runs, duration, connections, seed }) {
  const app = await openApp(service, dir, { bare: true });
  try {
    await waitProjected(app.get(service.ProjectionRunner), manifest.events, 60_000);
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address();
    const url = `http://127.0.0.1:${port}`;
    const paths = statePaths(manifest, 50, seed);
    let bytes = 0;
    for (const path of paths) {
      const answer = await fetch(url + path);
      const text = await answer.text();
      if (answer.status !== 200) throw new Error(`state query ${path} answered ${answer.status}: ${text.slice(0, 200)}`);
      bytes += Buffer.byteLength(text);
    }
    const meanAnswerBytes = bytes / paths.length;
    // Warm-up of both routes.
    await load(url, ['/bench/bare'], { connections, duration: 2 });
    await load(url, paths, { connections, duration: 2 });
    const bare = [];
    const state = [];
    for (let r = 0; r < runs; r++) {
      bare.push(await load(url, ['/bench/bare'], { connections, duration }));
      state.push(await load(url, paths, { connections, duration }));
    }
    return { bare, state, paths: paths.length, connections, duration, meanAnswerBytes };
  } finally {
    await app.close();
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
