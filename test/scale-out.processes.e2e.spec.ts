import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { frameworkIdOf } from '../src/infrastructure/event-store/framework-stream.js';
import { SqliteEventStore } from '../src/infrastructure/event-store/sqlite/sqlite-event-store.adapter.js';
import { ProjectionRunner } from '../src/infrastructure/projection/projection-runner.js';
import { SqliteReadModelStore } from '../src/infrastructure/read-models/sqlite/sqlite-read-model.adapter.js';
import { ADMIN, ADMIN_TOKEN, childEnv, ensureBuilt, RECORDER, RECORDER_TOKEN, ROOT, wholeLog } from './robustness/support.js';
import { dumpSqliteReadModels } from './scale-out.runner-stores.js';

/**
 * Three service processes over one DATA_DIR — two with a projection runner, one with
 * PROJECTION=off — with concurrent writers on all of them; one runner is killed with SIGKILL in
 * the middle of the load and started again. Then: every acknowledged event is in the log exactly
 * once, the read models equal a fresh rebuild of the log, every `minPosition` read on any
 * instance saw the write it named, and an Idempotency-Key sent to two instances at once stores
 * one event (the same key with another body is refused on a third).
 */

const CHILD = join(ROOT, 'test/scale-out.instance.mjs');
const WRITERS = 9;
const PER_WRITER = 18;
const FRAMEWORKS = ['cccs13', 'multi-a', 'multi-b'];
const SOURCE = { document: 'Compte rendu du comité', passage: 'le comité prend acte', confidence: 'stated' };

interface Instance {
  name: string;
  env: Record<string, string>;
  child: ChildProcess;
  url: string;
  up: boolean;
  output: string[];
  exited: Promise<void>;
}

/** Requests under way, by instance name (the kill waits for one to the victim). */
const inFlight = new Map<string, number>();

interface Ack {
  key: string;
  frameworkId: string;
  eventId: string;
  position: number;
  revision: number;
  instance: string;
  replayed: boolean;
}

/** A failure that is not the network's: an answer the test did not expect. */
class Unexpected extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function launch(name: string, env: Record<string, string>): Promise<Instance> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD], { cwd: ROOT, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    const exited = new Promise<void>((done) => child.on('exit', () => done()));
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 60 s:\n${output.join('')}`)), 60_000);
    child.stdout!.setEncoding('utf8');
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => output.push(chunk));
    child.stdout!.on('data', (chunk: string) => {
      output.push(chunk);
      const ready = /^READY (.*)$/m.exec(output.join(''));
      if (ready && timer.hasRef()) {
        clearTimeout(timer);
        timer.unref();
        resolve({ name, env, child, url: `http://127.0.0.1:${JSON.parse(ready[1]).port}`, up: true, output, exited });
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code ?? signal}) before it was ready:\n${output.join('')}`));
    });
  });
}

async function post(instance: Instance, path: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; body: any; replayed: boolean }> {
  inFlight.set(instance.name, (inFlight.get(instance.name) ?? 0) + 1);
  try {
    const res = await fetch(`${instance.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(20_000),
    });
    return { status: res.status, body: await res.json(), replayed: res.headers.get('Idempotent-Replayed') === 'true' };
  } finally {
    inFlight.set(instance.name, inFlight.get(instance.name)! - 1);
  }
}

async function get(instance: Instance, path: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${instance.url}${path}`, { signal: AbortSignal.timeout(20_000) });
  return { status: res.status, body: await res.json() };
}

describe('three service processes on one DATA_DIR (two runners, one PROJECTION=off), a runner killed mid-load', () => {
  let dataDir: string;
  const instances: Instance[] = [];
  /** Set when a task failed or the test ends: the others stop, nothing new is started. */
  let aborted = false;

  /** Runs the tasks to their end; the first failure stops the others (at their next step) and is thrown. */
  async function settle(tasks: Promise<void>[]): Promise<void> {
    const results = await Promise.allSettled(tasks.map((t) => t.catch((error: unknown) => ((aborted = true), Promise.reject(error)))));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
  const figures = { acks: 0, killedWithRequestsInFlight: 0, networkRetries: 0, ownReads: 0, otherReads: 0, concurrentKeys: 0, reusedKeysRefused: 0 };

  beforeAll(() => {
    ensureBuilt([join(ROOT, 'dist/http-app.js')]);
    dataDir = mkdtempSync(join(tmpdir(), 'governance-processes-'));
  }, 180_000);

  afterAll(async () => {
    aborted = true;
    for (const instance of instances) if (instance.child.exitCode === null && instance.child.signalCode === null) instance.child.kill('SIGKILL');
    await Promise.all(instances.map((i) => i.exited));
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    console.log(
      `scale-out processes: ${figures.acks} events acknowledged by 3 instances; the kill cut ${figures.killedWithRequestsInFlight} requests short ` +
        `(${figures.networkRetries} re-sent with their key), ` +
        `${figures.ownReads} minPosition reads on the writing instance and ${figures.otherReads} on another one, all seeing the write; ` +
        `${figures.concurrentKeys} keys sent to two instances at once stored once each, ${figures.reusedKeysRefused} reuses with another body refused`,
    );
  });

  it('keeps every acknowledged event once, reads its own writes on every instance, keeps keys across instances, and projects what a rebuild projects', async () => {
    const env = (extra: Record<string, string>) => ({
      DATA_DIR: dataDir,
      API_TOKENS: `${RECORDER}=${RECORDER_TOKEN},${ADMIN}=${ADMIN_TOKEN}`,
      API_ADMINS: ADMIN,
      WRITE_RATE_LIMIT: '0',
      ...extra,
    });
    const first = await launch('runner-1', env({})); // loads the CCCS13 history
    instances.push(first);
    const [second, follower] = await Promise.all([launch('runner-2', env({ SEED: 'false' })), launch('follower', env({ SEED: 'false', PROJECTION: 'off' }))]);
    instances.push(second, follower);
    const live = { 'runner-1': first, 'runner-2': second, follower } as Record<string, Instance>;
    const names = ['runner-1', 'runner-2', 'follower'];
    const auth = { Authorization: `Bearer ${RECORDER_TOKEN}` };

    for (const id of FRAMEWORKS.slice(1)) {
      const created = await post(first, '/api/frameworks', { id, name: `Cadre ${id}`, effectiveDate: '2000' }, { ...auth, 'Idempotency-Key': `create-${id}` });
      expect(created.status).toBe(201);
    }

    const acks: Ack[] = [];
    let ackedAtKill: number | null = null;
    /** The instance a request goes to: the writer's own while it is up, another one otherwise. */
    const target = (preferred: string, attempt: number) => {
      const order = [preferred, ...names.filter((n) => n !== preferred)];
      const up = order.map((n) => live[n]).filter((i) => i.up);
      return up[attempt % up.length];
    };

    async function record(preferred: string, key: string, frameworkId: string, body: unknown): Promise<Ack> {
      for (let attempt = 0; ; attempt++) {
        if (aborted) throw new Error('aborted');
        const instance = target(preferred, attempt);
        try {
          const res = await post(instance, `/api/frameworks/${frameworkId}/events`, body, { ...auth, 'Idempotency-Key': key });
          if (res.status !== 201) throw new Unexpected(`${key} on ${instance.name}: ${res.status} ${JSON.stringify(res.body)}`);
          return { key, frameworkId, eventId: res.body.eventId, position: res.body.position, revision: res.body.revision, instance: instance.name, replayed: res.replayed };
        } catch (error) {
          if (error instanceof Unexpected || attempt > 30) throw error;
          figures.networkRetries++; // the instance was killed under the request: the same key again
          await sleep(100);
        }
      }
    }

    /** A read with minPosition on `instance` sees the acknowledged event (skipped if the instance is gone meanwhile). */
    async function readsOwnWrite(instance: Instance, ack: Ack): Promise<boolean> {
      let res;
      try {
        res = await get(instance, `/api/frameworks/${ack.frameworkId}/history?minPosition=${ack.position}`);
      } catch (error) {
        if (!instance.up || instance.child.exitCode !== null || instance.child.signalCode !== null) return false;
        throw error;
      }
      expect([ack.key, instance.name, res.status]).toEqual([ack.key, instance.name, 200]);
      expect(res.body.events.map((e: { eventId: string }) => e.eventId)).toContain(ack.eventId);
      return true;
    }

    async function writer(w: number): Promise<void> {
      const preferred = names[w % names.length];
      for (let n = 0; n < PER_WRITER && !aborted; n++) {
        const key = `w${w}-${n}`;
        const frameworkId = FRAMEWORKS[(w + n) % FRAMEWORKS.length];
        const body = { type: 'MilestoneNoted', effectiveDate: `20${10 + (n % 15)}`, data: { milestoneId: `m-${key}`, name: `Jalon ${key}` }, source: SOURCE };
        const ack = await record(preferred, key, frameworkId, body);
        acks.push(ack);
        if (n % 2 === 0 && (await readsOwnWrite(live[ack.instance], ack))) figures.ownReads++;
        if (n % 3 === 0) {
          const other = live[names[(names.indexOf(ack.instance) + 1 + (n % 2)) % names.length]];
          if (other.up && (await readsOwnWrite(other, ack))) figures.otherReads++;
        }
      }
    }

    /** The same key at two instances at once: one event; the key with another body on a third: 422. */
    async function sharedKeys(): Promise<void> {
      for (let i = 0; i < 8 && !aborted; i++) {
        const key = `shared-${i}`;
        const body = { type: 'BodyCreated', effectiveDate: '2019', data: { bodyId: `b-${i}`, name: `Groupe ${i}`, kind: 'working-group' }, source: SOURCE };
        const pair = [live['runner-1'], live.follower];
        const answers = await Promise.all(pair.map((instance) => post(instance, '/api/frameworks/multi-a/events', body, { ...auth, 'Idempotency-Key': key })));
        expect(answers.map((a) => a.status)).toEqual([201, 201]);
        expect(answers[1].body.eventId).toBe(answers[0].body.eventId);
        expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
        acks.push({ key, frameworkId: 'multi-a', eventId: answers[0].body.eventId, position: answers[0].body.position, revision: answers[0].body.revision, instance: 'runner-1', replayed: false });
        figures.concurrentKeys++;
        const other = { ...body, data: { ...body.data, name: 'Autre groupe' } };
        const third = live['runner-2'];
        // The third instance may be the one killed meanwhile: then the first one answers.
        const reused = await post(third, '/api/frameworks/multi-a/events', other, { ...auth, 'Idempotency-Key': key }).catch(() =>
          post(live['runner-1'], '/api/frameworks/multi-a/events', other, { ...auth, 'Idempotency-Key': key }),
        );
        expect([key, reused.status, reused.body.rule]).toEqual([key, 422, 'idempotency-key-reused']);
        figures.reusedKeysRefused++;
      }
    }

    /** SIGKILL of the second runner, with writes under way, once a third of the writes are acknowledged; then a new process in its place. */
    async function killAndRestart(): Promise<void> {
      while (acks.length < (WRITERS * PER_WRITER) / 3 && !aborted) await sleep(5);
      // With a write under way there if one comes within 2 s.
      for (const deadline = Date.now() + 2000; !inFlight.get('runner-2') && Date.now() < deadline && !aborted; ) await sleep(1);
      if (aborted) return;
      ackedAtKill = acks.length;
      const victim = live['runner-2'];
      victim.child.kill('SIGKILL');
      victim.up = false;
      figures.killedWithRequestsInFlight = inFlight.get('runner-2') ?? 0;
      await victim.exited;
      if (aborted) return;
      const restarted = await launch('runner-2', victim.env);
      instances.push(restarted);
      live['runner-2'] = restarted;
    }

    await settle([...Array.from({ length: WRITERS }, (_, w) => writer(w)), sharedKeys(), killAndRestart()]);
    // The kill came in the middle of the load: writes were acknowledged after it.
    expect(ackedAtKill).not.toBeNull();
    expect(acks.length).toBeGreaterThan(ackedAtKill!);
    // The restarted runner takes writes and reads them back like the others.
    for (let n = 0; n < 3; n++) {
      const key = `after-restart-${n}`;
      const ack = await record('runner-2', key, 'multi-b', { type: 'MilestoneNoted', effectiveDate: '2024', data: { milestoneId: key, name: key }, source: SOURCE });
      expect(ack.instance).toBe('runner-2');
      acks.push(ack);
      expect(await readsOwnWrite(live['runner-2'], ack)).toBe(true);
      figures.ownReads++;
    }
    figures.acks = acks.length;

    // Every instance reaches the end of the log, and says so.
    const store = SqliteEventStore.open(join(dataDir, 'events.db'));
    const log = await wholeLog(store);
    const last = log[log.length - 1].position;
    for (const name of names) {
      expect((await get(live[name], `/api/frameworks?minPosition=${last}`)).status).toBe(200);
      expect((await get(live[name], '/health')).body).toMatchObject({ status: 'ok', projection: { status: 'up' } });
    }

    // The log: every acknowledged event once, where it was acknowledged; keys once per actor and stream; revisions contiguous; chains intact.
    const byId = new Map(log.map((e) => [e.eventId, e]));
    expect(byId.size).toBe(log.length);
    for (const ack of acks) {
      const stored = byId.get(ack.eventId);
      expect([ack.key, stored && { framework: frameworkIdOf(stored.streamId), position: stored.position, revision: stored.revision }]).toEqual([
        ack.key,
        { framework: ack.frameworkId, position: ack.position, revision: ack.revision },
      ]);
    }
    const keys = log.filter((e) => typeof e.metadata.idempotencyKey === 'string').map((e) => `${e.streamId}|${String(e.metadata.actor)}|${String(e.metadata.idempotencyKey)}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBe(new Set(acks.map((a) => `${a.frameworkId}|${a.key}`)).size + FRAMEWORKS.length - 1);
    const revisions = new Map<string, number>();
    for (const e of log) {
      expect([e.eventId, e.revision]).toEqual([e.eventId, (revisions.get(e.streamId) ?? -1) + 1]);
      revisions.set(e.streamId, e.revision);
    }
    expect(await store.verify()).toMatchObject({ ok: true, checked: log.length });

    // The read models the instances kept together, against one runner rebuilding them from the log.
    for (const instance of names.map((n) => live[n])) {
      instance.child.kill('SIGTERM');
      await instance.exited;
    }
    const rebuildFile = join(mkdtempSync(join(dataDir, 'rebuild-')), 'read-models.db');
    const rebuilt = SqliteReadModelStore.open(rebuildFile);
    const runner = new ProjectionRunner(store, rebuilt);
    await runner.rebuild();
    await runner.stop();
    await rebuilt.close();
    await store.close();
    expect(await dumpSqliteReadModels(join(dataDir, 'read-models.db'))).toEqual(await dumpSqliteReadModels(rebuildFile));
  }, 150_000);
});
