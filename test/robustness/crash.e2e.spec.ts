import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueryBus } from '@nestjs/cqrs';
import { canonicalJson } from '../../src/modules/frameworks/commands/import-events/import-plan.js';
import type { StoredEvent } from '../../src/infrastructure/event-store/event-store.port.js';
import { frameworkIdOf, streamIdOf, toRecordedEvent } from '../../src/infrastructure/event-store/framework-stream.js';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store.adapter.js';
import { ProjectionRunner } from '../../src/infrastructure/projection/projection-runner.js';
import { StateAtDateQuery } from '../../src/modules/frameworks/queries/state-at-date/state-at-date.query.js';
import { childEnv, DEEP, ensureBuilt, pureState, ROOT, startApp, stateLists, wholeLog } from './support.js';

/**
 * Crash test: a child process (crash-writer.mjs, the compiled service) appends from several
 * concurrent writers and reports each acknowledged event; it is killed with SIGKILL at a random
 * moment, ROUNDS times on the same DATA_DIR. After each kill: every acknowledged event is in the
 * log with the same revision and position, none torn (same content as sent) or duplicated,
 * each stream's revisions contiguous, the hash chains intact; requests sent but never
 * acknowledged are retried by the next child with their Idempotency-Key and land exactly once.
 * Every few rounds and at the end, the read models (after the projection catches up) answer
 * what the pure fold of the log says.
 *
 * Bounded: ROUNDS rounds (ROBUSTNESS_DEEP=1: more rounds, more writers, longer runs).
 */

const ROUNDS = DEEP ? 100 : 20;
const WRITERS = DEEP ? 12 : 6;
/** The kill comes this long after the child says it is ready (ms): during the writes. */
const KILL_AFTER = DEEP ? { min: 20, max: 2000 } : { min: 20, max: 600 };
/** Every STARTUP_EVERY-th round is killed before it is ready: during start, retries, projection catch-up. */
const STARTUP_EVERY = 5;
const CONVERGE_EVERY = 5;
const SEED = process.env.CRASH_SEED !== undefined ? Number(process.env.CRASH_SEED) : Date.now() % 2 ** 31;
const CHILD = join(ROOT, 'test/robustness/crash-writer.mjs');
const DATES = ['1995-01-01', '2007-06-30', '2016-06-30', '2019-01-01', '2021-07-14', '2024-12-31', '2030-01-01'];

interface Request {
  key: string;
  frameworkId: string;
  body: { type: string; effectiveDate: string; data: unknown; source: unknown };
  actor: string;
  role: string;
}
interface Ack {
  key: string;
  frameworkId: string;
  eventId: string;
  revision: number;
  position: number;
  recordedAt: string;
  replayed: boolean;
  retry: boolean;
}
interface ChildRun {
  lines: { tag: string; value: any }[];
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
  readyAfterMs: number | null;
}

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Runs the child until it is killed: `killAt` says when — `{ afterReady: ms }` or `{ afterSpawn: ms }`.
 * Bounded: the child ends by itself after MAX_MS, and is killed anyway 60 s after spawn.
 */
function runChild(env: Record<string, string>, killAt: { afterReady: number } | { afterSpawn: number }): Promise<ChildRun> {
  return new Promise((resolvePromise, reject) => {
    const spawnedAt = Date.now();
    const child = spawn(process.execPath, [CHILD], { cwd: ROOT, env: childEnv({ ...env, MAX_MS: '20000' }), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let readyAfterMs: number | null = null;
    const timers: NodeJS.Timeout[] = [];
    const kill = () => child.kill('SIGKILL');
    timers.push(setTimeout(kill, 60_000));
    if ('afterSpawn' in killAt) timers.push(setTimeout(kill, killAt.afterSpawn));
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      if (readyAfterMs === null && /^READY /m.test(stdout)) {
        readyAfterMs = Date.now() - spawnedAt;
        if ('afterReady' in killAt) timers.push(setTimeout(kill, killAt.afterReady));
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      timers.forEach(clearTimeout);
      // A line cut by the kill (no newline yet) was never completely written: not a report.
      const complete = stdout.slice(0, stdout.lastIndexOf('\n') + 1);
      const lines = complete
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => {
          const space = l.indexOf(' ');
          return { tag: l.slice(0, space), value: JSON.parse(l.slice(space + 1)) };
        });
      resolvePromise({ lines, signal, code, stderr, readyAfterMs });
    });
  });
}

const canonicalBody = (b: { type: string; effectiveDate: string; data: unknown; source: unknown }) =>
  canonicalJson({ type: b.type, effectiveDate: b.effectiveDate, data: b.data, source: b.source });

describe(`crash test: ${ROUNDS} rounds of SIGKILL at random moments, ${WRITERS} concurrent writers (seed ${SEED})`, () => {
  let dataDir: string;
  const next = random(SEED);
  /** Every event acknowledged so far, by id. */
  const acked = new Map<string, Ack & { body: string }>();
  /** Requests sent and not acknowledged yet (retried by the next child), by key. */
  const pending = new Map<string, Request>();
  const figures = { rounds: 0, killedDuringWrites: 0, killedDuringStart: 0, acks: 0, checks: 0, retried: 0, retriedFound: 0, unacknowledgedDurable: 0, lost: 0, duplicates: 0, torn: 0, convergenceChecks: 0, stateAnswers: 0 };

  beforeAll(() => {
    ensureBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'governance-crash-'));
    console.log(`crash test: seed ${SEED} (replay the kill times with CRASH_SEED=${SEED}), ${ROUNDS} rounds, ${WRITERS} writers${DEEP ? ' (deep mode)' : ''}`);
  }, 180_000);

  afterAll(() => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    console.log(
      `crash test: ${figures.rounds} rounds (${figures.killedDuringWrites} killed while writing, ${figures.killedDuringStart} while starting); ` +
        `${figures.acks} acknowledged events, each checked after every later kill (${figures.checks} checks); ` +
        `lost ${figures.lost}, duplicated ${figures.duplicates}, torn ${figures.torn}; ` +
        `${figures.retried} unacknowledged requests retried with their Idempotency-Key (${figures.retriedFound} had landed before the kill; each is stored once); ` +
        `${figures.unacknowledgedDurable} events durable without an acknowledgement; ` +
        `read models equal to the pure fold at ${figures.convergenceChecks} checkpoints (${figures.stateAnswers} state answers compared)`,
    );
  });

  /** The log after a kill: everything acknowledged is there, as acknowledged, once. */
  async function checkLog(): Promise<StoredEvent[]> {
    const store = SqliteEventStore.open(join(dataDir, 'events.db'));
    try {
      const log = await wholeLog(store);
      const byId = new Map(log.map((e) => [e.eventId, e]));
      expect(byId.size).toBe(log.length);
      figures.duplicates += log.length - byId.size;

      for (const ack of acked.values()) {
        const stored = byId.get(ack.eventId);
        if (!stored) figures.lost++;
        expect([ack.key, stored ? 'present' : 'lost']).toEqual([ack.key, 'present']);
        const found = { streamId: stored!.streamId, revision: stored!.revision, position: stored!.position, recordedAt: stored!.recordedAt };
        expect([ack.key, found]).toEqual([ack.key, { streamId: streamIdOf(ack.frameworkId), revision: ack.revision, position: ack.position, recordedAt: ack.recordedAt }]);
        const content = canonicalBody({ type: stored!.type, ...(stored!.data as { effectiveDate: string; data: unknown; source: unknown }) });
        if (content !== ack.body) figures.torn++;
        expect([ack.key, content]).toEqual([ack.key, ack.body]);
        figures.checks++;
      }

      // Each stream's revisions contiguous; each idempotency key (per actor) stored once.
      const revisions = new Map<string, number>();
      const keys = new Set<string>();
      for (const e of log) {
        expect([e.eventId, e.revision]).toEqual([e.eventId, (revisions.get(e.streamId) ?? -1) + 1]);
        revisions.set(e.streamId, e.revision);
        const key = e.metadata.idempotencyKey;
        if (typeof key === 'string') {
          const id = `${e.streamId}|${String(e.metadata.actor)}|${key}`;
          expect([id, keys.has(id)]).toEqual([id, false]);
          keys.add(id);
        }
      }
      expect(await store.verify()).toEqual({ ok: true, checked: log.length, chained: true });
      return log;
    } finally {
      await store.close();
    }
  }

  /** The read models, once the projection has caught up, against the pure fold of the log. */
  async function checkConvergence(log: StoredEvent[]): Promise<void> {
    if (log.length === 0) return;
    const running = await startApp(dataDir, { SEED: 'false' });
    try {
      const last = log[log.length - 1].position;
      expect(await running.app.get(ProjectionRunner).waitFor(last, 60_000)).toBe(true);
      const queries = running.app.get(QueryBus);
      for (const frameworkId of new Set(log.map((e) => frameworkIdOf(e.streamId)!))) {
        const events = log.filter((e) => e.streamId === streamIdOf(frameworkId)).map(toRecordedEvent);
        const instants = [undefined, ...[0.1, 0.5, 0.9].map((f) => events[Math.floor(f * (events.length - 1))].recordedAt)];
        for (const knownAt of instants) {
          for (const at of DATES) {
            const answer = await queries.execute(new StateAtDateQuery(frameworkId, at, knownAt));
            expect([frameworkId, at, knownAt, stateLists(answer as unknown as Record<string, unknown>)]).toEqual([frameworkId, at, knownAt, pureState(events, at, knownAt)]);
            figures.stateAnswers++;
          }
        }
      }
      figures.convergenceChecks++;
    } finally {
      await running.close();
    }
  }

  it(
    'keeps every acknowledged event, once and whole, across SIGKILLs; retried keys land once; the read models converge',
    async () => {
      let typicalStartMs = 1000;
      for (let round = 1; round <= ROUNDS; round++) {
        const env: Record<string, string> = { DATA_DIR: dataDir, ROUND: String(round), WRITERS: String(WRITERS) };
        const retrying = [...pending.values()];
        if (retrying.length > 0) {
          const file = join(dataDir, `retry-${round}.json`);
          writeFileSync(file, JSON.stringify(retrying));
          env.RETRY_FILE = file;
        }
        const duringStart = round > 1 && round % STARTUP_EVERY === 0;
        const killAt = duringStart
          ? { afterSpawn: Math.floor(typicalStartMs * (0.4 + 0.7 * next())) }
          : { afterReady: KILL_AFTER.min + Math.floor(next() * (KILL_AFTER.max - KILL_AFTER.min)) };
        const run = await runChild(env, killAt);
        if (run.signal !== 'SIGKILL') throw new Error(`round ${round}: the child ended by itself (code ${run.code}): ${run.stderr}`);
        if (run.readyAfterMs !== null && !duringStart) typicalStartMs = run.readyAfterMs;
        figures.rounds++;
        if (run.readyAfterMs !== null && !duringStart) figures.killedDuringWrites++;
        else figures.killedDuringStart++;

        expect(run.lines.filter((l) => l.tag === 'ERR')).toEqual([]);
        const sent = new Map<string, Request>(retrying.map((r) => [r.key, r]));
        for (const { tag, value } of run.lines) {
          if (tag === 'SEND') {
            sent.set(value.key, value);
            pending.set(value.key, value);
          } else if (tag === 'ACK') {
            const request = sent.get(value.key)!;
            expect(request).toBeDefined();
            if (value.retry) {
              figures.retried++;
              if (value.replayed) figures.retriedFound++;
            }
            pending.delete(value.key);
            const earlier = acked.get(value.eventId);
            // Acknowledged again (a retry of a request whose first answer was lost): the same event.
            const where = ({ eventId, revision, position, recordedAt, frameworkId }: Ack) => ({ eventId, revision, position, recordedAt, frameworkId });
            if (earlier) expect(where(value)).toEqual(where(earlier));
            else figures.acks++;
            acked.set(value.eventId, { ...value, body: canonicalBody(request.body) });
          }
        }

        const log = await checkLog();
        const unacknowledged = log.filter((e) => !acked.has(e.eventId) && typeof e.metadata.idempotencyKey === 'string' && String(e.metadata.idempotencyKey).startsWith(`k-${round}-`));
        figures.unacknowledgedDurable += unacknowledged.length;
        if (round % CONVERGE_EVERY === 0 || round === ROUNDS) await checkConvergence(log);
      }

      // The requests still unacknowledged at the end: one last child retries them, then the log is checked again.
      if (pending.size > 0) {
        const file = join(dataDir, 'retry-final.json');
        writeFileSync(file, JSON.stringify([...pending.values()]));
        const run = await runChild({ DATA_DIR: dataDir, ROUND: String(ROUNDS + 1), WRITERS: '0', RETRY_FILE: file }, { afterReady: 0 });
        for (const { tag, value } of run.lines) {
          if (tag !== 'ACK') continue;
          figures.retried++;
          if (value.replayed) figures.retriedFound++;
          const request = pending.get(value.key)!;
          pending.delete(value.key);
          if (!acked.has(value.eventId)) figures.acks++;
          acked.set(value.eventId, { ...value, body: canonicalBody(request.body) });
        }
        expect(pending.size).toBe(0);
        await checkLog();
      }

      expect(figures.lost + figures.duplicates + figures.torn).toBe(0);
      expect(figures.acks).toBeGreaterThan(ROUNDS);
      expect(figures.killedDuringWrites).toBeGreaterThan(0);
    },
    DEEP ? 3_600_000 : 240_000,
  );
});
