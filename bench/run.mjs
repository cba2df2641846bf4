#!/usr/bin/env node
// `npm run bench` — the benchmark of the governance history service (see docs/benchmarks.md).
//
//   npm run bench                      full run: 1k, 100k, 1M events, 3 runs where affordable
//   npm run bench -- --quick           1k and 10k events, 1 run each (checks the harness)
//   npm run bench -- --only P1,P3      only some figures (P1..P6, PEERS); the report shows only those
//   options: --runs=N  --sizes=1000,100000  --rebuild-budget=SECONDS  --seed=S  --no-report  --no-profile
//
// `npm run bench` builds the service first (dist/); this script imports the compiled modules.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { GENERATOR_VERSION } from './generator.mjs';
import { diagnostics, peakRss, readLogFloor, readModelWriteFloor, rebuildOnce, startupTime } from './lib/figures.mjs';
import { emmettPeerFor, httpThroughput, stateLatency } from './lib/figures-read.mjs';
import { appendsIntoHistory, commandAppends, httpAppends, rawFloor, storeConcurrency, storePeers } from './lib/figures-write.mjs';
import { CACHE_DIR, distFingerprint, ensurePeers, eventStoreSchemaFingerprint, PEERS_DIR } from './lib/harness.mjs';
import { renderReport } from './lib/report.mjs';
import { loadService, ROOT } from './lib/service.mjs';
import { sizeLabel, withLoad } from './lib/stats.mjs';
import { generationSummary, prepareWorkStore } from './lib/work-store.mjs';

const FIGURES = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'PEERS'];

function parseArgs(argv) {
  const args = { quick: false, only: null, runs: null, sizes: null, rebuildBudget: null, seed: 'governance-bench-1', report: true, profile: true };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--quick': args.quick = true; break;
      case '--only': args.only = value().split(',').map((s) => s.trim().toUpperCase()).filter(Boolean); break;
      case '--runs': args.runs = Number(value()); break;
      case '--sizes': args.sizes = value().split(',').map(Number); break;
      case '--rebuild-budget': args.rebuildBudget = Number(value()); break;
      case '--seed': args.seed = value(); break;
      case '--no-report': args.report = false; break;
      case '--no-profile': args.profile = false; break;
      case '--report-from': args.reportFrom = value(); break;
      case '--before': args.before = value(); break;
      case '--previous': args.previous = value(); break;
      case '--help':
        console.log('npm run bench [-- --quick] [--only P1,P3] [--runs N] [--sizes 1000,100000] [--rebuild-budget SECONDS] [--seed S] [--no-report]');
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${argv[i]} (try --help)`);
    }
  }
  for (const f of args.only ?? []) if (!FIGURES.includes(f)) throw new Error(`--only: unknown figure ${f} (${FIGURES.join(', ')})`);
  return args;
}

const args = parseArgs(process.argv.slice(2));
const quick = args.quick;
const want = (f) => !args.only || args.only.includes(f);
const runs = args.runs ?? (quick ? 1 : 3);
const plan = {
  sizes: args.sizes ?? (quick ? [1_000, 10_000] : [1_000, 100_000, 1_000_000]),
  runs,
  rebuildBudgetSeconds: args.rebuildBudget ?? (quick ? 900 : 3 * 3600),
  /** A rebuild slower than this is not repeated (the spread then comes from one run). */
  rebuildRepeatIfUnderSeconds: 180,
  p1Samples: quick ? 500 : 2000,
  p1Warmup: quick ? 50 : 200,
  /** Questions replayed from the framework's own stream per P1 run (and through Emmett on the long store). */
  replaySamples: quick ? 30 : 100,
  /** The long-history store of P1's ratio and P2b: frameworks of exactly this many events. */
  longFrameworks: 10,
  longEvents: 2000,
  p2Appends: quick ? 320 : 1280,
  p2Warmup: quick ? 64 : 128,
  p2HttpAppends: quick ? 200 : 640,
  p2HistoryAppends: quick ? 30 : 100,
  floorRows: quick ? 500 : 2000,
  peerEvents: quick ? 500 : 2000,
  peerBatch: 100,
  httpSeconds: quick ? 5 : 10,
  /** Distinct state questions prepared per varied P4 run (more than a run can ask). */
  variedPaths: quick ? 20_000 : 40_000,
  httpConnections: 10,
  p5Seconds: quick ? 5 : 10,
  p5Runs: quick ? 1 : runs,
  p6Starts: quick ? 3 : 5,
  seed: args.seed,
};

const log = (...parts) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...parts);

const results = {
  meta: {
    date: new Date().toISOString(),
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    mode: quick ? 'quick' : 'full',
    only: args.only,
    plan,
    generatorVersion: GENERATOR_VERSION,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGiB: os.totalmem() / 2 ** 30,
      node: process.version,
      platform: `${os.type()} ${os.release()} ${os.arch()}`,
      loadAverageAtStart: os.loadavg(),
    },
    startedAt: performance.now(),
  },
  sizes: {},
  errors: [],
};

/** Runs one measurement; a failure is recorded in the report instead of stopping the bench. */
async function attempt(what, fn) {
  try {
    return await fn();
  } catch (error) {
    log(`  ${what} FAILED: ${error?.stack ?? error}`);
    results.errors.push({ what, message: String(error?.message ?? error).slice(0, 500) });
    return undefined;
  }
}

async function main() {
  mkdirSync(CACHE_DIR, { recursive: true });
  const service = await loadService();
  const fingerprint = distFingerprint();
  const schema = eventStoreSchemaFingerprint();
  results.meta.distFingerprint = fingerprint;
  // Read models projected by other builds of the service are never reused: drop them.
  // Nor are stores of another generator version.
  for (const name of readdirSync(CACHE_DIR)) {
    const stale =
      (name.startsWith('proj-') && !name.startsWith(`proj-${fingerprint}-`)) ||
      (name.startsWith('gen-v') && !name.startsWith(`gen-v${GENERATOR_VERSION}-`));
    if (stale) rmSync(join(CACHE_DIR, name), { recursive: true, force: true });
  }
  log(`mode ${results.meta.mode}; sizes ${plan.sizes.map(sizeLabel).join(', ')}; runs ${runs}; figures ${args.only?.join(',') ?? 'all'}; load ${os.loadavg()[0].toFixed(1)}`);
  if (want('P1') || want('P2') || want('P4') || want('P5') || want('PEERS')) ensurePeers(log);
  const profileDir = join(CACHE_DIR, 'profiles');
  if (args.profile) mkdirSync(profileDir, { recursive: true });
  results.diagnostics = await attempt('diagnostics', () => diagnostics(service, plan.seed));
  const needsReadModels = want('P1') || want('P4') || want('P5') || want('P6');
  const stores = {};
  const storeOf = (n) => stores[n];
  const opts = { service, seed: plan.seed, schema, fingerprint, log };

  for (const n of plan.sizes) {
    const label = sizeLabel(n);
    const entry = (results.sizes[n] = { label, errors: [] });
    log(`== ${label} events == (load ${os.loadavg()[0].toFixed(1)})`);
    const ws = (stores[n] = await prepareWorkStore({ ...opts, label, total: n }));
    const m = ws.gen.manifest;
    entry.generation = generationSummary(ws.gen);
    entry.readModels = ws.readModels;
    log(`  store: ${m.events} events, ${m.frameworkCount} frameworks (${ws.gen.cached ? 'cached' : `generated in ${m.seconds.toFixed(1)} s`})`);
    const largest = n === plan.sizes[plan.sizes.length - 1];

    // P3: rebuild the read models from the log, next to reading and parsing the same log.
    if (want('P3')) {
      entry.P3 = [];
      entry.P3floor = [];
      for (let r = 0; r < runs; r++) {
        const floor = await attempt(`P3 floor ${label} run ${r + 1}`, () => withLoad(() => readLogFloor(service, ws.work)));
        if (floor) entry.P3floor.push(floor);
        log(`  P3 rebuild run ${r + 1}/${runs} (budget ${plan.rebuildBudgetSeconds} s); floor ${floor?.eventsPerSecond.toFixed(0)} events/s`);
        const result = await attempt(`P3 ${label} run ${r + 1}`, () =>
          withLoad(() => rebuildOnce(service, ws.work, m.events, plan.rebuildBudgetSeconds * 1000, log)),
        );
        if (!result) break;
        entry.P3.push(result);
        log(`    ${result.complete ? 'complete' : `INCOMPLETE at ${result.events}/${m.events}`}: ${result.seconds.toFixed(1)} s, ${result.eventsPerSecond.toFixed(0)} events/s, peak RSS ${result.peakRssMB.toFixed(0)} MB, stall ${result.maxStallMs.toFixed(0)} ms`);
        ws.complete = result.complete;
        ws.reached = result.events;
        entry.readModels = { source: `P3 rebuild run ${r + 1}`, complete: ws.complete, reached: ws.reached };
        if (ws.complete) ws.saveProjection();
        // The write floor, next to the first complete rebuild (up to 100k events: it copies every row).
        if (ws.complete && r === 0 && n <= 100_000) {
          const w = await attempt(`P3 write floor ${label}`, () => withLoad(async () => readModelWriteFloor(ws.work, join(CACHE_DIR, 'work', 'write-floor'))));
          if (w) entry.P3writeFloor = w;
          if (w) log(`    write floor: ${w.seconds.toFixed(1)} s for ${Object.values(w.rows).reduce((a, b) => a + b, 0)} rows (${w.payloadMB.toFixed(0)} MB of payloads)`);
        }
        if (!ws.complete || result.seconds > plan.rebuildRepeatIfUnderSeconds) break;
      }
      // One more rebuild, CPU-profiled (10 ms samples), at the largest size up to 100k: the service
      // rebuilds in a worker thread and the profiler samples one thread, so this one runs the very
      // same replay on the bench's thread.
      const profiledSize = [...plan.sizes].reverse().find((s) => s <= 100_000) ?? plan.sizes[0];
      if (args.profile && n === profiledSize && ws.complete) {
        const profileFile = join(profileDir, `p3-${label}.cpuprofile`);
        const profiled = await attempt(`P3 ${label} profiled run`, () =>
          withLoad(() => rebuildOnce(service, ws.work, m.events, plan.rebuildBudgetSeconds * 1000, log, { profileFile, onThisThread: true })),
        );
        if (profiled?.profile) entry.P3profiled = { ...profiled, profile: { ...profiled.profile, file: profileFile } };
      }
    } else if (needsReadModels) {
      await attempt(`projection ${label}`, () => ws.ensureProjected(plan.rebuildBudgetSeconds * 1000));
      entry.readModels = ws.readModels;
    }
    if (needsReadModels && !ws.complete) log(`  read models incomplete (${ws.reached}/${m.events}): P1 and P4 are not measured at ${label}`);

    // P1: state-at-date through the QueryBus, and the replay of the framework's own stream.
    if (want('P1') && ws.complete) {
      entry.P1 = [];
      for (let r = 0; r < runs; r++) {
        const result = await attempt(`P1 ${label} run ${r + 1}`, () =>
          withLoad(() => stateLatency(service, ws.work, m, { samples: plan.p1Samples, warmup: plan.p1Warmup, replaySamples: plan.replaySamples, seed: `${plan.seed}|run${r}` })),
        );
        if (result) entry.P1.push(result);
        if (result) log(`  P1 run ${r + 1}: p50 ${result.p50.toFixed(3)} ms, p99 ${result.p99.toFixed(3)} ms; replay p50 ${result.replay.p50.toFixed(2)} ms (${result.mismatches} mismatches)`);
      }
    }

    // P4: HTTP throughput, state queries (cached, varied, 304) next to the bare endpoint.
    if (want('P4') && ws.complete) {
      log(`  P4 autocannon ${plan.httpSeconds} s × ${runs} runs × 4 routes`);
      entry.P4 = await attempt(`P4 ${label}`, () =>
        httpThroughput(service, ws.work, m, { runs, duration: plan.httpSeconds, connections: plan.httpConnections, seed: plan.seed, variedPaths: plan.variedPaths }),
      );
      const rps = (list) => list.map((s) => s.rpsTotal.toFixed(0)).join('/');
      if (entry.P4) log(`  P4: bare ${rps(entry.P4.bare)}, cached ${rps(entry.P4.cached)}, varied ${rps(entry.P4.varied)}, 304 ${rps(entry.P4.notModified)} req/s`);
    }

    // P5: peak RSS of `node dist/main.js` serving this store under a short query load.
    if (want('P5')) {
      entry.P5 = [];
      entry.P5ReadModelsComplete = ws.complete;
      for (let r = 0; r < plan.p5Runs; r++) {
        const result = await attempt(`P5 ${label} run ${r + 1}`, () =>
          withLoad(() => peakRss(ws.work, m, { duration: plan.p5Seconds, connections: plan.httpConnections, seed: `${plan.seed}|run${r}`, logFile: join(CACHE_DIR, 'server.log') })),
        );
        if (result) entry.P5.push(result);
        if (result) log(`  P5 run ${r + 1}: peak RSS ${result.hwmMB.toFixed(0)} MB (${result.requests} requests, ${result.non2xx} non-2xx)`);
      }
    }

    // P6: time from spawn to the first 200 on /health.
    if (want('P6')) {
      entry.P6ReadModelsComplete = ws.complete;
      entry.P6 = await attempt(`P6 ${label}`, () => withLoad(async () => ({ times: await startupTime(ws.work, { starts: plan.p6Starts, logFile: join(CACHE_DIR, 'server.log') }) })));
      if (entry.P6) log(`  P6: ${entry.P6.times.map((t) => t.toFixed(0)).join(', ')} ms`);
    }
    entry.complete = ws.complete;
    entry.reached = ws.reached;
  }

  if (want('P6')) {
    const empty = join(CACHE_DIR, 'work', 'empty');
    results.P6empty = await attempt('P6 empty', () =>
      withLoad(async () => {
        const times = [];
        for (let i = 0; i < plan.p6Starts; i++) {
          rmSync(empty, { recursive: true, force: true });
          mkdirSync(empty, { recursive: true });
          times.push(...(await startupTime(empty, { starts: 1, logFile: join(CACHE_DIR, 'server.log') })));
        }
        return { times };
      }),
    );
    if (results.P6empty) log(`P6 empty store: ${results.P6empty.times.map((t) => t.toFixed(0)).join(', ')} ms`);
  }

  // The long-history store: frameworks of 2,000 events, for P1's ratio and P2b.
  if (want('P1') || want('P2')) {
    const label = `long-${plan.longEvents}`;
    log(`== ${plan.longFrameworks} frameworks of ${plan.longEvents} events == (load ${os.loadavg()[0].toFixed(1)})`);
    const ws = (stores.long = await prepareWorkStore({ ...opts, label, total: plan.longFrameworks * plan.longEvents, eventsPerFramework: plan.longEvents }));
    const entry = (results.long = { label, eventsPerFramework: plan.longEvents, generation: generationSummary(ws.gen) });
    await attempt(`projection ${label}`, () => ws.ensureProjected(plan.rebuildBudgetSeconds * 1000));
    entry.readModels = ws.readModels;
    if (want('P1') && ws.complete) {
      const emmett = await attempt('Emmett replay store', () => emmettPeerFor(service, PEERS_DIR, join(ws.gen.dir, 'events.db'), join(CACHE_DIR, 'work', 'emmett-replay')));
      entry.P1 = [];
      for (let r = 0; r < runs; r++) {
        const result = await attempt(`P1 ${label} run ${r + 1}`, () =>
          withLoad(() =>
            stateLatency(service, ws.work, ws.gen.manifest, { samples: plan.p1Samples, warmup: plan.p1Warmup, replaySamples: plan.replaySamples, seed: `${plan.seed}|long|run${r}`, emmett }),
          ),
        );
        if (result) entry.P1.push(result);
        if (result) log(`  P1 long run ${r + 1}: p50 ${result.p50.toFixed(3)} ms; replay p50 ${result.replay.p50.toFixed(2)} ms; Emmett ${result.emmett?.p50.toFixed(2)} ms (${result.mismatches} mismatches)`);
      }
    }
  }

  // P2: durable appends (P2a over HTTP, P2b into long histories, P2c concurrent), each run next to the raw floor.
  if (want('P2')) {
    const floorSource = plan.sizes.find((n) => storeOf(n).gen.manifest.events >= plan.floorRows) ?? plan.sizes[plan.sizes.length - 1];
    const floorFile = join(storeOf(floorSource).gen.dir, 'events.db');
    const dir = (name) => join(CACHE_DIR, 'work', name);
    log(`== P2: ${runs} runs (load ${os.loadavg()[0].toFixed(1)}) ==`);
    const P2 = (results.P2 = { floor: [], http: [], single: [], concurrent: [], storeSingle: [], storeConcurrent: [], history: [], plan: { floorSource } });
    const run = async (what, list, fn) => {
      const result = await attempt(what, () => withLoad(fn));
      if (result) list.push(result);
      return result;
    };
    for (let r = 0; r < runs; r++) {
      const f = await run(`raw floor run ${r + 1}`, P2.floor, () => rawFloor(service, floorFile, dir('floor'), plan.floorRows));
      const a = await run(`P2a run ${r + 1}`, P2.http, () => httpAppends(service, dir('p2a'), { appends: plan.p2HttpAppends, warmup: plan.p2Warmup }));
      const s = await run(`P2 single run ${r + 1}`, P2.single, () => commandAppends(service, dir('p2'), { appends: plan.p2Appends, writers: 1, warmup: plan.p2Warmup }));
      const c = await run(`P2c run ${r + 1}`, P2.concurrent, () => commandAppends(service, dir('p2'), { appends: plan.p2Appends, writers: 64, warmup: plan.p2Warmup }));
      const ss = await run(`P2c store 1 run ${r + 1}`, P2.storeSingle, () => storeConcurrency(service, floorFile, dir('p2s'), { count: plan.floorRows, writers: 1 }));
      const sc = await run(`P2c store 64 run ${r + 1}`, P2.storeConcurrent, () => storeConcurrency(service, floorFile, dir('p2s'), { count: plan.floorRows, writers: 64 }));
      const rate = (x) => x?.perSecond.toFixed(0) ?? '–';
      log(`  run ${r + 1}: floor ${rate(f)} rows/s; HTTP 1 writer ${rate(a)}; command 1 writer ${rate(s)}, 64 writers ${rate(c)}; store 1 writer ${rate(ss)}, 64 writers ${rate(sc)} appends/s`);
    }
    if (args.profile) {
      const file = join(profileDir, 'p2a.cpuprofile');
      P2.httpProfiled = await attempt('P2a profiled run', () =>
        withLoad(() => httpAppends(service, dir('p2a'), { appends: plan.p2HttpAppends, warmup: plan.p2Warmup, profileFile: file })),
      );
      if (P2.httpProfiled) P2.httpProfiled.file = file;
    }
    if (stores.long?.complete) {
      for (let r = 0; r < runs; r++) {
        const h = await run(`P2b run ${r + 1}`, P2.history, () =>
          appendsIntoHistory(service, stores.long.work, dir('p2b'), stores.long.gen.manifest, { appends: plan.p2HistoryAppends, warmup: 10 }),
        );
        if (h) log(`  P2b run ${r + 1}: fresh ${h.fresh.perSecond.toFixed(0)}, 2,000-event histories ${h.history.perSecond.toFixed(0)}, before a 9999-12-31 fact ${h.farFuture.perSecond.toFixed(0)} appends/s`);
      }
    }
  }

  // Store level: the service's adapter, Emmett 0.38.5, raw better-sqlite3; one event per append and batched.
  if (want('PEERS') || want('P2')) {
    const source = plan.sizes.find((n) => storeOf(n).gen.manifest.events >= plan.peerEvents) ?? plan.sizes[plan.sizes.length - 1];
    const eventsFile = join(storeOf(source).gen.dir, 'events.db');
    log(`== store peers: ${plan.peerEvents} events of the ${sizeLabel(source)} store, ${runs} runs ==`);
    results.peers = { source, count: plan.peerEvents, batch: plan.peerBatch, one: [], batched: [] };
    for (let r = 0; r < runs; r++) {
      const one = await attempt(`peers one-per-append run ${r + 1}`, () => withLoad(() => storePeers(service, eventsFile, join(CACHE_DIR, 'work', 'peers'), { count: plan.peerEvents, batch: 1 })));
      if (one) results.peers.one.push(one);
      const batched = await attempt(`peers batched run ${r + 1}`, () =>
        withLoad(() => storePeers(service, eventsFile, join(CACHE_DIR, 'work', 'peers'), { count: plan.peerEvents, batch: plan.peerBatch })),
      );
      if (batched) results.peers.batched.push(batched);
      const rate = (x) => (x ? (x.events / x.appendSeconds).toFixed(0) : '–');
      log(`  run ${r + 1}: one/append service ${rate(one?.service)}, emmett ${rate(one?.emmett)}, raw ${rate(one?.raw)} events/s; batched service ${rate(batched?.service)}, emmett ${rate(batched?.emmett)}, raw ${rate(batched?.raw)} events/s`);
    }
  }

  // The work copies (several GB at 1M) are rebuilt by every run: free the disk.
  rmSync(join(CACHE_DIR, 'work'), { recursive: true, force: true });
  results.meta.seconds = (performance.now() - results.meta.startedAt) / 1000;
  results.meta.machine.loadAverageAtEnd = os.loadavg();
  const { markdown, summaryText } = renderReport(results);
  writeFileSync(join(CACHE_DIR, `results-${results.meta.mode}.json`), JSON.stringify(results, null, 2));
  if (args.report) {
    mkdirSync(join(ROOT, 'docs'), { recursive: true });
    writeFileSync(join(ROOT, 'docs', 'benchmarks.md'), markdown);
    log('report written to docs/benchmarks.md');
  }
  console.log('\n' + summaryText);
}

/** Renders docs/benchmarks.md again from a saved results file of an earlier run (no measurement). */
async function rerender(file) {
  const { readFileSync } = await import('node:fs');
  const saved = JSON.parse(readFileSync(file, 'utf8'));
  // --before: the same figures measured on the code before a change; --previous: an earlier run of every figure.
  if (args.before) saved.meta.beforeResults = JSON.parse(readFileSync(args.before, 'utf8'));
  if (args.previous) saved.meta.previousResults = JSON.parse(readFileSync(args.previous, 'utf8'));
  const { markdown } = renderReport(saved);
  writeFileSync(join(ROOT, 'docs', 'benchmarks.md'), markdown);
  console.log(markdown);
}

(args.reportFrom ? rerender(args.reportFrom) : main())
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
