import type { INestApplication } from '@nestjs/common';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { loadConfig } from '../../src/platform/config/app-config.js';
import { buildTimeline } from '../../src/modules/frameworks/domain/timeline/fold.js';
import type { RecordedEvent } from '../../src/modules/frameworks/domain/events/framework.events.js';
import { knownFacts } from '../../src/modules/frameworks/domain/facts/known-facts.js';
import { STATE_KINDS } from '../../src/modules/frameworks/domain/state/item-kinds.js';
import { stateAt, type StateView } from '../../src/modules/frameworks/domain/state/state-at.js';
import type { EventStore, StoredEvent } from '../../src/infrastructure/event-store/event-store.port.js';
import { createHttpApp } from '../../src/http-app.js';

/**
 * Shared by the robustness tests: the compiled service for child processes, the in-process
 * HTTP application, the tokens, and the pure fold the read models must agree with.
 *
 * Every robustness test is bounded in rounds and cases; `ROBUSTNESS_DEEP=1` runs the longer mode
 * (more crash rounds, more writers, more fuzz cases), e.g.
 *   ROBUSTNESS_DEEP=1 node --experimental-vm-modules node_modules/jest/bin/jest.js test/robustness
 */
export const DEEP = ['1', 'true', 'yes'].includes((process.env.ROBUSTNESS_DEEP ?? '').toLowerCase());

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI_MAIN = join(ROOT, 'dist/cli.js');

export const RECORDER = 'secretariat';
export const RECORDER_TOKEN = 'robustness-secretariat-token-0123456789';
export const ADMIN = 'auditor';
export const ADMIN_TOKEN = 'robustness-auditor-token-0123456789abc';

/** The environment of the service under test: two actors (a recorder and an admin), no write limit. */
export function serviceEnv(dataDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATA_DIR: dataDir,
    API_TOKENS: `${RECORDER}=${RECORDER_TOKEN},${ADMIN}=${ADMIN_TOKEN}`,
    API_ADMINS: ADMIN,
    WRITE_RATE_LIMIT: '0',
    ...extra,
  };
}

/** The compiled service the child processes run: built once per test run by test/global-setup.mjs. */
export function ensureBuilt(required: string[] = [CLI_MAIN, join(ROOT, 'dist/http-app.js')]): void {
  const missing = required.filter((file) => !existsSync(file));
  if (missing.length > 0) throw new Error(`${missing.join(', ')} missing: run the tests through jest, whose global setup builds dist/`);
}

/** The environment of child processes: ours without anything that would change the stores or the actor. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of ['DATA_DIR', 'SEED', 'EVENT_STORE', 'READ_MODEL_STORE', 'KURRENTDB_URL', 'MONGODB_URI', 'API_TOKENS', 'API_ADMINS', 'GOVERNANCE_TOKEN', 'GOVERNANCE_DEBUG']) {
    delete env[key];
  }
  return { ...env, ...extra };
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the command line (`node dist/cli.js ...args`) on `dataDir`. */
export function cli(dataDir: string, args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      process.execPath,
      [CLI_MAIN, ...args],
      { cwd: ROOT, env: childEnv(serviceEnv(dataDir, env)), encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') reject(error);
        else resolvePromise({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
  });
}

export interface RunningApp {
  app: INestApplication;
  /** `http://127.0.0.1:PORT`: every request of the tests stays on the loopback interface. */
  url: string;
  http: ReturnType<typeof request>;
  close(): Promise<void>;
}

/** The HTTP application in this process, configured as in production, on `dataDir`, listening on 127.0.0.1. */
export async function startApp(dataDir: string, env: Record<string, string> = {}): Promise<RunningApp> {
  const app = await createHttpApp(loadConfig(serviceEnv(dataDir, env)), { logger: false });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return { app, url, http: request(url), close: () => app.close() };
}

/** The whole global log of a store, in order. */
export async function wholeLog(store: EventStore): Promise<StoredEvent[]> {
  const log: StoredEvent[] = [];
  for (let page = await store.readAll(null, 500); page.length > 0; page = await store.readAll(page[page.length - 1].position, 500)) {
    log.push(...page);
  }
  return log;
}

/** The state on `day` as known at `knownAt`, folded from the events alone (no read model). */
export function pureState(events: readonly RecordedEvent[], day: string, knownAt?: string): StateView {
  return stateAt(buildTimeline(knownFacts(events, knownAt).facts), day);
}

/** The lists of a state answer (what the pure fold computes), without the answer's envelope. */
export function stateLists(answer: Record<string, unknown>): StateView {
  return Object.fromEntries(STATE_KINDS.map((key) => [key, answer[key]])) as unknown as StateView;
}

export const SOURCE = { document: 'Comité de pilotage, compte rendu', passage: 'le comité prend acte', confidence: 'stated' } as const;

export function milestone(id: string, effectiveDate: string, name = `Milestone ${id}`) {
  return { type: 'MilestoneNoted', effectiveDate, data: { milestoneId: id, name }, source: SOURCE };
}
