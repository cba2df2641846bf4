#!/usr/bin/env node
// `npm run bench` — the benchmark of the governance history service (see docs/benchmarks.md).
//
//   npm run bench                      full run: 1k, 100k, 1M events, 3 runs where affordable
//   npm run bench -- --quick           1k and 10k events, 1 run each (checks the harness)
//   npm run bench -- --only P1,P3      only some figures (P1..P6, PEERS)
//   options: --runs=N  --sizes=1000,100000  --rebuild-budget=SECONDS  --seed=S  --no-report
//
// `npm run bench` builds the service first (dist/); this script imports the compiled modules.
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { GENERATOR_VERSION, generatedStore } from './generator.mjs';
import {
  commandAppends,
  diagnostics,
  commandAppendsIntoHistory,
  httpThroughput,
  naiveReplay,
  peakRss,
  rebuildOnce,
  startupTime,
  stateLatency,
  storePeers,
} from './lib/figures.mjs';
import {
  CACHE_DIR,
  copyDataDir,
  distFingerprint,
  ensurePeers,
  eventStoreSchemaFingerprint,
  openApp,
  waitProjected,
} from './lib/harness.mjs';
import { renderReport } from './lib/report.mjs';
import { loadService, ROOT } from './lib/service.mjs';
import { sizeLabel } from './lib/stats.mjs';

const FIGURES = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'PEERS'];

function parseArgs(argv) {
  const args = { quick: false, only: null, runs: null, sizes: null, rebuildBudget: null, seed: 'governance-bench-1', report: true };
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
      case '--report-from': args.reportFrom = value(); break;
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
  naiveSamples: (n) => (n <= 10_000 ? (quick ? 20 : 50) : n <= 100_000 ? 10 : 3),
  naiveRuns: (n) => (n >= 1_000_000 ? 1 : runs),
  p2Appends: quick ? 320 : 1280,
  p2HistoryAppends: quick ? 20 : 60,
  peerEvents: quick ? 500 : 2000,
  peerBatch: 100,
  httpSeconds: quick ? 5 : 10,
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
    plan: { ...plan, naiveSamples: plan.sizes.map((n) => [n, plan.naiveSamples(n), plan.naiveRuns(n)]) },
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
  log(`mode ${results.meta.mode}; sizes ${plan.sizes.map(sizeLabel).join(', ')}; runs ${runs}; figures ${args.only?.join(',') ?? 'all'}`);
  if (want('P4') || want('P5') || want('PEERS')) ensurePeers(log);

  results.diagnostics = await attempt('diagnostics', () => diagnostics(service, plan.seed));
  const needsReadModels = want('P1') || want('P4') || want('P5') || want('P6') || want('P2');
  const generated = {};

  for (const n of plan.sizes) {
    const label = sizeLabel(n);
    const entry = (results.sizes[n] = { label, errors: [] });
    log(`== ${label} events ==`);
    const gen = await generatedStore({ cacheRoot: CACHE_DIR, total: n, seed: plan.seed, cacheKey: `es-${schema}`, service, log });
    generated[n] = gen;
    const m = gen.manifest;
    entry.generation = {
      cached: gen.cached,
      seconds: m.seconds,
      frameworks: m.frameworkCount,
      events: m.events,
      appends: m.appends,
      backdated: m.backdated,
      landsEarlier: m.landsEarlier,
      types: m.types,
      verifiedWhole: m.verifiedWhole,
      verifiedStepwise: m.verifiedStepwise,
      recordedFrom: m.recordedFrom,
      recordedTo: m.recordedTo,
    };
    log(`  store: ${m.events} events, ${m.frameworkCount} frameworks (${gen.cached ? 'cached' : `generated in ${m.seconds.toFixed(1)} s`})`);

    // The work dir: a copy of the generated events; read models from the cache when this very
    // build of the service projected them before, otherwise projected below.
    const work = join(CACHE_DIR, 'work', label);
    const projCache = join(CACHE_DIR, `proj-${fingerprint}-${n}-${GENERATOR_VERSION}-${schema}`);
    let complete = false;
    let reached = 0;
    rmSync(work, { recursive: true, force: true });
    copyDataDir(gen.dir, work, ['events.db']);
    const haveCachedProjection = existsSync(join(projCache, 'read-models.db'));
    if (haveCachedProjection) {
      for (const f of ['read-models.db', 'read-models.db-wal']) {
        if (existsSync(join(projCache, f))) copyFileSync(join(projCache, f), join(work, f));
      }
      complete = true;
      reached = m.events;
      entry.readModels = { source: 'cache (projected earlier by this same build)', complete: true, reached };
    }
    const saveProjection = () => {
      if (existsSync(join(projCache, 'read-models.db'))) return;
      copyDataDir(work, projCache, ['read-models.db']);
    };

    // P3: rebuild the read models from the log.
    if (want('P3')) {
      entry.P3 = [];
      for (let r = 0; r < runs; r++) {
        log(`  P3 rebuild run ${r + 1}/${runs} (budget ${plan.rebuildBudgetSeconds} s)`);
        const result = await attempt(`P3 ${label} run ${r + 1}`, () => rebuildOnce(service, work, m.events, plan.rebuildBudgetSeconds * 1000, log));
        if (!result) break;
        entry.P3.push(result);
        log(`    ${result.complete ? 'complete' : `INCOMPLETE at ${result.events}/${m.events}`}: ${result.seconds.toFixed(1)} s, ${result.eventsPerSecond.toFixed(0)} events/s`);
        complete = result.complete;
        reached = result.events;
        entry.readModels = { source: `P3 rebuild run ${r + 1}`, complete, reached };
        if (complete) saveProjection();
        if (!complete || result.seconds > plan.rebuildRepeatIfUnderSeconds) break;
      }
    } else if (!complete && needsReadModels) {
      log(`  projecting the read models (budget ${plan.rebuildBudgetSeconds} s)`);
      await attempt(`projection ${label}`, async () => {
        const app = await openApp(service, work);
        try {
          reached = await waitProjected(app.get(service.ProjectionRunner), m.events, plan.rebuildBudgetSeconds * 1000);
        } finally {
          await app.close();
        }
        complete = reached >= m.events;
        entry.readModels = { source: 'catch-up at start', complete, reached };
        if (complete) saveProjection();
      });
    }
    if (!complete) log(`  read models incomplete (${reached}/${m.events}): P1 and P4 are not measured at ${label}`);

    // P1: state-at-date through the QueryBus, and the naive full replay.
    if (want('P1')) {
      if (complete) {
        entry.P1 = [];
        for (let r = 0; r < runs; r++) {
          const result = await attempt(`P1 ${label} run ${r + 1}`, () =>
            stateLatency(service, work, m, { samples: plan.p1Samples, warmup: plan.p1Warmup, seed: `${plan.seed}|run${r}` }),
          );
          if (result) entry.P1.push(result);
          if (result) log(`  P1 run ${r + 1}: p50 ${result.p50.toFixed(3)} ms, p99 ${result.p99.toFixed(3)} ms (${result.samples} queries)`);
        }
      }
      entry.naive = [];
      for (let r = 0; r < plan.naiveRuns(n); r++) {
        const result = await attempt(`naive replay ${label} run ${r + 1}`, () =>
          naiveReplay(service, work, m, { samples: plan.naiveSamples(n), seed: `${plan.seed}|run${r}`, crossCheck: complete }),
        );
        if (result) entry.naive.push(result);
        if (result) log(`  naive replay run ${r + 1}: p50 ${result.p50.toFixed(1)} ms (${result.samples} questions; ${result.compared} cross-checked, ${result.mismatches} mismatches)`);
      }
    }

    // P4: HTTP throughput, state query next to the bare endpoint.
    if (want('P4') && complete) {
      log(`  P4 autocannon ${plan.httpSeconds} s × ${runs} runs × 2 routes`);
      entry.P4 = await attempt(`P4 ${label}`, () =>
        httpThroughput(service, work, m, { runs, duration: plan.httpSeconds, connections: plan.httpConnections, seed: plan.seed }),
      );
      if (entry.P4) log(`  P4: state ${entry.P4.state.map((s) => s.rpsTotal.toFixed(0)).join('/')} req/s, bare ${entry.P4.bare.map((s) => s.rpsTotal.toFixed(0)).join('/')} req/s`);
    }

    // P5: peak RSS of `node dist/main.js` serving this store under a short query load.
    if (want('P5')) {
      entry.P5 = [];
      entry.P5ReadModelsComplete = complete;
      for (let r = 0; r < plan.p5Runs; r++) {
        const result = await attempt(`P5 ${label} run ${r + 1}`, () =>
          peakRss(work, m, { duration: plan.p5Seconds, connections: plan.httpConnections, seed: `${plan.seed}|run${r}`, logFile: join(CACHE_DIR, 'server.log') }),
        );
        if (result) entry.P5.push(result);
        if (result) log(`  P5 run ${r + 1}: peak RSS ${result.hwmMB.toFixed(0)} MB (${result.requests} requests, ${result.non2xx} non-2xx)`);
      }
    }

    // P6: time from spawn to the first 200 on /health.
    if (want('P6')) {
      entry.P6ReadModelsComplete = complete;
      entry.P6 = await attempt(`P6 ${label}`, () => startupTime(work, { starts: plan.p6Starts, logFile: join(CACHE_DIR, 'server.log') }));
      if (entry.P6) log(`  P6: ${entry.P6.map((t) => t.toFixed(0)).join(', ')} ms`);
    }
    entry.complete = complete;
    entry.reached = reached;
  }

  if (want('P6')) {
    const empty = join(CACHE_DIR, 'work', 'empty');
    results.P6empty = await attempt('P6 empty', async () => {
      const times = [];
      for (let i = 0; i < plan.p6Starts; i++) {
        rmSync(empty, { recursive: true, force: true });
        mkdirSync(empty, { recursive: true });
        times.push(...(await startupTime(empty, { starts: 1, logFile: join(CACHE_DIR, 'server.log') })));
      }
      return times;
    });
    if (results.P6empty) log(`P6 empty store: ${results.P6empty.map((t) => t.toFixed(0)).join(', ')} ms`);
  }

  // P2: durable appends through the command path.
  if (want('P2')) {
    log(`== P2: ${plan.p2Appends} appends through the CommandBus, 1 writer and 64 writers, ${runs} runs ==`);
    results.P2 = { single: [], concurrent: [], intoHistory: [] };
    const dir = join(CACHE_DIR, 'work', 'p2');
    for (let r = 0; r < runs; r++) {
      const single = await attempt(`P2 single run ${r + 1}`, () => commandAppends(service, dir, { appends: plan.p2Appends, writers: 1 }));
      if (single) results.P2.single.push(single);
      const concurrent = await attempt(`P2 concurrent run ${r + 1}`, () => commandAppends(service, dir, { appends: plan.p2Appends, writers: 64 }));
      if (concurrent) results.P2.concurrent.push(concurrent);
      log(`  run ${r + 1}: 1 writer ${single?.perSecond.toFixed(0)} appends/s, 64 writers ${concurrent?.perSecond.toFixed(0)} appends/s`);
    }
    const smallest = plan.sizes[0];
    if (results.sizes[smallest]?.complete) {
      const m = generated[smallest].manifest;
      const work = join(CACHE_DIR, 'work', sizeLabel(smallest));
      for (let r = 0; r < runs; r++) {
        const into = await attempt(`P2 into history run ${r + 1}`, () =>
          commandAppendsIntoHistory(service, work, join(CACHE_DIR, 'work', 'p2-history'), m, plan.p2HistoryAppends),
        );
        if (into) results.P2.intoHistory.push({ ...into, size: smallest });
        if (into) log(`  into ~${into.meanHistory.toFixed(0)}-event histories: ${into.perSecond.toFixed(1)} appends/s`);
      }
    }
  }

  // Store level: the service's adapter, Emmett 0.38.5, raw better-sqlite3; one event per append and batched.
  if (want('PEERS') || want('P2')) {
    const source = plan.sizes.find((n) => generated[n].manifest.events >= plan.peerEvents) ?? plan.sizes[plan.sizes.length - 1];
    const eventsFile = join(generated[source].dir, 'events.db');
    log(`== store peers: ${plan.peerEvents} events of the ${sizeLabel(source)} store, ${runs} runs ==`);
    results.peers = { source, count: plan.peerEvents, batch: plan.peerBatch, one: [], batched: [] };
    for (let r = 0; r < runs; r++) {
      const one = await attempt(`peers one-per-append run ${r + 1}`, () =>
        storePeers(service, eventsFile, join(CACHE_DIR, 'work', 'peers'), { count: plan.peerEvents, batch: 1 }),
      );
      if (one) results.peers.one.push(one);
      const batched = await attempt(`peers batched run ${r + 1}`, () =>
        storePeers(service, eventsFile, join(CACHE_DIR, 'work', 'peers'), { count: plan.peerEvents, batch: plan.peerBatch }),
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
