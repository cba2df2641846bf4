import type { INestApplication, LoggerService } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHttpApp } from '../../src/http-app.js';
import { loadConfig } from '../../src/platform/config/app-config.js';

/** Shared by the security tests: the service in this process on a temporary DATA_DIR, its log lines kept. */

export const RECORDER = 'secretariat';
export const RECORDER_TOKEN = 'security-secretariat-token-0123456789';
export const ADMIN = 'auditor';
export const ADMIN_TOKEN = 'security-auditor-token-0123456789abcdef';

export const SOURCE = { document: 'Comité de pilotage, compte rendu', passage: 'le comité prend acte', confidence: 'stated' } as const;

export function milestone(id: string, effectiveDate: string) {
  return { type: 'MilestoneNoted', effectiveDate, data: { milestoneId: id, name: `Milestone ${id}` }, source: SOURCE };
}

/** A logger that keeps every line (`level context: message`). */
export class KeptLines implements LoggerService {
  readonly lines: string[] = [];
  private keep(level: string, message: unknown, rest: unknown[]): void {
    const context = typeof rest.at(-1) === 'string' ? ` ${rest.at(-1) as string}` : '';
    this.lines.push(`${level}${context}: ${typeof message === 'string' ? message : JSON.stringify(message)}`);
  }
  log(message: unknown, ...rest: unknown[]) {
    this.keep('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.keep('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.keep('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.keep('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.keep('verbose', message, rest);
  }
}

export interface Running {
  app: INestApplication;
  url: string;
  dataDir: string;
  logs: KeptLines;
  close(): Promise<void>;
}

/**
 * The HTTP application as main starts it, on 127.0.0.1 (a free port), with two actors (a recorder
 * and an admin) unless `env` says otherwise. `dataDir`: an existing folder to use (kept); default:
 * a new temporary one, removed on close.
 */
export async function start(env: Record<string, string> = {}, dataDir?: string): Promise<Running> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'governance-security-'));
  const logs = new KeptLines();
  const config = loadConfig({
    DATA_DIR: dir,
    API_TOKENS: `${RECORDER}=${RECORDER_TOKEN},${ADMIN}=${ADMIN_TOKEN}`,
    API_ADMINS: ADMIN,
    WRITE_RATE_LIMIT: '0',
    READ_WAIT_MS: '300',
    ...env,
  });
  const app = await createHttpApp(config, { logger: logs });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    dataDir: dir,
    logs,
    close: async () => {
      await app.close();
      if (dataDir === undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

/** A request with fetch; the body parsed when it is JSON. */
export async function call(url: string, init: RequestInit & { json?: unknown } = {}): Promise<Answer> {
  const { json, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (json !== undefined) headers.set('Content-Type', 'application/json');
  const response = await fetch(url, { ...rest, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, headers: response.headers, body };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
