import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import ts from 'typescript';
import { waitFor } from '../../testing/wait.js';

/** Appends racing from several threads, each with its own connection to one file (a test helper). */

/** Where the worker threads load the adapter and the port from, relative to `src/`. */
const ADAPTER_MODULE = 'infrastructure/event-store/sqlite/sqlite-event-store.adapter.js';
const PORT_MODULE = 'infrastructure/event-store/event-store.port.js';

export interface RaceOutcome {
  ok: boolean;
  wrongExpectedRevision?: boolean;
  actual?: number;
  error?: string;
}

/**
 * Runs `count` worker threads, each with its own connection to `file`, released together
 * to append one event to `streamId` expecting revision 0. The workers run the adapter
 * compiled on the fly into `workDir` (they cannot load TypeScript).
 */
export async function raceAppends(file: string, streamId: string, count: number, workDir: string): Promise<RaceOutcome[]> {
  const moduleDir = compileAdapter(workDir);
  const workerFile = path.join(moduleDir, 'race-worker.js');
  fs.writeFileSync(
    workerFile,
    `
    import { parentPort, workerData } from 'node:worker_threads';
    import { SqliteEventStore } from './${ADAPTER_MODULE}';
    import { WrongExpectedRevision } from './${PORT_MODULE}';
    const { file, streamId, index, gate } = workerData;
    const store = SqliteEventStore.open(file);
    const flags = new Int32Array(gate);
    Atomics.add(flags, 1, 1);  // ready
    Atomics.wait(flags, 0, 0); // wait for the start signal
    try {
      const event = { eventId: crypto.randomUUID(), type: 'Raced', data: { index }, metadata: {} };
      await store.append(streamId, [event], 0);
      parentPort.postMessage({ ok: true });
    } catch (error) {
      parentPort.postMessage({
        ok: false,
        wrongExpectedRevision: error instanceof WrongExpectedRevision,
        actual: error.actual,
        error: String(error),
      });
    } finally {
      await store.close();
    }
    `,
  );

  const gate = new SharedArrayBuffer(8);
  const flags = new Int32Array(gate);
  const workers = Array.from(
    { length: count },
    (_, index) => new Worker(workerFile, { workerData: { file, streamId, index, gate } }),
  );
  const outcomes = workers.map(
    (worker) =>
      new Promise<RaceOutcome>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      }),
  );
  await waitFor(() => Atomics.load(flags, 1) === count);
  Atomics.store(flags, 0, 1);
  Atomics.notify(flags, 0);
  try {
    return await Promise.all(outcomes);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * Transpiles the adapter and every module it imports (followed through the relative imports of
 * the transpiled code) to plain ESM in `out`, laid out as `src/`; returns `out`.
 */
function compileAdapter(out: string): string {
  const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
  const betterSqlite = pathToFileURL(createRequire(import.meta.url).resolve('better-sqlite3')).href;
  const pending = [ADAPTER_MODULE, PORT_MODULE].map((module) => path.join(src, module.replace(/\.js$/, '.ts')));
  const done = new Set<string>();
  for (let source = pending.pop(); source !== undefined; source = pending.pop()) {
    if (done.has(source)) continue;
    done.add(source);
    const { outputText } = ts.transpileModule(fs.readFileSync(source, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, useDefineForClassFields: false },
    });
    // Type-only imports are gone from the output: what is left is what the module loads.
    for (const [, specifier] of outputText.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+'(\.{1,2}\/[^']+)\.js'/g)) {
      pending.push(path.resolve(path.dirname(source), `${specifier}.ts`));
    }
    const target = path.join(out, path.relative(src, source).replace(/\.ts$/, '.js'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, outputText.replace(/from 'better-sqlite3'/, `from '${betterSqlite}'`));
  }
  fs.writeFileSync(path.join(out, 'package.json'), JSON.stringify({ type: 'module' }));
  return out;
}
