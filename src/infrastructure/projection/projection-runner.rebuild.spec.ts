import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import fc from 'fast-check';
import { streamIdOf } from '../event-store/framework-stream.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.adapter.js';
import { SqliteReadModelStore } from '../read-models/sqlite/sqlite-read-model.adapter.js';
import { arbitraryHistory } from '../../modules/frameworks/domain/testing/arbitrary-history.js';
import { seedEvents } from '../../modules/frameworks/seed/seed-loader.js';
import { FrameworkProjection } from './framework.projection.js';
import type { RebuildLimits } from './log-replay.js';
import { ProjectionRunner } from './projection-runner.js';
import { rebuildInWorker, rebuildWorkerFile } from './rebuild-in-worker.js';

/**
 * A rebuild with a capacity on the projections it keeps in memory, and turns of the event loop
 * while it projects: the read models must be exactly those of a rebuild that keeps everything.
 */

let dir: string;
let eventsFile: string;
let events: SqliteEventStore;
let total = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'governance-rebuild-'));
  eventsFile = join(dir, 'events.db');
  events = SqliteEventStore.open(eventsFile);
  await events.append(streamIdOf('cccs13'), seedEvents(), 'no_stream');
  total += seedEvents().length;
  // Random histories (back-dated facts, corrections, retractions), interleaved in chunks, so that a
  // small capacity evicts frameworks with changes not yet written.
  const histories = fc.sample(arbitraryHistory(30), { seed: 7, numRuns: 6 });
  const streams = histories.map((history, f) => {
    const ids = new Map(history.events.map((e) => [e.eventId, randomUUID()]));
    return {
      streamId: streamIdOf(`fw-${f}`),
      next: 0,
      events: history.events.map((e) => {
        const data = { ...(e.data as Record<string, unknown>) };
        if (typeof data.eventId === 'string' && ids.has(data.eventId)) data.eventId = ids.get(data.eventId);
        return { eventId: ids.get(e.eventId)!, type: e.type, data: { effectiveDate: e.effectiveDate, data, source: e.source }, metadata: { actor: 'tester' } };
      }),
    };
  });
  for (let round = 0; streams.some((s) => s.next < s.events.length); round++) {
    for (const s of streams) {
      const chunk = s.events.slice(s.next, s.next + 1 + (round % 3));
      if (chunk.length === 0) continue;
      await events.append(s.streamId, chunk, s.next === 0 ? 'no_stream' : s.next - 1);
      s.next += chunk.length;
      total += chunk.length;
    }
  }
});

afterAll(async () => {
  await events.close();
  rmSync(dir, { recursive: true, force: true });
});

function dump(file: string): unknown {
  const db = new Database(file, { readonly: true });
  try {
    return {
      frameworks: db.prepare('SELECT * FROM frameworks ORDER BY id').all(),
      events: db.prepare('SELECT * FROM framework_events ORDER BY framework_id, revision').all(),
      horizons: db.prepare('SELECT framework_id, recorded_from, horizon FROM framework_horizons ORDER BY seq').all(),
      segments: db.prepare('SELECT * FROM segments').all().map((row) => JSON.stringify(row)).sort(),
    };
  } finally {
    db.close();
  }
}

async function rebuilt(limits: RebuildLimits, during?: (runner: ProjectionRunner) => void): Promise<{ dump: unknown; events: number }> {
  const file = join(dir, `read-models-${randomUUID()}.db`);
  const readModels = SqliteReadModelStore.open(file);
  const runner = new ProjectionRunner(events, readModels);
  runner.rebuildLimits = limits;
  try {
    const rebuilding = runner.rebuild();
    during?.(runner);
    const outcome = await rebuilding;
    await runner.stop();
    return { dump: dump(file), events: outcome.events };
  } finally {
    await runner.stop();
    await readModels.close();
  }
}

describe('a rebuild with bounded memory and turns of the event loop', () => {
  it('gives read models identical to a rebuild that keeps every projection, when it keeps one or two', async () => {
    const reference = await rebuilt({ capacity: Number.POSITIVE_INFINITY, sliceMs: Number.POSITIVE_INFINITY });
    expect(reference.events).toBe(total);
    const resumed = jest.spyOn(FrameworkProjection, 'resume');
    try {
      for (const capacity of [1, 2]) {
        resumed.mockClear();
        const bounded = await rebuilt({ capacity, sliceMs: 0 });
        expect(bounded.events).toBe(total);
        expect(bounded.dump).toEqual(reference.dump);
        // Frameworks were evicted and reloaded from the read models (7 frameworks, far more loads).
        expect(resumed.mock.calls.length).toBeGreaterThan(7);
        expect(resumed.mock.calls.some(([, loaded]) => loaded.length > 0)).toBe(true);
      }
    } finally {
      resumed.mockRestore();
    }
  });

  it('lets timers run while it projects (the event loop turns between events, not only between pages)', async () => {
    const applied = jest.spyOn(FrameworkProjection.prototype, 'apply');
    const seenAt: number[] = [];
    let timer: NodeJS.Timeout | null = null;
    try {
      await rebuilt({ capacity: 4, sliceMs: 0 }, () => {
        timer = setInterval(() => seenAt.push(applied.mock.calls.length), 0);
      });
    } finally {
      if (timer) clearInterval(timer);
      applied.mockRestore();
    }
    // The log is one page (fewer than 1000 events): the timer fired while that page was projected.
    expect(total).toBeLessThan(1000);
    expect(seenAt.some((n) => n > 0 && n < total)).toBe(true);
  });
});

describe('a rebuild in a worker thread (the compiled worker, as the service runs it from its build)', () => {
  const worker = new URL('../../../dist/infrastructure/projection/rebuild.worker.js', import.meta.url);

  it('is not used from the TypeScript sources (the rebuild then stays in the calling thread)', () => {
    expect(rebuildWorkerFile()).toBeNull();
  });

  it('gives the read models of a rebuild in the calling thread, reporting progress and what the read models include', async () => {
    const reference = await rebuilt({ capacity: Number.POSITIVE_INFINITY, sliceMs: Number.POSITIVE_INFINITY });
    const file = join(dir, 'read-models.db');
    const readModels = SqliteReadModelStore.open(file);
    try {
      await readModels.reset();
      const { epoch } = await readModels.progress();
      const progress: number[] = [];
      const reached: number[] = [];
      const input = { stores: { dataDir: dir, eventStore: 'sqlite' as const, readModelStore: 'sqlite' as const }, epoch, limits: { capacity: 2, sliceMs: 0 }, total };
      const outcome = await rebuildInWorker(worker, input, { onProgress: (p) => progress.push(p.done), onReached: (position) => reached.push(position) });
      expect(outcome.events).toBe(total);
      expect(dump(file)).toEqual(reference.dump);
      expect(progress.at(-1)).toBe(total);
      expect(reached.at(-1)).toBe(await events.lastPosition());
      expect((await readModels.progress()).checkpoint).toBe(await events.lastPosition());

      // Read models reset since the worker was given its epoch: it stops, and says why.
      await readModels.reset();
      await expect(rebuildInWorker(worker, input, {})).rejects.toThrow(/reset/);
    } finally {
      await readModels.close();
    }
  }, 60_000);
});
