import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './support.js';

/**
 * What a fuzzing run counts, kept after the run: printed as one machine-readable line
 * (`FUZZ_SUMMARY {...}`) and written to `test-artifacts/fuzz-summary[.<suite>].json`, so that a
 * CI step or a reviewer can read the numbers without parsing the test output.
 */
export interface FuzzStats {
  /** Requests sent. */
  requests: number;
  /** Requests per property. */
  byProperty: Record<string, number>;
  /** Answers per HTTP status. */
  statuses: Record<number, number>;
  /** Answers 500 or above: must be 0. */
  fiveHundreds: number;
  /** Refused requests after which the log had grown: must be 0. */
  appendedByRefused: number;
  /** 2xx writes that appended (on the scratch framework). */
  accepted: number;
  /** Answers without a well-formed X-Request-Id, or error bodies whose requestId differs from it: must be 0. */
  withoutRequestId: number;
  /** 401 answers without `WWW-Authenticate: Bearer`: must be 0. */
  unauthorizedWithoutChallenge: number;
}

export function newStats(): FuzzStats {
  return { requests: 0, byProperty: {}, statuses: {}, fiveHundreds: 0, appendedByRefused: 0, accepted: 0, withoutRequestId: 0, unauthorizedWithoutChallenge: 0 };
}

export const WELL_FORMED_REQUEST_ID = /^[A-Za-z0-9._:+/=@-]{1,128}$/;

/** Counts one answer; returns what it breaks of the properties every answer keeps (empty: none). */
export function countAnswer(
  stats: FuzzStats,
  property: string,
  answer: { status: number; body: any; headers: Record<string, string | string[] | undefined> },
  appended: boolean,
): string[] {
  const broken: string[] = [];
  stats.requests++;
  stats.byProperty[property] = (stats.byProperty[property] ?? 0) + 1;
  stats.statuses[answer.status] = (stats.statuses[answer.status] ?? 0) + 1;
  const ok = answer.status >= 200 && answer.status < 300;
  if (answer.status >= 500) {
    stats.fiveHundreds++;
    broken.push(`a ${answer.status}`);
  }
  if (ok && appended) stats.accepted++;
  if (!ok && appended) {
    stats.appendedByRefused++;
    broken.push('a refused request appended');
  }
  const requestId = answer.headers['x-request-id'];
  const idOk = typeof requestId === 'string' && WELL_FORMED_REQUEST_ID.test(requestId) && (answer.status < 400 || answer.body?.requestId === requestId);
  if (!idOk) {
    stats.withoutRequestId++;
    broken.push(`X-Request-Id ${JSON.stringify(requestId)} / requestId ${JSON.stringify(answer.body?.requestId)}`);
  }
  if (answer.status === 401 && !/^Bearer realm="governance"/.test(String(answer.headers['www-authenticate'] ?? ''))) {
    stats.unauthorizedWithoutChallenge++;
    broken.push('a 401 without WWW-Authenticate: Bearer');
  }
  return broken;
}

/** Prints the summary line and writes the artifact; returns the artifact's path. */
export function writeFuzzSummary(suite: string, stats: FuzzStats, run: { seed: number; runsPerProperty: number; deep: boolean }): string {
  const summary = {
    suite,
    ...run,
    finishedAt: new Date().toISOString(),
    ...stats,
    ok: stats.fiveHundreds === 0 && stats.appendedByRefused === 0 && stats.withoutRequestId === 0 && stats.unauthorizedWithoutChallenge === 0,
  };
  const dir = join(ROOT, 'test-artifacts');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, suite === 'api' ? 'fuzz-summary.json' : `fuzz-summary.${suite}.json`);
  writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`FUZZ_SUMMARY ${JSON.stringify(summary)}`);
  return file;
}
