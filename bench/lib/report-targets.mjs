// The targets table of the report: each target a ratio measured side by side in this run, next
// to the figure the performance issue gave before the fixes ("issue"), with its status and, when
// missed, the measured floor that explains it.
import { fmt, fmtRatio, sizeLabel as L } from './stats.mjs';

const pct = (x) => (Number.isFinite(x) ? `${fmt(x * 100)} %` : '–');
const ms = (perSecond) => 1000 / perSecond;

function verdict(measured, target, better) {
  if (!Number.isFinite(measured)) return { status: 'not measured', by: '' };
  const met = better === 'higher' ? measured >= target : measured <= target;
  if (met) return { status: 'met', by: `${fmt(better === 'higher' ? measured / target : target / measured)}× margin` };
  return { status: 'missed', by: `${fmt(better === 'higher' ? target / measured : measured / target)}× short` };
}

const spread = (s) => (s.runs > 1 ? ` (runs ${fmt(s.min)}–${fmt(s.max)})` : '');

/** Why the app's event loop stalled during the rebuild (worker thread, or this thread when the build has no worker). */
function stallText(results, rates, stall) {
  const inThread = rates.some((x) => x.longestCommitMs > 0 || x.longestApplyMs > 0);
  if (inThread) {
    return `stall: the rebuild gives the event loop a turn after at most 50 ms of projecting; what it cannot split is one operation: the longest commit of a batch of changes took ${fmt(Math.max(...rates.map((x) => x.longestCommitMs ?? NaN)))} ms, the longest projection of one event ${fmt(Math.max(...rates.map((x) => x.longestApplyMs ?? NaN)))} ms, at this load (longest stall: ${fmt(stall)} ms)`;
  }
  const profiled = Object.values(results.sizes).find((e) => e.P3profiled)?.P3profiled;
  return `stall: the rebuild runs in a worker thread; the app's thread projects nothing (it relays the worker's progress, then checks every framework's format and restarts its subscription), and it shares this process with the bench (RSS ${fmt(rates[0]?.rssBeforeMB)} MB before the rebuild, the generated store's data included): the ${fmt(stall)} ms are that thread's own pauses${profiled ? `; the same replay on the app's thread (the profiled run, ${fmt(profiled.events)} events) stalls it ${fmt(profiled.maxStallMs)} ms` : ''}`;
}

/** P3's second floor: writing the rows of the rebuilt read models, by SQLite alone (measured up to 100k events). */
function writeFloorText(results, f) {
  const n = Object.keys(results.sizes).map(Number).filter((k) => results.sizes[k].P3writeFloor).sort((a, b) => b - a)[0];
  if (n === undefined) return null;
  const w = results.sizes[n].P3writeFloor;
  const rows = Object.values(w.rows).reduce((a, b) => a + b, 0);
  const writeMs = (w.seconds * 1000) / n;
  const readMs = 1000 / f.p3floor(n).median;
  return `write floor: the rows a rebuild of the ${L(n)} store writes (${fmt(rows)} rows, ${fmt(w.payloadMB)} MB of item views, ${fmt(w.rows.segments ?? 0)} of them segments, with their indexes) take SQLite alone ${fmt(w.seconds)} s to insert (\`INSERT … SELECT\` into a fresh file, no JavaScript), ${fmt(writeMs)} ms per event: reading the log and writing its read models, with nothing projected, would reach at most ${pct(readMs / (readMs + writeMs))} of the read floor, and the rebuild reaches ${pct(f.p3(n).median / f.p3floor(n).median)} at ${L(n)}`;
}

/** The rows: [target, measure, goal, issue, now, status, why]. `ran(figure)` says whether the run measured it. */
export function targetRows(results, f, ran) {
  const rows = [];
  const add = (target, figure, measure, goal, issue, nowText, v, why) => {
    // Each row says which figure it comes from (`row.figure`), for reports that put runs side by side.
    const row = ran(figure)
      ? [target, measure, goal, issue, nowText, v.status + (v.by ? `, ${v.by}` : ''), v.status === 'met' ? '' : why]
      : [target, measure, goal, issue, `not run (--only ${(results.meta.only ?? []).join(',')})`, '–', ''];
    row.figure = figure;
    rows.push(row);
  };
  const { largest, smallest } = f;
  const diag = results.diagnostics;

  // P1
  {
    const r = f.long.ratio;
    const e = f.long.emmettRatio;
    add('P1', 'P1', `replay of the framework's own stream ÷ QueryBus, p50, frameworks of ${results.long?.eventsPerFramework ?? 2000} events`, '≥ 20×', '5.2× at ~200 events',
      Number.isFinite(r.median) ? `${fmtRatio(r.median)}${spread(r)} (replay ${fmt(f.long.replay.median)} ms vs QueryBus ${fmt(f.long.p50.median)} ms); Emmett \`aggregateStream\` + the same fold: ${fmtRatio(e.median)} (${fmt(f.long.emmett.median)} ms)` : '–',
      verdict(r.median, 20, 'higher'),
      `reading and folding a ${results.long?.eventsPerFramework}-event stream takes ${fmt(f.long.replay.median)} ms, but the QueryBus answer grows with the history too: ${fmt(f.long.p50.median)} ms on these frameworks against ${fmt(f.p1(smallest).median)} ms on the ~200-event frameworks of the ${L(smallest)} store (the read model returns the framework's segments for the day, and each answer is built from them)${Number.isFinite(f.long.readFloor.median) ? `. Read floor: reading the same answers' rows with the read models' own SQL on a plain better-sqlite3 connection and parsing each view, nothing else, takes ${fmt(f.long.readFloor.median)} ms p50 on the replayed questions (the QueryBus ${fmt(f.long.busOnFloorQuestions.median)} ms on those): at that floor the ratio could not pass ${fmtRatio(f.long.replayVsReadFloor.median)}` : ''}`);
    const a = f.p1p99(largest).median;
    const b = f.p1p99(smallest).median;
    add('P1', 'P1', `QueryBus p99 at ${L(largest)} ÷ p99 at ${L(smallest)}`, '≤ 2×', '4.9×',
      largest === smallest ? 'needs two store sizes' : Number.isFinite(a / b) ? `${fmtRatio(a / b)} (${fmt(a)} ms vs ${fmt(b)} ms; p50 ${fmt(f.p1(largest).median)} vs ${fmt(f.p1(smallest).median)} ms)` : '–',
      largest === smallest ? { status: 'not measured', by: '' } : verdict(a / b, 2, 'lower'),
      `the slowest 1 % of questions take ${fmt(a)} ms at ${L(largest)} against ${fmt(b)} ms at ${L(smallest)} while p50 moves from ${fmt(f.p1(smallest).median)} to ${fmt(f.p1(largest).median)} ms: the tail is the read-model query on larger tables (and the machine's load, see the P1 table)`);
  }
  // P2a
  {
    const r = f.httpVsFloor;
    const prof = results.P2?.httpProfiled?.profile;
    const top = prof ? prof.functions.slice(0, 3).map((x) => `${x.name.replace(/ \(native, called by (\S+).*\)$/, ' (native, from $1)')} ${pct(x.share)}`).join('; ') : null;
    const perAppend = prof ? prof.busyMs / (prof.appends ?? results.P2.httpProfiled.appends) : NaN;
    add('P2a', 'P2', 'one writer over HTTP (rate limit off) ÷ raw one-fsync floor', '≥ 50 %', '~4 %',
      Number.isFinite(r.median) ? `${pct(r.median)}${r.runs > 1 ? ` (runs ${pct(r.min)}–${pct(r.max)})` : ''} (${fmt(f.http.median)} vs ${fmt(f.floor.median)} appends/s)` : '–',
      verdict(r.median, 0.5, 'higher'),
      `one HTTP append takes ${fmt(ms(f.http.median))} ms where one fsync'd commit of one row takes ${fmt(ms(f.floor.median))} ms; the same append through the CommandBus without HTTP takes ${fmt(ms(f.single.median))} ms${Number.isFinite(f.bare.median) ? `, and one HTTP round trip alone (a bare POST, same writer) ${fmt(ms(f.bare.median))} ms: an append over HTTP is at least that round trip plus the commit, so with these two floors alone the ratio could not pass ${pct(ms(f.floor.median) / (ms(f.floor.median) + ms(f.bare.median)))} (the append reaches ${pct(f.httpVsBare.median)} of the bare round trip's rate)` : ''}. ${prof ? `In the profiled run the server is busy ${fmt(perAppend)} ms per append (the rest of the time it waits for the writer): ${top} — the synchronous commit of the event store (better-sqlite3 blocks the event loop during its fsync) first` : ''}`);
  }
  // P2b
  {
    const h = f.history;
    const text = (s) => (Number.isFinite(s.median) ? `${pct(s.median)}${s.runs > 1 ? ` (runs ${pct(s.min)}–${pct(s.max)})` : ''}` : '–');
    add('P2b', 'P2', `one writer into frameworks of ${results.long?.eventsPerFramework ?? 2000} events ÷ into fresh frameworks`, '≥ 80 %', '13 % at 200 events',
      `${text(h.longRatio)} (${fmt(h.long.median)} vs ${fmt(h.fresh.median)} appends/s)`, verdict(h.longRatio.median, 0.8, 'higher'),
      `each append into a ${fmt(h.meanHistory)}-event history costs ${fmt(ms(h.long.median))} ms against ${fmt(ms(h.fresh.median))} ms into a fresh framework: what grows with the history is deciding and projecting the event (see the diagnostics)`);
    add('P2b', 'P2', 'same, into the framework holding a fact dated 9999-12-31 (every new fact lands before it)', '≥ 80 %', '–',
      `${text(h.farRatio)} (${fmt(h.far.median)} vs ${fmt(h.fresh.median)} appends/s)`, verdict(h.farRatio.median, 0.8, 'higher'),
      `every new fact lands before the 9999-12-31 one (a milestone: the decider and the projection fold a fact dated after milestones only as one dated last, without refolding): ${fmt(ms(h.far.median))} ms per append against ${fmt(ms(h.fresh.median))} ms and ${fmt(ms(h.long.median))} ms into the other 2,000-event histories`);
  }
  // P2c
  {
    const c = f.concurrentVsSingle;
    const cf = f.concurrentVsFloor;
    const sc = f.storeConcurrentVsSingle;
    const sf = f.storeConcurrentVsFloor;
    const commitShared = `at the store level 64 writers reach ${fmtRatio(sc.median)} one writer and ${fmtRatio(sf.median)} the floor (${fmt(f.storeConcurrent.median)} appends/s): appends share commits`;
    const cpu = `through the command path, once commits are shared, each append still costs ~${fmt(ms(f.concurrent.median))} ms of the one event loop (validate, decide, append, project, answer: the floor of this path), while one writer spends ${fmt(ms(f.single.median))} ms per append, that work plus its own commit (${fmt(ms(f.floor.median))} ms on the floor) and the waits between; the ratio is about (work + commit) ÷ work, so ≥ 5× needs the work per append under a quarter of a commit`;
    add('P2c', 'P2', '64 concurrent writers ÷ one writer, command path', '≥ 5×', '2.52×',
      Number.isFinite(c.median) ? `${fmtRatio(c.median)}${spread(c)} (${fmt(f.concurrent.median)} vs ${fmt(f.single.median)} appends/s)` : '–',
      verdict(c.median, 5, 'higher'), `${commitShared}; ${cpu}`);
    add('P2c', 'P2', '64 concurrent writers ÷ raw one-fsync floor, command path', '≥ 2×', '< 1×',
      Number.isFinite(cf.median) ? `${fmtRatio(cf.median)}${spread(cf)} (${fmt(f.concurrent.median)} vs ${fmt(f.floor.median)})` : '–',
      verdict(cf.median, 2, 'higher'), `${commitShared}; ${cpu}`);
    add('P2c', 'P2', '64 concurrent writers ÷ one writer; ÷ raw floor, store level (the adapter alone)', '≥ 5×; ≥ 2×', '–',
      Number.isFinite(sc.median) ? `${fmtRatio(sc.median)}; ${fmtRatio(sf.median)} (${fmt(f.storeConcurrent.median)} vs ${fmt(f.storeSingle.median)} and ${fmt(f.floor.median)} appends/s)` : '–',
      Number.isFinite(sc.median) && sc.median >= 5 && sf.median >= 2 ? { status: 'met', by: '' } : verdict(Math.min(sc.median / 5, sf.median / 2), 1, 'higher'),
      `the adapter's own work per append inside the shared commit is ~${fmt(ms(f.storeConcurrent.median))} ms`);
  }
  // P3
  {
    const n = largest;
    const rates = results.sizes[n]?.P3 ?? [];
    const floors = results.sizes[n]?.P3floor ?? [];
    const r = f.p3(n).median / f.p3floor(n).median;
    const complete = f.p3Complete(n);
    const rss = Math.max(...rates.map((x) => x.peakRssMB));
    const stall = Math.max(...rates.map((x) => x.maxStallMs));
    const v = verdict(r, 0.5, 'higher');
    const all = [v.status === 'met', rss <= 1024, stall <= 200];
    add('P3', 'P3', `rebuild at ${L(n)} ÷ reading and parsing the same log (floor); peak RSS; longest event-loop stall`, '≥ 50 %; ≤ 1 GB; ≤ 200 ms', '~3 %; –; 9,353 ms',
      rates.length ? `${pct(r)} (${fmt(f.p3(n).median)} vs ${fmt(f.p3floor(n).median)} events/s${complete ? '' : ', rebuild incomplete within the budget'}); ${fmt(rss)} MB; ${fmt(stall)} ms` : '–',
      rates.length && floors.length ? (all.every(Boolean) ? { status: 'met', by: '' } : { status: 'missed', by: `${[!all[0] && `rate ${fmt(0.5 / r)}× short`, !all[1] && 'RSS over', !all[2] && `stall ${fmt(stall / 200)}× over`].filter(Boolean).join('; ')}` }) : { status: 'not measured', by: '' },
      [
        diag?.applyMeanMs !== undefined
          ? `rate: the floor reads and parses an event in ${fmt(1000 / f.p3floor(n).median)} ms; the rebuild spends ${fmt(1000 / f.p3(n).median)} ms per event: with each framework's projection in memory, applying an event costs ${fmt(diag.applyMeanMs)} ms of CPU on average over a ${diag.frameworkEvents}-event history (diagnostics), ${pct(diag.applyEarlierShare)} of it on the events that land before recorded facts (they refold the history); see the P3 profile`
          : null,
        writeFloorText(results, f),
        rss > 1024 ? `RSS: ${fmt(rates[0]?.rssBeforeMB)} MB before, ${fmt(rss)} MB at the peak` : null,
        stall > 200 ? stallText(results, rates, stall) : null,
      ].filter(Boolean).join('. '));
  }
  // P4
  {
    const n = largest;
    const bare = f.p4(n, 'bare').median;
    const text = (route) => {
      const r = f.p4Ratio(n, route);
      return Number.isFinite(r.median) ? `${pct(r.median)} (${fmt(f.p4(n, route).median)} vs ${fmt(bare)} req/s)` : '–';
    };
    const etag = results.sizes[n]?.P4?.etag;
    const nm = f.p4Ratio(n, 'notModified');
    const cost = (route) => fmt(ms(f.p4(n, route).median) - ms(bare));
    add('P4', 'P4', `HTTP state ÷ bare at ${L(n)}: varied (distinct) questions`, '≥ 50 %', '~20–25 %', text('varied'), verdict(f.p4Ratio(n, 'varied').median, 0.5, 'higher'),
      `a distinct question costs the server ~${cost('varied')} ms more than the bare route (1 ÷ req/s, the load generator on the same cores), a cached one ~${cost('cached')} ms: the difference is answering the question. In-process (P1) a random question takes ${fmt(f.p1(n).median)} ms at p50 but ${fmt(f.p1p99(n).median)} ms at p99${Number.isFinite(f.p1mean(n).median) ? ` and ${fmt(f.p1mean(n).median)} ms on average` : ''}: throughput follows the mean, which that tail dominates (the read-model query of the framework's segments for the day, on a ${L(n)}-event read model)`);
    add('P4', 'P4', 'same, cached questions (50 paths, answered from the answer cache)', '≥ 70 %', '41 %', text('cached'), verdict(f.p4Ratio(n, 'cached').median, 0.7, 'higher'),
      `a cached answer still costs ~${cost('cached')} ms more than the bare route: the framework's summary read to key the cache, and sending ~${fmt((results.sizes[n]?.P4?.meanAnswerBytes ?? NaN) / 1024)} KB`);
    add('P4', 'P4', 'same, 304 (If-None-Match on the cached paths)', '≥ 80 %', '–',
      nm.runs ? text('notModified') : etag ? 'not measurable: the state answers carry an ETag but If-None-Match does not get a 304' : 'not measurable yet: the state answers carry no ETag',
      nm.runs ? verdict(nm.median, 0.8, 'higher') : { status: 'not measurable yet', by: '' },
      nm.runs ? `the ETag (${etag?.kind}) is Express's hash of the answer's text: the server still answers (here from the answer cache), serializes and hashes ~${fmt((results.sizes[n]?.P4?.meanAnswerBytes ?? NaN) / 1024)} KB before it can tell the client has it (~${cost('notModified')} ms over the bare route)` : '');
  }
  // P5
  {
    const n = largest;
    const s = f.p5(n).median;
    const list = results.sizes[n]?.P5 ?? [];
    const start = list.length ? list.map((x) => x.rssAfterStartMB).sort((a, b) => a - b)[Math.floor(list.length / 2)] : NaN;
    const served = list.length ? list.map((x) => x.requests).sort((a, b) => a - b)[Math.floor(list.length / 2)] : NaN;
    add('P5', 'P5', `peak RSS serving ${L(n)}`, '≤ 250 MB', '258 MB (23,689 queries in 10 s)',
      Number.isFinite(s) ? `${fmt(s)} MB (${fmt(served)} queries in ${results.meta.plan.p5Seconds} s: the peak depends on how many answers are in flight, so compare at a like rate)` : '–', verdict(s, 250, 'lower'),
      `the process holds ~${fmt(start)} MB once healthy, before any query, and peaks at ${fmt(s)} MB under the query load of the P5 table`);
  }
  // Store level
  {
    const one = f.peerOneRatio('emmett');
    const batched = f.peerBatchRatio('emmett');
    add('store level', 'PEERS', "the service's SQLite adapter ÷ Emmett 0.38.5: one event per append", '≥ 10× (keep)', '11×',
      Number.isFinite(one.median) ? `${fmtRatio(one.median)}${spread(one)} (${fmt(f.peerOne('service').median)} vs ${fmt(f.peerOne('emmett').median)} events/s)` : '–',
      verdict(one.median, 10, 'higher'),
      `one event per append is one fsync for both, and the adapter is at the disk's floor (${fmt(f.peerOne('service').median)} vs ${fmt(f.peerOne('raw').median)} rows/s for raw better-sqlite3, ${fmtRatio(f.peerOneRatio('raw').median)}): the ratio is Emmett's time per append (${fmt(ms(f.peerOne('emmett').median))} ms, a connection opened per append) ÷ one commit on this disk at this load (${fmt(ms(f.peerOne('raw').median))} ms), which the adapter cannot shorten`);
    add('store level', 'PEERS', 'same, batched ×100', '≥ 4×', '2.64×',
      Number.isFinite(batched.median) ? `${fmtRatio(batched.median)}${spread(batched)} (${fmt(f.peerBatch('service').median)} vs ${fmt(f.peerBatch('emmett').median)} events/s)` : '–',
      verdict(batched.median, 4, 'higher'),
      `in appends of 100 events the fsync is shared by both, so the rate is the per-event work: ${fmt(1000 / f.peerBatch('service').median)} ms for the adapter (two SHA-256 links, the insert, the JSON), ${fmt(1000 / f.peerBatch('emmett').median)} ms for Emmett, and ${fmt(1000 / f.peerBatch('raw').median)} ms for the raw insert of the same rows (the floor): ≥ 4× would need the adapter at ${fmt(1000 / f.peerBatch('emmett').median / 4)} ms per event, ${pct((1000 / f.peerBatch('emmett').median / 4) / (1000 / f.peerBatch('raw').median) - 1)} above that floor`);
  }
  return rows;
}
