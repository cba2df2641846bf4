// A generated store made ready for the figures: its events copied into a work dir, with read
// models projected by this very build of the service (from the cache, or by a rebuild / catch-up).
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATOR_VERSION, generatedStore } from '../generator.mjs';
import { CACHE_DIR, copyDataDir, openApp, waitProjected } from './harness.mjs';

/** Generates (or reuses) the store and copies its events into `work`; read models from the cache when this build projected them. */
export async function prepareWorkStore({ service, label, total, eventsPerFramework = null, seed, schema, fingerprint, log }) {
  const gen = await generatedStore({ cacheRoot: CACHE_DIR, total, seed, cacheKey: `es-${schema}`, eventsPerFramework, service, log });
  const work = join(CACHE_DIR, 'work', label);
  const shape = eventsPerFramework ? `fw${eventsPerFramework}-` : '';
  const projCache = join(CACHE_DIR, `proj-${fingerprint}-${shape}${total}-${GENERATOR_VERSION}-${schema}`);
  copyDataDir(gen.dir, work, ['events.db']);
  const state = { gen, work, complete: false, reached: 0, readModels: null };
  if (existsSync(join(projCache, 'read-models.db'))) {
    for (const f of ['read-models.db', 'read-models.db-wal']) {
      if (existsSync(join(projCache, f))) copyFileSync(join(projCache, f), join(work, f));
    }
    state.complete = true;
    state.reached = gen.manifest.events;
    state.readModels = { source: 'cache (projected earlier by this same build)', complete: true, reached: state.reached };
  }
  /** Keeps the read models of `work` for later runs of this build (once complete). */
  state.saveProjection = () => {
    if (!existsSync(join(projCache, 'read-models.db'))) copyDataDir(work, projCache, ['read-models.db']);
  };
  /** Projects the read models by catching up at start, within `budgetMs`, unless already complete. */
  state.ensureProjected = async (budgetMs) => {
    if (state.complete) return;
    log(`  projecting the read models of ${label} (budget ${Math.round(budgetMs / 1000)} s)`);
    const app = await openApp(service, work);
    try {
      state.reached = await waitProjected(app.get(service.ProjectionRunner), gen.manifest.events, budgetMs);
    } finally {
      await app.close();
    }
    state.complete = state.reached >= gen.manifest.events;
    state.readModels = { source: 'catch-up at start', complete: state.complete, reached: state.reached };
    if (state.complete) state.saveProjection();
  };
  return state;
}

/** What the report shows of a generated store. */
export function generationSummary(gen) {
  const m = gen.manifest;
  return {
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
}
