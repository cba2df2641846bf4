// Synthetic governance histories for the bench: many frameworks, each history valid under the
// domain rules, with a realistic mix (conventions signed and superseded, extensions and renewals,
// parties joining and withdrawing, missions, instruments, bodies, reviews, milestones, source
// conflicts), ~10 % back-dated events, ~3 % corrections and ~1 % retractions.
//
// Deterministic: the same (seed, size) always gives the same events, ids included. The events are
// written through the service's own SQLite event-store adapter (`append` with expected revisions),
// interleaving the frameworks in chunks, with a synthetic clock so that `recordedAt` spreads over
// several years (knownAt questions then have something to tell apart).

import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Prng } from './lib/prng.mjs';

/** Bumped whenever the generated events change: the cache key includes it. */
export const GENERATOR_VERSION = 4;
/** About one framework per this many events. */
export const EVENTS_PER_FRAMEWORK = 200;

const DAY_MS = 86_400_000;
const END_DAY = toDayNumber('2025-12-31');
const RECORDED_FROM = Date.parse('2018-01-01T00:00:00Z');
const RECORDED_SPAN_MS = 6 * 365 * DAY_MS;

function toDayNumber(day) {
  return Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
}
function dayString(n) {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}
function yearOf(n) {
  return new Date(n * DAY_MS).getUTCFullYear();
}
function firstOfYear(y) {
  return Math.floor(Date.UTC(y, 0, 1) / DAY_MS);
}
function lastOfYear(y) {
  return Math.floor(Date.UTC(y, 11, 31) / DAY_MS);
}
function firstOfMonth(n) {
  const d = new Date(n * DAY_MS);
  return Math.floor(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY_MS);
}

export function frameworkIdOf(index) {
  return `bench-${String(index).padStart(5, '0')}`;
}

const COMMUNES = [
  'Marseille', 'Aix-en-Provence', 'Arles', 'Martigues', 'Aubagne', 'Istres', 'Salon-de-Provence', 'Vitrolles',
  'Marignane', 'La Ciotat', 'Miramas', 'Gardanne', 'Les Pennes-Mirabeau', 'Port-de-Bouc', 'Septèmes-les-Vallons',
  'Tarascon', 'Châteaurenard', 'Berre-l’Étang', 'Fos-sur-Mer', 'Rognac', 'Gignac-la-Nerthe', 'Allauch', 'Plan-de-Cuques',
  'Trets', 'Bouc-Bel-Air', 'Cassis', 'Auriol', 'Pertuis', 'Sisteron', 'Manosque',
];
const WORDS = [
  'centres sociaux', 'animation globale', 'accueil des familles', 'jeunesse', 'parentalité', 'insertion',
  'quartiers prioritaires', 'financement', 'évaluation', 'projet social', 'gouvernance', 'partenariat',
  'bénévolat', 'territoire', 'agrément', 'pilotage', 'concertation', 'formation des directeurs',
];

function sentence(rng, min = 6, max = 18) {
  const n = rng.int(min, max);
  const words = [];
  for (let i = 0; i < n; i++) words.push(rng.pick(WORDS));
  const text = words.join(' ');
  return text[0].toUpperCase() + text.slice(1) + '.';
}

function source(rng, fwIndex, doc) {
  const inferred = rng.chance(0.1);
  const src = {
    document: `bench/framework-${fwIndex}/document-${doc}.txt`,
    passage: sentence(rng),
    confidence: inferred ? 'inferred' : 'stated',
  };
  if (inferred) src.note = `Déduit de ${sentence(rng, 3, 8)}`;
  return src;
}

function partyPool(rng, fwIndex) {
  const pool = [
    { id: 'etat', name: 'État', kind: 'state' },
    { id: 'caf', name: `Caisse d'allocations familiales ${fwIndex}`, kind: 'family-allowance-fund' },
    { id: 'region', name: 'Conseil Régional', kind: 'region' },
    { id: 'departement', name: 'Conseil Départemental', kind: 'department' },
    { id: 'fonds-1', name: 'Fonds d’action sociale', kind: 'fund' },
    { id: 'fonds-2', name: 'Fonds d’intégration', kind: 'fund' },
    { id: 'federation', name: 'Fédération des centres sociaux', kind: 'other' },
    { id: 'msa', name: 'Mutualité sociale agricole', kind: 'other' },
  ];
  const communes = rng.int(12, 24);
  const offset = rng.int(0, COMMUNES.length - 1);
  for (let i = 0; i < communes; i++) {
    const name = COMMUNES[(offset + i) % COMMUNES.length];
    pool.push({ id: `commune-${i}`, name: i >= COMMUNES.length ? `${name} ${i}` : name, kind: 'commune' });
  }
  return pool;
}

/** Sorted distinct days in (from, to], `count` of them (fewer only if the span is too short). */
function distinctDays(rng, from, to, count) {
  const span = to - from;
  const set = new Set();
  const n = Math.min(count, span);
  while (set.size < n) set.add(from + rng.int(1, span));
  return [...set].sort((a, b) => a - b);
}

/**
 * Plans one framework's history: the events in recorded order, each `{ body, eventId, backdated }`.
 * Simulates the rules in effective order; back-dated facts are independent creations recorded late.
 */
export function planFramework(seed, fwIndex, nEvents) {
  const rng = new Prng(`${seed}|framework|${fwIndex}`);
  const id = frameworkIdOf(fwIndex);
  let doc = 0;
  const src = () => source(rng, fwIndex, doc++ % 40);
  const pool = partyPool(rng, fwIndex);
  const nRetractions = Math.max(0, Math.round(nEvents * 0.01));
  const nCorrections = Math.max(0, Math.round(nEvents * 0.03));
  const nBase = Math.max(1, nEvents - nRetractions - nCorrections);

  // Establishment: 30 % with year precision.
  const estYear = rng.int(1975, 1995);
  const yearPrecision = rng.chance(0.3);
  const d0 = yearPrecision ? firstOfYear(estYear) : firstOfYear(estYear) + rng.int(0, 360);
  const gen = []; // effective order: { body, eventId, delay, kind, ref }
  gen.push({
    body: {
      type: 'FrameworkEstablished',
      effectiveDate: yearPrecision ? String(estYear) : dayString(d0),
      data: { name: `Convention cadre des centres sociaux n° ${fwIndex}`, description: sentence(rng), territory: `Territoire ${fwIndex}` },
      source: src(),
    },
    eventId: rng.uuid(),
    delay: 0,
  });

  const days = distinctDays(rng, d0, END_DAY, nBase - 1);
  const conventions = [];
  let current = null;
  const endable = { mission: [], instrument: [], body: [] };
  const counters = { convention: 0, mission: 0, instrument: 0, body: 0, review: 0, milestone: 0, conflict: 0 };
  const everBound = new Set();

  /**
   * An effective date for an independent creation: 20 % year, 10 % month precision when allowed —
   * only when the period starts on or after every fact so far, so that a coarse date does not make
   * the fact land before facts already recorded (back-dating is chosen apart, below).
   */
  let lastFirst = d0;
  const creationDate = (d) => {
    const r = rng.next();
    if (r < 0.2 && firstOfYear(yearOf(d)) >= lastFirst) return { edtf: String(yearOf(d)), first: firstOfYear(yearOf(d)) };
    if (r < 0.3 && firstOfMonth(d) >= lastFirst) return { edtf: dayString(d).slice(0, 7), first: firstOfMonth(d) };
    return { edtf: dayString(d), first: d };
  };
  /** ~17 % of independent creations are recorded late (back-dated), some of them much later. */
  const backdateDelay = () => (rng.chance(0.17) ? (rng.chance(0.6) ? rng.int(2, 30) : rng.int(30, 400)) : 0);

  const activeMembers = (c) => [...c.members.entries()].filter(([, active]) => active).map(([pid]) => pid);

  for (const d of days) {
    const c = current;
    const inForce = c !== null && !c.stopped && c.start <= d && d <= c.termEnd;
    const expired = c !== null && (c.stopped || d > c.termEnd);
    const openEndedOld = c !== null && c.termEnd === Infinity && d - c.start > 3 * 365;
    const nearEnd = inForce && c.termEnd !== Infinity && c.termEnd - d <= 365;
    const members = inForce ? activeMembers(c) : [];
    const joinable = inForce ? pool.filter((p) => !c.members.get(p.id)) : [];
    const kind = rng.weighted([
      ['sign', c === null ? 100 : expired ? 40 : openEndedOld ? 4 : nearEnd ? 4 : 0.3],
      ['extend', nearEnd ? 8 : 0],
      ['end', inForce ? 0.15 : 0],
      ['join', joinable.length > 0 ? 10 : 0],
      ['withdraw', members.length >= 3 ? 4 : 0],
      ['mission', 5],
      ['missionEnd', endable.mission.length > 0 ? 3 : 0],
      ['instrument', 7],
      ['instrumentEnd', endable.instrument.length > 0 ? 3 : 0],
      ['body', 4],
      ['bodyEnd', endable.body.length > 0 ? 2 : 0],
      ['review', 12],
      ['milestone', 30],
      ['conflict', conventions.length > 0 ? 1 : 0],
    ]);
    const day = dayString(d);
    let body;
    let delay = 0;
    let ref;
    let first = d;
    switch (kind) {
      case 'sign': {
        const n = ++counters.convention;
        const conventionId = `cc-${n}`;
        const parties = [];
        const want = Math.min(pool.length, rng.int(3, 10));
        const ids = new Set();
        while (parties.length < want) {
          const p = rng.pick(pool);
          if (!ids.has(p.id)) {
            ids.add(p.id);
            parties.push(p);
          }
        }
        let end;
        let termEnd;
        const r = rng.next();
        if (r < 0.1) {
          termEnd = Infinity;
        } else if (r < 0.65) {
          const y = yearOf(d) + rng.int(2, 4);
          end = String(y);
          termEnd = lastOfYear(y);
        } else {
          termEnd = d + rng.int(730, 1460);
          end = dayString(termEnd);
        }
        const supersedes = c !== null && !c.ended ? c.id : undefined;
        const data = { conventionId, name: `Convention cadre ${yearOf(d)}${end ? ` - ${end.slice(0, 4)}` : ''} (${n})`, start: day, parties };
        if (end !== undefined) data.end = end;
        if (supersedes !== undefined) data.supersedes = supersedes;
        body = { type: 'ConventionSigned', effectiveDate: day, data, source: src() };
        if (c !== null) c.stopped = true;
        current = { id: conventionId, start: d, termEnd, stopped: false, ended: false, members: new Map(parties.map((p) => [p.id, true])) };
        conventions.push(current);
        for (const p of parties) everBound.add(p.id);
        ref = { kind: 'convention', name: data.name };
        break;
      }
      case 'extend': {
        let newEnd;
        let last;
        if (rng.chance(0.5)) {
          const y = yearOf(c.termEnd) + rng.int(1, 2);
          newEnd = String(y);
          last = lastOfYear(y);
        } else {
          last = c.termEnd + rng.int(180, 730);
          newEnd = dayString(last);
        }
        c.termEnd = last;
        body = {
          type: rng.chance(0.5) ? 'ConventionExtended' : 'ConventionRenewed',
          effectiveDate: day,
          data: { conventionId: c.id, newEnd },
          source: src(),
        };
        break;
      }
      case 'end': {
        c.stopped = true;
        c.ended = true;
        body = { type: 'ConventionEnded', effectiveDate: day, data: { conventionId: c.id, reason: sentence(rng, 3, 8) }, source: src() };
        break;
      }
      case 'join': {
        const party = rng.pick(joinable);
        c.members.set(party.id, true);
        everBound.add(party.id);
        body = { type: 'PartyJoined', effectiveDate: day, data: { conventionId: c.id, party }, source: src() };
        break;
      }
      case 'withdraw': {
        const partyId = rng.pick(members);
        c.members.set(partyId, false);
        body = { type: 'PartyWithdrew', effectiveDate: day, data: { conventionId: c.id, partyId }, source: src() };
        break;
      }
      case 'mission':
      case 'instrument':
      case 'body': {
        const n = ++counters[kind];
        const itemId = `${kind === 'mission' ? 'm' : kind === 'instrument' ? 'i' : 'b'}-${n}`;
        const date = creationDate(d);
        first = date.first;
        delay = backdateDelay();
        if (kind === 'mission') {
          const domains = ['social', 'accounting', 'financial'].filter(() => rng.chance(0.5));
          body = {
            type: 'SupportMissionLaunched',
            effectiveDate: date.edtf,
            data: { missionId: itemId, name: `Mission d'appui ${n}`, domains: domains.length > 0 ? domains : ['social'], description: sentence(rng) },
            source: src(),
          };
        } else if (kind === 'instrument') {
          const instrumentKind = rng.pick(['procedure', 'framing-note', 'funding-rule', 'website', 'other']);
          const data = { instrumentId: itemId, name: `Instrument ${n}`, kind: instrumentKind, description: sentence(rng) };
          if (instrumentKind === 'funding-rule') data.figures = { ceilingPercent: rng.int(100, 130), ceiling: 'plafond Cnaf', territory: 'CUCS' };
          body = { type: 'InstrumentAdopted', effectiveDate: date.edtf, data, source: src() };
        } else {
          body = {
            type: 'BodyCreated',
            effectiveDate: date.edtf,
            data: { bodyId: itemId, name: `Instance ${n}`, kind: rng.pick(['evaluation', 'territorial-consultation', 'working-group', 'other']), description: sentence(rng) },
            source: src(),
          };
        }
        if (delay === 0) endable[kind].push(itemId);
        break;
      }
      case 'missionEnd':
      case 'instrumentEnd':
      case 'bodyEnd': {
        const what = kind.slice(0, -3);
        const list = endable[what];
        const itemId = list.splice(rng.int(0, list.length - 1), 1)[0];
        const type = what === 'mission' ? 'SupportMissionEnded' : what === 'instrument' ? 'InstrumentRepealed' : 'BodyDissolved';
        const key = what === 'mission' ? 'missionId' : what === 'instrument' ? 'instrumentId' : 'bodyId';
        body = { type, effectiveDate: day, data: { [key]: itemId }, source: src() };
        break;
      }
      case 'review': {
        const n = ++counters.review;
        const date = creationDate(d);
        first = date.first;
        delay = backdateDelay();
        const name = `Bilan ${n}`;
        body = {
          type: 'ReviewConducted',
          effectiveDate: date.edtf,
          data: { reviewId: `r-${n}`, name, findings: [sentence(rng), sentence(rng)], conductedBy: `Cabinet ${rng.int(1, 9)}` },
          source: src(),
        };
        ref = { kind: 'review', name };
        break;
      }
      case 'milestone': {
        const n = ++counters.milestone;
        const date = creationDate(d);
        first = date.first;
        delay = backdateDelay();
        const name = `Jalon ${n}`;
        body = { type: 'MilestoneNoted', effectiveDate: date.edtf, data: { milestoneId: `ms-${n}`, name, description: sentence(rng) }, source: src() };
        ref = { kind: 'milestone', name };
        break;
      }
      case 'conflict': {
        const n = ++counters.conflict;
        const about = [{ kind: 'convention', id: rng.pick(conventions).id }];
        if (everBound.size > 0 && rng.chance(0.5)) about.push({ kind: 'party', id: rng.pick([...everBound]) });
        body = {
          type: 'SourceConflictNoted',
          effectiveDate: day,
          data: {
            conflictId: `sc-${n}`,
            subject: sentence(rng, 3, 8),
            about,
            accounts: [
              { claim: sentence(rng, 3, 6), passage: sentence(rng) },
              { claim: sentence(rng, 3, 6), passage: sentence(rng) },
            ],
            resolution: sentence(rng, 4, 10),
          },
          source: src(),
        };
        break;
      }
      default:
        throw new Error(`generator: no event kind chosen on ${day}`);
    }
    if (delay === 0 && first > lastFirst) lastFirst = first;
    gen.push({ body, eventId: rng.uuid(), delay, ref, day: d, first });
  }

  // Recorded order: back-dated facts move `delay` places later (keeping their effective dates).
  const keyed = gen.map((g, i) => ({ g, key: g.delay > 0 ? Math.min(i + g.delay, gen.length) + 0.5 : i }));
  keyed.sort((a, b) => a.key - b.key);
  const recorded = keyed.map(({ g }) => ({ body: g.body, eventId: g.eventId, backdated: g.delay > 0, ref: g.ref, day: g.day ?? d0, first: g.first ?? d0 }));

  // Corrections and retractions: inserted after their target, in the later 80 % of the history.
  const inserts = [];
  const corrected = new Set();
  const retracted = new Set();
  const planInsert = (type) => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const at = rng.int(Math.floor(recorded.length * 0.2), recorded.length);
      const candidates = [];
      for (let i = 1; i < at; i++) {
        const r = recorded[i];
        if (!r.ref || retracted.has(r.eventId)) continue;
        if (type === 'FactRetracted' && (r.ref.kind === 'convention' || corrected.has(r.eventId))) continue;
        candidates.push(r);
      }
      if (candidates.length === 0) continue;
      const target = rng.pick(candidates);
      let maxDay = d0;
      for (let i = 0; i < at; i++) if (recorded[i].day > maxDay) maxDay = recorded[i].day;
      let data;
      if (type === 'FactRetracted') {
        retracted.add(target.eventId);
        data = { eventId: target.eventId, reason: `Retiré : ${sentence(rng, 3, 8)}` };
      } else {
        corrected.add(target.eventId);
        data = { eventId: target.eventId, reason: `Erratum : ${sentence(rng, 3, 8)}` };
        if (target.ref.kind === 'convention') data.data = { name: `${target.ref.name} (intitulé corrigé)` };
        else if (rng.chance(0.5)) data.data = { name: `${target.ref.name} (corrigé)` };
        else data.effectiveDate = dayString(Math.min(END_DAY, Math.max(d0 + 1, target.day + rng.int(-400, 400))));
      }
      inserts.push({ at, event: { body: { type, effectiveDate: dayString(maxDay), data, source: src() }, eventId: rng.uuid(), backdated: false } });
      return;
    }
  };
  for (let i = 0; i < nCorrections; i++) planInsert('FactCorrected');
  for (let i = 0; i < nRetractions; i++) planInsert('FactRetracted');
  inserts.sort((a, b) => a.at - b.at);
  const events = [];
  let next = 0;
  for (let i = 0; i <= recorded.length; i++) {
    while (next < inserts.length && inserts[next].at === i) events.push(inserts[next++].event);
    if (i < recorded.length) events.push({ body: recorded[i].body, eventId: recorded[i].eventId, backdated: recorded[i].backdated, first: recorded[i].first });
  }
  // Back-dated in the fold's sense: the fact's first day is before a fact recorded earlier.
  let maxFirst = -Infinity;
  for (const e of events) {
    if (e.first === undefined) continue;
    e.landsEarlier = e.first < maxFirst;
    if (e.first > maxFirst) maxFirst = e.first;
  }
  return { id, index: fwIndex, d0: dayString(d0), events };
}

/**
 * Checks a planned history with the domain core: the whole history folded with every rule
 * (`buildCheckedTimeline`), and, when `stepwise`, each event through `decide` against the
 * history recorded before it (as the write path does). Throws on the first refusal.
 */
export function verifyFramework(domain, plan, stepwise) {
  const { decide, evolve, initialHistory, knownFacts, buildCheckedTimeline } = domain;
  const recordedEvents = plan.events.map((e, i) => ({
    ...e.body,
    eventId: e.eventId,
    frameworkId: plan.id,
    revision: i,
    position: i + 1,
    recordedAt: new Date(RECORDED_FROM + i * 1000).toISOString(),
    recordedBy: 'bench-generator',
  }));
  const { violation } = buildCheckedTimeline(knownFacts(recordedEvents).facts);
  if (violation) {
    const bad = recordedEvents.find((e) => e.eventId === violation.eventId);
    throw new Error(`generator bug: framework ${plan.id}: ${violation.rule}: ${violation.message} (${JSON.stringify(bad)})`);
  }
  if (!stepwise) return;
  let history = initialHistory(plan.id);
  for (const event of recordedEvents) {
    const { eventId, frameworkId, revision, position, recordedAt, recordedBy, ...body } = event;
    const decision = decide({ type: history.events.length === 0 ? 'EstablishFramework' : 'RecordEvent', event: body }, history);
    if (!decision.ok) {
      throw new Error(`generator bug: framework ${plan.id} event ${revision} ${body.type}: ${decision.refusal.rule}: ${decision.refusal.message}`);
    }
    history = evolve(history, event);
  }
}

/** Event counts of every framework: ~EVENTS_PER_FRAMEWORK each (100..300), adding up to `total`. */
function frameworkSizes(seed, total) {
  const rng = new Prng(`${seed}|sizes|${total}`);
  const n = Math.max(1, Math.round(total / EVENTS_PER_FRAMEWORK));
  const sizes = [];
  for (let i = 0; i < n; i++) sizes.push(rng.int(100, 300));
  const sum = sizes.reduce((a, b) => a + b, 0);
  let assigned = 0;
  for (let i = 0; i < n; i++) {
    sizes[i] = i === n - 1 ? total - assigned : Math.max(2, Math.round((sizes[i] * total) / sum));
    assigned += sizes[i];
  }
  if (sizes[n - 1] < 2) throw new Error(`cannot split ${total} events over ${n} frameworks`);
  return sizes;
}

/** `count` frameworks of exactly `size` events each. */
function fixedSizes(count, size) {
  return Array.from({ length: count }, () => size);
}

/**
 * Generates (or reuses from `cacheRoot`) a data dir holding `events.db` with `total` events.
 * Returns `{ dir, manifest }`; `manifest.frameworks` lists `{ id, d0, events }`.
 * With `eventsPerFramework`, every framework has exactly that many events (`total` a multiple of it).
 */
export async function generatedStore({ cacheRoot, total, seed, service, cacheKey = '', eventsPerFramework = null, log = () => {} }) {
  const safe = `${seed}${cacheKey ? `-${cacheKey}` : ''}`.replace(/[^\w.-]+/g, '_');
  const shape = eventsPerFramework ? `-fw${eventsPerFramework}` : '';
  const dir = join(cacheRoot, `gen-v${GENERATOR_VERSION}-${safe}-${total}${shape}`);
  const manifestFile = join(dir, 'manifest.json');
  if (existsSync(manifestFile) && existsSync(join(dir, 'events.db'))) {
    return { dir, manifest: JSON.parse(readFileSync(manifestFile, 'utf8')), cached: true };
  }
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const started = performance.now();
  const { SqliteEventStore, streamIdOf, toNewEvent, domain } = service;
  const sizes = eventsPerFramework ? fixedSizes(Math.max(1, Math.round(total / eventsPerFramework)), eventsPerFramework) : frameworkSizes(seed, total);
  const expectedAppends = Math.ceil(total / 20);
  const clock = { t: RECORDED_FROM, step: RECORDED_SPAN_MS / expectedAppends };
  const store = SqliteEventStore.open(join(tmp, 'events.db'), { now: () => new Date(clock.t) });
  // Generation only: the files are a cache, not an acknowledged write. Reach the adapter's
  // connection (private field) to skip fsyncs; the service's own settings apply to every run.
  const db = store.db;
  const fastWrites = typeof db?.pragma === 'function';
  if (fastWrites) db.pragma('synchronous = OFF');
  const rng = new Prng(`${seed}|interleave|${total}`);
  const stats = { types: {}, backdated: 0, verifiedWhole: 0, verifiedStepwise: 0, appends: 0 };
  const frameworks = [];
  const GROUP = 50;
  let written = 0;
  let lastLog = performance.now();
  for (let g = 0; g < sizes.length; g += GROUP) {
    const plans = [];
    for (let i = g; i < Math.min(sizes.length, g + GROUP); i++) {
      const plan = planFramework(seed, i, sizes[i]);
      // The domain's checks are costly (EDTF parsing dominates): the whole history of every
      // framework up to 500 frameworks, then every 10th; event by event through `decide` for
      // framework 0 and every 1000th.
      const stepwise = i % 1000 === 0;
      const whole = sizes.length <= 500 || i % 10 === 0;
      if (whole || stepwise) verifyFramework(domain, plan, stepwise);
      if (whole || stepwise) stats.verifiedWhole++;
      if (stepwise) stats.verifiedStepwise++;
      for (const e of plan.events) {
        stats.types[e.body.type] = (stats.types[e.body.type] ?? 0) + 1;
        if (e.backdated) stats.backdated++;
        if (e.landsEarlier) stats.landsEarlier = (stats.landsEarlier ?? 0) + 1;
      }
      frameworks.push({ id: plan.id, d0: plan.d0, events: plan.events.length });
      plans.push({ plan, next: 0 });
    }
    // Interleave: append a chunk (1..40 events) of a random framework of the group at a time.
    let open = plans.slice();
    while (open.length > 0) {
      const k = rng.int(0, open.length - 1);
      const p = open[k];
      const size = rng.int(1, 40);
      const chunk = p.plan.events.slice(p.next, p.next + size);
      const metadata = { actor: 'bench-generator' };
      clock.t += Math.round(clock.step * (0.5 + rng.next()));
      await store.append(
        streamIdOf(p.plan.id),
        chunk.map((e) => toNewEvent(e.body, e.eventId, metadata)),
        p.next === 0 ? 'no_stream' : p.next - 1,
      );
      stats.appends++;
      p.next += chunk.length;
      written += chunk.length;
      if (p.next >= p.plan.events.length) open.splice(k, 1);
    }
    if (performance.now() - lastLog > 10_000) {
      log(`  generated ${written}/${total} events`);
      lastLog = performance.now();
    }
  }
  if (fastWrites) db.pragma('wal_checkpoint(TRUNCATE)');
  await store.close();
  const manifest = {
    generatorVersion: GENERATOR_VERSION,
    seed,
    events: written,
    frameworkCount: frameworks.length,
    recordedFrom: new Date(RECORDED_FROM).toISOString(),
    recordedTo: new Date(clock.t).toISOString(),
    seconds: (performance.now() - started) / 1000,
    fsyncSkippedDuringGeneration: fastWrites,
    ...stats,
    frameworks,
  };
  writeFileSync(join(tmp, 'manifest.json'), JSON.stringify(manifest));
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return { dir, manifest, cached: false };
}
