// Sections of the report: data sets, P2 and the store level (with the P2a profile), P3 (with its
// profile), P5/P6. Each returns its lines.
import { fmt, fmtRatio, fmtSummary, loadText, sizeLabel as L, summary, table } from './stats.mjs';

const pct = (x) => (Number.isFinite(x) ? `${fmt(x * 100)} %` : '–');

/** Top functions (self time) and areas of a profile summary, as two tables. */
export function profileTable(profile) {
  if (!profile) return ['(no profile in this run)'];
  return [
    `Sampled ${fmt(profile.totalMs)} ms, of which ${fmt(profile.busyMs)} ms busy (the rest idle: the event loop waiting for the client or the disk). Shares are of the busy time; self time, i.e. in the function itself, not its callees.`,
    '',
    table(['where (area)', 'self ms', 'share'], profile.areas.map((a) => [a.name, fmt(a.ms), pct(a.share)])),
    '',
    table(['function (top, self time)', 'self ms', 'share'], profile.functions.map((x) => [`\`${x.name}\``, fmt(x.ms), pct(x.share)])),
  ];
}

export function dataSetsSection(results, f) {
  const lines = ['## Data sets', ''];
  lines.push('Synthetic histories from `bench/generator.mjs` (seeded, deterministic): about one framework per 200 events (100–300 each), each a valid history under the domain rules — conventions signed and superseded, extensions and renewals, parties joining and withdrawing, support missions, instruments, bodies, reviews, milestones and source conflicts, with back-dated facts (recorded after facts dated later), corrections (`FactCorrected`) and retractions (`FactRetracted`). Events are written through the service\'s SQLite event-store adapter (`append` with expected revisions), frameworks interleaved in chunks of 1–40 events, with a synthetic clock spreading `recordedAt` over six years so that `knownAt` questions differ. Validity is checked with the domain core: every framework\'s whole history folded with all rules (`buildCheckedTimeline`; every 10th framework above 500 frameworks), and event by event through `decide` for framework 0 and every 1000th. The long-history store (P1\'s ratio, P2b) has frameworks of exactly 2,000 events, generated the same way.');
  lines.push('');
  const rows = f.sizes.map((n) => [L(n), results.sizes[n].generation]);
  if (results.long) rows.push([`${results.long.generation.frameworks} × ${results.long.eventsPerFramework}`, results.long.generation]);
  lines.push(table(
    ['store', 'events', 'frameworks', 'appends', 'back-dated (recorded late)', 'landing before a recorded fact', 'corrections', 'retractions', 'checked whole / event by event', 'generation'],
    rows.map(([label, g]) => [
      label,
      g.events.toLocaleString('en-US'),
      g.frameworks,
      g.appends.toLocaleString('en-US'),
      pct(g.backdated / g.events),
      g.landsEarlier === undefined ? '–' : pct(g.landsEarlier / g.events),
      pct((g.types.FactCorrected ?? 0) / g.events),
      pct((g.types.FactRetracted ?? 0) / g.events),
      `${g.verifiedWhole} / ${g.verifiedStepwise}`,
      g.cached ? 'cached' : `${fmt(g.seconds)} s`,
    ]),
  ));
  lines.push('');
  const types = results.sizes[f.largest]?.generation?.types ?? {};
  const total = results.sizes[f.largest]?.generation?.events;
  lines.push(`Event mix at ${L(f.largest)}: ${Object.entries(types).sort((a, b) => b[1] - a[1]).map(([t, c]) => `${t} ${pct(c / total)}`).join(', ')}.`, '');
  return lines;
}

export function p2Section(results, f, ran) {
  const lines = [];
  const P2 = results.P2;
  const plan = results.meta.plan;
  if (ran('P2') && P2) {
    lines.push('## P2 — durable appends', '');
    lines.push(`Every run measures, one right after the other: the **raw floor** — better-sqlite3 inserting ${plan.floorRows.toLocaleString('en-US')} rows of the ${L(P2.plan.floorSource)} store into a table of the same shape, one IMMEDIATE transaction (one fsync: WAL, synchronous=FULL) per row; **P2a** — the app listening on 127.0.0.1 with WRITE_RATE_LIMIT=0 and one writer in a child process POSTing \`/api/frameworks/:id/events\` (a MilestoneNoted) ${plan.p2HttpAppends} times on one kept-alive connection (node:http), awaiting each 201, round-robin over 64 frameworks, then the same bodies as many times to a bare route of the same app (\`POST /bench/bare\`, answered 201 without any work: the **HTTP floor**, one round trip with the same client); **1 writer / 64 writers, command path** — \`CommandBus.execute(RecordEventsCommand)\` (validated body, decide, append, wait for the projection: read-your-writes) ${plan.p2Appends} times on a fresh DATA_DIR, one writer awaiting each or 64 at once (each its own framework); **1 writer / 64 writers, store level** — the service's SQLite adapter alone, \`append\` of one event (the events of the floor) awaiting each, one writer or 64 at once (each its own stream). Every app is warmed up with ${plan.p2Warmup} appends into other frameworks first. Each acknowledged append is on disk (WAL, synchronous=FULL).`);
    lines.push('');
    const row = (name, list, vsSingle, vsFloor) => [name, fmtSummary(summary(list.map((r) => r.perSecond))), fmt(1000 / summary(list.map((r) => r.perSecond)).median), vsSingle, vsFloor, loadText(list)];
    lines.push(table(['mode', 'appends/s', 'ms per append', '÷ one writer (same path)', '÷ raw floor', 'load'], [
      row('raw floor (better-sqlite3, one fsync per row)', P2.floor, '', '1×'),
      row('P2a: 1 writer over HTTP', P2.http, '', pct(f.httpVsFloor.median)),
      row('HTTP floor: bare POST, same writer', P2.http.filter((r) => r.bare).map((r) => r.bare), '', pct(summary(P2.http.map((r, i) => r.bare?.perSecond / P2.floor[i]?.perSecond)).median)),
      row('1 writer, command path', P2.single, '1×', pct(f.singleVsFloor.median)),
      row('P2c: 64 writers, command path', P2.concurrent, fmtRatio(f.concurrentVsSingle.median), fmtRatio(f.concurrentVsFloor.median)),
      row('1 writer, store level', P2.storeSingle, '1×', pct(summary(P2.storeSingle.map((r, i) => r.perSecond / P2.floor[i]?.perSecond)).median)),
      row('P2c: 64 writers, store level', P2.storeConcurrent, fmtRatio(f.storeConcurrentVsSingle.median), fmtRatio(f.storeConcurrentVsFloor.median)),
    ]));
    const np = [...P2.single, ...P2.concurrent].reduce((s, r) => s + r.notProjected, 0);
    if (np) lines.push('', `${np} appends answered before their projection (the 5 s read-your-writes wait ran out).`);
    lines.push('');
    if (P2.history.length) {
      const h = f.history;
      lines.push(`**P2b** — one writer through the command path, ${plan.p2HistoryAppends} appends (after 10 of warm-up) into: fresh frameworks (a new DATA_DIR, ${results.long.generation.frameworks} frameworks); the frameworks of the long-history store (~${fmt(h.meanHistory)} events each, read models projected), dated after their last fact; one of them after a MilestoneNoted dated 9999-12-31 was recorded in it (so every new fact lands before a recorded one).`);
      lines.push('');
      const hl = P2.history;
      lines.push(table(['into', 'appends/s', 'ms per append', '÷ fresh (run by run)', 'load'], [
        ['fresh frameworks', fmtSummary(h.fresh), fmt(1000 / h.fresh.median), '1×', loadText(hl)],
        [`frameworks of ${results.long.eventsPerFramework} events`, fmtSummary(h.long), fmt(1000 / h.long.median), pct(h.longRatio.median), ''],
        ['the framework with a fact dated 9999-12-31', fmtSummary(h.far), fmt(1000 / h.far.median), pct(h.farRatio.median), ''],
      ]));
      lines.push('');
    }
    const prof = P2.httpProfiled;
    if (prof?.profile) {
      lines.push('### Where an HTTP append\'s time goes (CPU profile of P2a)', '');
      lines.push(`An extra P2a run (${fmt(prof.perSecond)} appends/s, load ${loadText([prof])}), the server's process profiled by V8's sampling profiler (the one \`node --cpu-prof\` starts; here started and stopped around the timed appends through \`node:inspector\`, 250 µs samples). The writer is another process and is not in the profile.`);
      lines.push('', ...profileTable(prof.profile), '');
    }
  }
  if (ran('PEERS') && results.peers) {
    const pr = results.peers;
    const d = (who) => pr.one[0]?.[who]?.durability;
    lines.push('## Store level — the service\'s adapter, Emmett, raw better-sqlite3', '');
    lines.push(`The first ${pr.count.toLocaleString('en-US')} events of the ${L(pr.source)} store (recorded order), appended into an empty store one event per append, then in appends of up to ${pr.batch} consecutive events of one stream; then read back stream by stream and through the global log (pages of 1000). Service: \`SqliteEventStore.append\` with expected revisions (better-sqlite3). Emmett: \`@event-driven-io/emmett-sqlite\` 0.38.5 \`getSQLiteEventStore(...).appendToStream\` (sqlite3 driver 5.1.7; Emmett opens a connection per operation and checks no expected version here), \`readStream\`, \`readMessagesBatch\`. Raw: better-sqlite3 inserting the same rows into a table of the same shape, one IMMEDIATE transaction per append. One writer awaiting each append throughout (concurrent appends: P2c above).`);
    lines.push('');
    lines.push(`Durability as run — service: journal ${d('service')?.journalMode ?? '–'}, synchronous ${d('service')?.synchronous ?? '–'}; Emmett: journal ${d('emmett')?.journalMode ?? '–'} (set by Emmett), synchronous ${d('emmett')?.synchronous ?? '–'} (the build's default, read back with PRAGMA), SQLite ${d('emmett')?.sqliteVersion ?? '–'}; raw: journal ${d('raw')?.journalMode ?? '–'}, synchronous ${d('raw')?.synchronous ?? '–'}. All three fsync each commit.`);
    lines.push('');
    const retries = [...pr.one, ...pr.batched].reduce((s, r) => s + (r.emmett?.retries ?? 0), 0);
    if (retries) lines.push(`Emmett failed ${retries} of its appends in this run with SQLITE_BUSY ("cannot commit transaction - SQL statements in progress", from its sqlite3 driver); nothing was committed by those, and each was tried again, its time kept in the figure.`, '');
    const readRate = (list, who, key) => summary(list.map((r) => r[who].events / r[who][key]));
    lines.push(table(
      ['store', 'one event per append (events/s)', `batched ×${pr.batch} (events/s)`, 'read by stream (events/s)', 'read global log (events/s)', 'service ÷ this, run by run (one / batched)', 'load'],
      ['service', 'emmett', 'raw'].map((who) => [
        who === 'service' ? 'service adapter' : who === 'emmett' ? 'Emmett 0.38.5' : 'raw better-sqlite3 (floor)',
        fmtSummary(f.peerOne(who)),
        fmtSummary(f.peerBatch(who)),
        fmtSummary(readRate(pr.one, who, 'readStreamsSeconds')),
        fmtSummary(readRate(pr.one, who, 'readAllSeconds')),
        who === 'service' ? '1×' : `${fmtRatio(f.peerOneRatio(who).median)} / ${fmtRatio(f.peerBatchRatio(who).median)}`,
        who === 'service' ? loadText([...pr.one, ...pr.batched]) : '',
      ]),
    ));
    lines.push('');
  }
  return lines;
}

export function p3Section(results, f) {
  const lines = ['## P3 — projection rebuild', ''];
  lines.push('`app.get(ProjectionRunner).rebuild()` on a copy of the store (read models dropped, the whole log projected again); events/s = events projected ÷ seconds from the call to its resolution. A rebuild still running at the budget is stopped and reported as partial, with the rate over the part done. The floor, measured right before each rebuild: the same log read through the service\'s adapter (`readAll`, pages of 1000, JSON parsed) and mapped to the domain\'s recorded events, nothing projected nor written. The rebuild runs in a worker thread of the service (`rebuild.worker.ts`: it opens the stores again from the configuration and projects the log with `log-replay.ts`), the app\'s thread relaying its progress. Peak RSS: this process (both threads), sampled every 100 ms during the rebuild (its RSS before is given). Longest stall: the longest the app\'s event loop went without a turn (an app serving HTTP meanwhile would not answer for that long). Write floor (up to 100k events): the rows of the rebuilt read models inserted by SQLite alone into a fresh file with the same schema and indexes (`INSERT … SELECT`, WAL, synchronous=NORMAL), right after the first complete rebuild.');
  lines.push('');
  const sizes = f.sizes.filter((n) => results.sizes[n].P3?.length);
  lines.push(table(['events', 'events/s', 'floor events/s', 'rebuild ÷ floor', 'seconds', 'complete', 'RSS before → peak (MB)', 'longest stall (ms)', 'load'], sizes.map((n) => {
    const list = results.sizes[n].P3;
    return [
      L(n),
      fmtSummary(f.p3(n)),
      fmtSummary(f.p3floor(n)),
      pct(f.p3(n).median / f.p3floor(n).median),
      fmtSummary(summary(list.map((r) => r.seconds))),
      list.map((r) => (r.complete ? 'yes' : `no (${r.events.toLocaleString('en-US')} of ${n.toLocaleString('en-US')})`)).join(', '),
      `${fmt(list[0].rssBeforeMB)} → ${fmt(Math.max(...list.map((r) => r.peakRssMB)))}`,
      fmtSummary(summary(list.map((r) => r.maxStallMs))),
      loadText([...list, ...(results.sizes[n].P3floor ?? [])]),
    ];
  })));
  lines.push('');
  const floors = sizes.filter((n) => results.sizes[n].P3writeFloor);
  if (floors.length) {
    lines.push(table(['events', 'write floor (s)', 'rows written', 'segments', 'MB of item views', 'write floor ms per event', 'load'], floors.map((n) => {
      const w = results.sizes[n].P3writeFloor;
      return [L(n), fmt(w.seconds), fmt(Object.values(w.rows).reduce((a, b) => a + b, 0)), fmt(w.rows.segments ?? 0), fmt(w.payloadMB), fmt((w.seconds * 1000) / n), loadText([w])];
    })));
    lines.push('');
  }
  const profiled = sizes.map((n) => [n, results.sizes[n].P3profiled]).find(([, r]) => r?.profile);
  if (profiled) {
    const p = profiled[1];
    lines.push(`### Where a rebuild's time goes (CPU profile of P3 at ${L(profiled[0])})`, '');
    lines.push(`An extra rebuild of the ${L(profiled[0])} store (${fmt(p.eventsPerSecond)} events/s, ${fmt(p.seconds)} s, longest stall ${fmt(p.maxStallMs)} ms, load ${loadText([p])}), profiled by V8's sampling profiler (10 ms samples) from the call to its resolution. The service rebuilds in a worker thread (the figures above) and the profiler samples one thread: this run makes the very same replay (\`log-replay.ts\`) on the calling thread, so its stall is what the worker keeps off the server's event loop.`);
    lines.push('', ...profileTable(profiled[1].profile), '');
  }
  return lines;
}

export function processSection(results, f, ran) {
  const lines = ['## P5 — peak RSS serving the store; P6 — start to healthy', ''];
  lines.push('`node dist/main.js` as a child process on the store (SEED=false), a fixed free port. P5: after /health answers 200, autocannon sends state queries (50 cycled paths) for a few seconds; peak RSS is `VmHWM` from `/proc/<pid>/status` at the end. P6: milliseconds from spawn to the first 200 on `/health` (polled every 10 ms), several starts; "empty" is a new empty DATA_DIR with SEED=false.');
  lines.push('');
  const rows = f.sizes.map((n) => {
    const e = results.sizes[n];
    return [
      L(n),
      ran('P5') ? fmtSummary(f.p5(n)) : '–',
      e.P5?.length ? fmtSummary(summary(e.P5.map((r) => r.rssAfterStartMB))) : '–',
      e.P5?.length ? fmtSummary(summary(e.P5.map((r) => r.requests))) : '–',
      ran('P6') ? fmtSummary(f.p6(n)) : '–',
      e.complete ? 'complete' : `incomplete (${(e.reached ?? 0).toLocaleString('en-US')} of ${n.toLocaleString('en-US')}): the server was projecting`,
      loadText([...(e.P5 ?? []), e.P6].filter(Boolean)),
    ];
  });
  if (ran('P6')) rows.push(['empty', '–', '–', '–', fmtSummary(summary(results.P6empty?.times ?? [])), '–', loadText([results.P6empty].filter(Boolean))]);
  lines.push(table(['store', 'P5 peak RSS (MB)', 'RSS once healthy (MB)', 'P5 requests served', 'P6 start → healthy (ms)', 'read models at start', 'load'], rows));
  lines.push('');
  return lines;
}
