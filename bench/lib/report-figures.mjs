// The figures the report derives from one run's results: medians over runs, and ratios taken
// run by run between measurements made side by side (their median), so that the machine's load
// of the moment weighs on both sides of each ratio alike.
import { median, summary } from './stats.mjs';

const rate = (r) => (r ? r.events / r.appendSeconds : NaN);

/** The median of per-run ratios a[i] / b[i] (runs where both were measured). */
export function ratioOfRuns(a, b) {
  const values = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (Number.isFinite(a[i]) && Number.isFinite(b[i]) && b[i] !== 0) values.push(a[i] / b[i]);
  }
  return summary(values);
}

export function deriveFigures(results) {
  const sizes = Object.keys(results.sizes).map(Number).sort((a, b) => a - b);
  const S = (n) => results.sizes[n] ?? {};
  const P2 = results.P2;
  const long = results.long;
  const f = { sizes, largest: sizes[sizes.length - 1], smallest: sizes[0] };
  f.p1 = (n) => summary((S(n).P1 ?? []).map((r) => r.p50));
  f.p1mean = (n) => summary((S(n).P1 ?? []).map((r) => r.mean));
  f.p1p99 = (n) => summary((S(n).P1 ?? []).map((r) => r.p99));
  f.replay = (n) => summary((S(n).P1 ?? []).map((r) => r.replay?.p50));
  f.p3 = (n) => summary((S(n).P3 ?? []).map((r) => r.eventsPerSecond));
  f.p3floor = (n) => summary((S(n).P3floor ?? []).map((r) => r.eventsPerSecond));
  f.p3Complete = (n) => (S(n).P3 ?? []).length > 0 && S(n).P3.every((r) => r.complete);
  f.p4 = (n, route) => summary((S(n).P4?.[route] ?? []).map((r) => r.rpsTotal));
  f.p4Ratio = (n, route) => ratioOfRuns((S(n).P4?.[route] ?? []).map((r) => r.rpsTotal), (S(n).P4?.bare ?? []).map((r) => r.rpsTotal));
  f.p5 = (n) => summary((S(n).P5 ?? []).map((r) => r.hwmMB));
  f.p6 = (n) => summary(S(n).P6?.times ?? []);
  // P1 on the long-history store.
  f.long = {
    p50: summary((long?.P1 ?? []).map((r) => r.p50)),
    replay: summary((long?.P1 ?? []).map((r) => r.replay?.p50)),
    emmett: summary((long?.P1 ?? []).map((r) => r.emmett?.p50)),
    ratio: ratioOfRuns((long?.P1 ?? []).map((r) => r.replay?.p50), (long?.P1 ?? []).map((r) => r.p50)),
    emmettRatio: ratioOfRuns((long?.P1 ?? []).map((r) => r.emmett?.p50), (long?.P1 ?? []).map((r) => r.p50)),
    // The read floor (the answer's rows read and parsed, nothing else) and the QueryBus on the same questions.
    readFloor: summary((long?.P1 ?? []).map((r) => r.readFloor?.p50)),
    busOnFloorQuestions: summary((long?.P1 ?? []).map((r) => r.readFloor?.busP50)),
    replayVsReadFloor: ratioOfRuns((long?.P1 ?? []).map((r) => r.replay?.p50), (long?.P1 ?? []).map((r) => r.readFloor?.p50)),
  };
  // P2: every run measured the floor and each mode one after the other.
  const per = (list) => (list ?? []).map((r) => r.perSecond);
  f.floor = summary(per(P2?.floor));
  f.http = summary(per(P2?.http));
  // The HTTP floor: bare POSTs with the same writer, right after each run's appends.
  f.bare = summary((P2?.http ?? []).map((r) => r.bare?.perSecond));
  f.httpVsBare = ratioOfRuns(per(P2?.http), (P2?.http ?? []).map((r) => r.bare?.perSecond));
  f.single = summary(per(P2?.single));
  f.concurrent = summary(per(P2?.concurrent));
  f.storeSingle = summary(per(P2?.storeSingle));
  f.storeConcurrent = summary(per(P2?.storeConcurrent));
  f.httpVsFloor = ratioOfRuns(per(P2?.http), per(P2?.floor));
  f.singleVsFloor = ratioOfRuns(per(P2?.single), per(P2?.floor));
  f.concurrentVsSingle = ratioOfRuns(per(P2?.concurrent), per(P2?.single));
  f.concurrentVsFloor = ratioOfRuns(per(P2?.concurrent), per(P2?.floor));
  f.storeConcurrentVsSingle = ratioOfRuns(per(P2?.storeConcurrent), per(P2?.storeSingle));
  f.storeConcurrentVsFloor = ratioOfRuns(per(P2?.storeConcurrent), per(P2?.floor));
  const hist = P2?.history ?? [];
  f.history = {
    fresh: summary(hist.map((h) => h.fresh.perSecond)),
    long: summary(hist.map((h) => h.history.perSecond)),
    far: summary(hist.map((h) => h.farFuture.perSecond)),
    longRatio: ratioOfRuns(hist.map((h) => h.history.perSecond), hist.map((h) => h.fresh.perSecond)),
    farRatio: ratioOfRuns(hist.map((h) => h.farFuture.perSecond), hist.map((h) => h.fresh.perSecond)),
    meanHistory: hist[0]?.meanHistory,
  };
  // Store level.
  const peers = results.peers;
  f.peerOne = (who) => summary((peers?.one ?? []).map((r) => rate(r[who])));
  f.peerBatch = (who) => summary((peers?.batched ?? []).map((r) => rate(r[who])));
  f.peerOneRatio = (who) => ratioOfRuns((peers?.one ?? []).map((r) => rate(r.service)), (peers?.one ?? []).map((r) => rate(r[who])));
  f.peerBatchRatio = (who) => ratioOfRuns((peers?.batched ?? []).map((r) => rate(r.service)), (peers?.batched ?? []).map((r) => rate(r[who])));
  f.median = median;
  return f;
}
