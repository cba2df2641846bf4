// The read-side figures: P1 (state at a date through the QueryBus, next to replaying the
// framework's own stream) and P4 (HTTP state queries next to a bare route of the same server).
import Database from 'better-sqlite3';
import { mkdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { questions } from './questions.mjs';
import { load, openApp, waitProjected } from './harness.mjs';
import { DIST } from './service.mjs';
import { percentile, withLoad } from './stats.mjs';

const ids = (state) =>
  JSON.stringify(
    ['conventions', 'parties', 'missions', 'instruments', 'bodies'].map((k) => (state[k] ?? []).map((x) => x.id).sort()),
  );

/** Emmett's events of one stream, as the domain's recorded events (the bench wrote eventId, recordedAt and actor in their metadata). */
function fromEmmett(frameworkId, events) {
  return events.map((e) => ({
    type: e.type,
    effectiveDate: e.data.effectiveDate,
    data: e.data.data,
    source: e.data.source,
    eventId: e.metadata.eventId,
    frameworkId,
    revision: Number(e.metadata.streamPosition) - 1,
    position: Number(e.metadata.globalPosition),
    recordedAt: e.metadata.recordedAt,
    recordedBy: String(e.metadata.actor ?? 'unknown'),
  }));
}

/** The service's pure fold of one framework's events: what was in force on `day`, as known at `knownAt`. */
function fold(domain, events, day, knownAt) {
  return domain.stateAt(domain.buildTimeline(domain.knownFacts(events, knownAt).facts), day);
}

/**
 * P1. `QueryBus.execute(StateAtDateQuery)` latency over random questions; then, on the first
 * `replaySamples` of them, the live aggregation of the framework's own stream: read through the
 * app's event store (`readStream`) and folded by the service's domain (knownFacts, buildTimeline,
 * stateAt); and, when `emmett` is given, read through Emmett's `aggregateStream` and folded alike.
 * Every replayed answer is compared with the QueryBus's (item ids).
 */
export async function stateLatency(service, dir, manifest, { samples, warmup, replaySamples, seed, emmett = null }) {
  const app = await openApp(service, dir);
  try {
    const runner = app.get(service.ProjectionRunner);
    const reached = await waitProjected(runner, manifest.events, 60_000);
    if (reached < manifest.events) throw new Error(`read models at ${reached} of ${manifest.events}`);
    const bus = app.get(service.QueryBus);
    const store = app.get(service.EVENT_STORE);
    const { domain, streamIdOf, toRecordedEvent } = service;
    const qs = questions(manifest, samples + warmup, seed);
    const all = [];
    const plain = [];
    const known = [];
    const answers = [];
    for (let i = 0; i < qs.length; i++) {
      const q = qs[i];
      const t = process.hrtime.bigint();
      const answer = await bus.execute(new service.StateAtDateQuery(q.id, q.day, q.knownAt));
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      if (i < warmup) continue;
      all.push(ms);
      (q.knownAt ? known : plain).push(ms);
      if (answers.length < replaySamples) answers.push({ q, ids: ids(answer), ms });
    }
    const replay = [];
    const emmettReplay = [];
    let mismatches = 0;
    const replayOnce = async ({ q }) => {
      const t = process.hrtime.bigint();
      const events = (await store.readStream(streamIdOf(q.id))).map(toRecordedEvent);
      const state = fold(domain, events, q.day, q.knownAt);
      return { ms: Number(process.hrtime.bigint() - t) / 1e6, state };
    };
    const emmettOnce = async ({ q }) => {
      const t = process.hrtime.bigint();
      const events = fromEmmett(q.id, await emmett.events(streamIdOf(q.id)));
      const state = fold(domain, events, q.day, q.knownAt);
      return { ms: Number(process.hrtime.bigint() - t) / 1e6, state };
    };
    // Warm both replays up on a few questions (JIT), untimed.
    for (const a of answers.slice(0, Math.min(5, answers.length))) {
      await replayOnce(a);
      if (emmett) await emmettOnce(a);
    }
    for (const a of answers) {
      const r = await replayOnce(a);
      replay.push(r.ms);
      if (ids(r.state) !== a.ids) mismatches++;
      if (emmett) {
        const e = await emmettOnce(a);
        emmettReplay.push(e.ms);
        if (ids(e.state) !== a.ids) mismatches++;
      }
    }
    // The read floor: the rows of each answer read with the read models' own SQL on a plain
    // better-sqlite3 connection, and each view JSON-parsed; no bus, no handler, no cache.
    const readFloor = [];
    const rows = await import(pathToFileURL(join(DIST, 'infrastructure/read-models/sqlite/sqlite-read-model.rows.js')).href);
    const db = new Database(join(dir, 'read-models.db'), { readonly: true });
    try {
      const current = db.prepare(`SELECT kind, payload FROM segments ${rows.CURRENT_AT}`);
      const knownAt = db.prepare(`SELECT kind, payload FROM segments ${rows.KNOWN_AT}`);
      const readOnce = ({ q }) => {
        const t = process.hrtime.bigint();
        const found = q.knownAt ? knownAt.all(q.id, q.day, q.day, q.knownAt, q.knownAt) : current.all(q.id, q.day, q.day);
        for (const row of found) JSON.parse(row.payload);
        return Number(process.hrtime.bigint() - t) / 1e6;
      };
      for (const a of answers.slice(0, Math.min(5, answers.length))) readOnce(a);
      for (const a of answers) readFloor.push(readOnce(a));
    } finally {
      db.close();
    }
    const busOnSame = answers.map((a) => a.ms);
    const streamEvents = answers.map(({ q }) => manifest.frameworks.find((f) => f.id === q.id)?.events ?? NaN);
    return {
      samples: all.length,
      p50: percentile(all, 50),
      p99: percentile(all, 99),
      mean: all.reduce((s, x) => s + x, 0) / all.length,
      p50Plain: percentile(plain, 50),
      p50KnownAt: percentile(known, 50),
      knownAtSamples: known.length,
      replay: { samples: replay.length, p50: percentile(replay, 50), p99: percentile(replay, 99) },
      readFloor: { samples: readFloor.length, p50: percentile(readFloor, 50), busP50: percentile(busOnSame, 50) },
      emmett: emmett ? { samples: emmettReplay.length, p50: percentile(emmettReplay, 50), p99: percentile(emmettReplay, 99) } : null,
      replayMeanStreamEvents: streamEvents.reduce((s, n) => s + n, 0) / Math.max(1, streamEvents.length),
      compared: replay.length + emmettReplay.length,
      mismatches,
    };
  } finally {
    await app.close();
  }
}

/** Appends a generated store's framework streams into an Emmett store (untimed), for the replay peer. */
export async function emmettPeerFor(service, peersDir, eventsFile, workDir) {
  const peer = await import(pathToFileURL(join(peersDir, 'emmett.mjs')).href);
  const store = service.SqliteEventStore.open(eventsFile);
  const byStream = new Map();
  try {
    for (let after = null; ;) {
      const page = await store.readAll(after, 5000);
      if (page.length === 0) break;
      for (const e of page) {
        if (!byStream.has(e.streamId)) byStream.set(e.streamId, []);
        byStream.get(e.streamId).push({ type: e.type, data: e.data, metadata: { ...e.metadata, eventId: e.eventId, recordedAt: e.recordedAt } });
      }
      after = page[page.length - 1].position;
    }
  } finally {
    await store.close();
  }
  const appends = [];
  for (const [stream, events] of byStream) for (let i = 0; i < events.length; i += 100) appends.push({ stream, events: events.slice(i, i + 100) });
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  return peer.emmettReplayStore(join(workDir, 'emmett.db'), appends);
}

// ---------------------------------------------------------------------------------------------
// P4: HTTP state queries next to a bare endpoint of the same server

function statusOf(url, headers) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode));
      })
      .on('error', reject);
  });
}

export function statePaths(manifest, count, seed, { distinct = false } = {}) {
  const path = (q) => `/api/frameworks/${q.id}/state?at=${q.day}${q.knownAt ? `&knownAt=${encodeURIComponent(q.knownAt)}` : ''}`;
  if (!distinct) return questions(manifest, count, `${seed}|http`).map(path);
  // Distinct questions: no two requests of a run ask the same thing, so the answer cache never answers.
  const seen = new Set();
  for (let round = 0; seen.size < count && round < 10; round++) {
    for (const q of questions(manifest, count, `${seed}|http-distinct|${round}`)) {
      seen.add(path(q));
      if (seen.size >= count) break;
    }
  }
  return [...seen];
}

/**
 * P4 on one server in this process: the bare route; state questions from 50 paths that every
 * connection cycles (answered from the answer cache after the first round: "cached"); distinct
 * questions, each asked once ("varied"); and the cached paths asked again with If-None-Match
 * set to the ETag they answered, when they answer one ("304").
 */
export async function httpThroughput(service, dir, manifest, { runs, duration, connections, seed, variedPaths }) {
  const app = await openApp(service, dir, { bare: true });
  try {
    await waitProjected(app.get(service.ProjectionRunner), manifest.events, 60_000);
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address();
    const url = `http://127.0.0.1:${port}`;
    const paths = statePaths(manifest, 50, seed);
    let bytes = 0;
    const etags = [];
    for (const path of paths) {
      const answer = await fetch(url + path);
      const text = await answer.text();
      if (answer.status !== 200) throw new Error(`state query ${path} answered ${answer.status}: ${text.slice(0, 200)}`);
      bytes += Buffer.byteLength(text);
      etags.push(answer.headers.get('etag'));
    }
    const meanAnswerBytes = bytes / paths.length;
    const etag = etags.every((e) => e) ? { kind: etags[0].startsWith('W/') ? 'weak' : 'strong' } : null;
    if (etag) {
      // node:http, not fetch: fetch adds `Cache-Control: no-cache` to conditional requests, which
      // a server must answer in full; autocannon sends only the headers it is given.
      etag.answersNotModified = (await statusOf(url + paths[0], { 'if-none-match': etags[0] })) === 304;
    }
    const variedAll = statePaths(manifest, variedPaths * (runs + 1), `${seed}|varied`, { distinct: true });
    const varied = (r) => variedAll.slice(r * variedPaths, (r + 1) * variedPaths);
    const conditional = etag?.answersNotModified ? etags.map((e) => ({ 'if-none-match': e })) : null;
    // Warm-up of every route (the varied one on its own paths, never asked again).
    await load(url, ['/bench/bare'], { connections, duration: 2 });
    await load(url, paths, { connections, duration: 2 });
    await load(url, varied(runs), { connections, duration: 2, distinct: true });
    if (conditional) await load(url, paths, { connections, duration: 2, perPathHeaders: conditional });
    const out = { bare: [], cached: [], varied: [], notModified: [] };
    const measure = async (list, fn) => list.push(await withLoad(fn));
    for (let r = 0; r < runs; r++) {
      await measure(out.bare, () => load(url, ['/bench/bare'], { connections, duration }));
      await measure(out.cached, () => load(url, paths, { connections, duration }));
      await measure(out.varied, () => load(url, varied(r), { connections, duration, distinct: true }));
      if (conditional) await measure(out.notModified, () => load(url, paths, { connections, duration, perPathHeaders: conditional }));
    }
    return { ...out, paths: paths.length, variedPaths, connections, duration, meanAnswerBytes, etag };
  } finally {
    await app.close();
  }
}
