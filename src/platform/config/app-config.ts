import { isIP } from 'node:net';
import { resolve } from 'node:path';

/** The service's configuration, read from the environment once at start. */
export interface AppConfig {
  port: number;
  /** The address the HTTP server binds (HOST): 127.0.0.1 unless set (the image sets 0.0.0.0). */
  host: string;
  dataDir: string;
  /** actor → token, from API_TOKENS; empty when unset (a token is then generated). */
  apiTokens: Map<string, string>;
  /** Actors of API_TOKENS with the admin role (API_ADMINS); the others are recorders. */
  apiAdmins: Set<string>;
  /** Writes allowed per actor per minute (WRITE_RATE_LIMIT; 0: no limit). */
  writeRateLimit: number;
  /** Failed authentications per client address and window before its authenticated requests are refused. */
  authFailures: AuthFailureSettings;
  /** Express's `trust proxy` (TRUST_PROXY): which proxies may name the client in X-Forwarded-For; false: none. */
  trustProxy: false | number | string;
  /** How long a read with `minPosition` waits for the read models (READ_WAIT_MS). */
  readWaitMs: number;
  /** How long clients may take to send a request (slow clients are cut off). */
  timeouts: ServerTimeouts;
  /** Effective dates (and the EDTF dates of the data) may reach at most this many years past today (MAX_YEARS_AHEAD). */
  maxYearsAhead: number;
  /** Origins allowed by CORS (CORS_ORIGINS, comma-separated); empty: CORS off. */
  corsOrigins: string[];
  eventStore: 'sqlite' | 'kurrentdb';
  kurrentdbUrl?: string;
  readModelStore: 'sqlite' | 'mongodb';
  mongodbUri?: string;
  /** Whether this instance runs the projection (PROJECTION=on|off; exactly one instance per read-model store should). */
  projection: boolean;
  /** Load the CCCS13 history on the first start of an empty store (SEED=false to start empty). */
  seed: boolean;
}

export interface AuthFailureSettings {
  /** AUTH_FAILURE_LIMIT (10): failures allowed per address in the window; 0: no throttling. */
  limit: number;
  /** AUTH_FAILURE_WINDOW_SECONDS (300). */
  windowSeconds: number;
  /** AUTH_FAILURE_MAX_CLIENTS (10000): the addresses tracked at most (the oldest are forgotten first). */
  maxClients: number;
}

export interface ServerTimeouts {
  /** HEADERS_TIMEOUT_MS (10000): the request line and headers must arrive within it. */
  headersMs: number;
  /** REQUEST_TIMEOUT_MS (30000): the whole request, body included. */
  requestMs: number;
  /** KEEP_ALIVE_TIMEOUT_MS (5000): an idle kept-alive connection is closed after it. */
  keepAliveMs: number;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export class ConfigError extends Error {}

/** A whole number from the environment, within bounds; a problem naming the variable otherwise. */
function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number, what: string, problems: string[]): number {
  const raw = env[name];
  const value = raw === undefined || raw.trim() === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be ${what} between ${min} and ${max}, got "${raw}"`);
    return fallback;
  }
  return value;
}

/** An IP address, or a host name (letters, digits, dots and dashes). */
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
/** TRUST_PROXY: a number of hops, Express's names for address ranges, or addresses / CIDR ranges. */
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function trustProxyOf(raw: string | undefined, problems: string[]): AppConfig['trustProxy'] {
  if (raw === undefined || raw.trim() === '' || ['false', 'off', 'no', '0'].includes(raw.trim().toLowerCase())) return false;
  const value = raw.trim();
  if (/^\d{1,2}$/.test(value)) return Number(value);
  const parts = value.split(',').map((p) => p.trim());
  const valid = parts.every((part) => {
    if (PROXY_NAMES.has(part)) return true;
    const [address, bits, ...rest] = part.split('/');
    const family = isIP(address ?? '');
    if (family === 0 || rest.length > 0) return false;
    return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
  });
  if (!valid) {
    problems.push(`TRUST_PROXY must be a number of proxies, or addresses / CIDR ranges / loopback, linklocal, uniquelocal (comma-separated), got "${raw}"`);
    return false;
  }
  return parts.join(',');
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT must be a port number, got "${env.PORT}"`);
  const host = (env.HOST ?? '').trim() || '127.0.0.1';
  if (isIP(host) === 0 && !HOST_NAME.test(host)) problems.push(`HOST must be an IP address or a host name (e.g. 127.0.0.1, 0.0.0.0, ::), got "${env.HOST}"`);

  const apiTokens = new Map<string, string>();
  if (env.API_TOKENS !== undefined && env.API_TOKENS.trim() !== '') {
    for (const pair of env.API_TOKENS.split(',')) {
      const at = pair.indexOf('=');
      const actor = pair.slice(0, at).trim();
      const token = pair.slice(at + 1).trim();
      if (at <= 0 || !/^[\w.@-]{1,64}$/.test(actor) || token.length < 16) {
        problems.push(`API_TOKENS must read actor=token,actor2=token2 with tokens of 16 characters or more; "${pair.slice(0, Math.max(at, 0)) || pair.slice(0, 8)}…" is not`);
      } else {
        apiTokens.set(actor, token);
      }
    }
  }

  const apiAdmins = new Set((env.API_ADMINS ?? '').split(',').map((a) => a.trim()).filter(Boolean));
  for (const admin of apiAdmins) {
    if (apiTokens.size > 0 && !apiTokens.has(admin)) problems.push(`API_ADMINS names "${admin}", who has no token in API_TOKENS`);
  }
  const writeRateLimit = Number(env.WRITE_RATE_LIMIT ?? 600);
  if (!Number.isInteger(writeRateLimit) || writeRateLimit < 0) problems.push(`WRITE_RATE_LIMIT must be a whole number of writes per minute, got "${env.WRITE_RATE_LIMIT}"`);
  const authFailures: AuthFailureSettings = {
    limit: wholeNumber(env, 'AUTH_FAILURE_LIMIT', 10, 0, 1_000_000, 'a number of failed authentications', problems),
    windowSeconds: wholeNumber(env, 'AUTH_FAILURE_WINDOW_SECONDS', 300, 1, 86_400, 'seconds', problems),
    maxClients: wholeNumber(env, 'AUTH_FAILURE_MAX_CLIENTS', 10_000, 1, 1_000_000, 'a number of client addresses', problems),
  };
  const trustProxy = trustProxyOf(env.TRUST_PROXY, problems);
  const readWaitMs = Number(env.READ_WAIT_MS ?? 5000);
  if (!Number.isInteger(readWaitMs) || readWaitMs < 0 || readWaitMs > 60_000) problems.push(`READ_WAIT_MS must be milliseconds between 0 and 60000, got "${env.READ_WAIT_MS}"`);
  const timeouts: ServerTimeouts = {
    headersMs: wholeNumber(env, 'HEADERS_TIMEOUT_MS', 10_000, 100, 600_000, 'milliseconds', problems),
    requestMs: wholeNumber(env, 'REQUEST_TIMEOUT_MS', 30_000, 100, 3_600_000, 'milliseconds', problems),
    keepAliveMs: wholeNumber(env, 'KEEP_ALIVE_TIMEOUT_MS', 5_000, 100, 600_000, 'milliseconds', problems),
  };
  if (timeouts.headersMs > timeouts.requestMs) problems.push(`HEADERS_TIMEOUT_MS (${timeouts.headersMs}) must not exceed REQUEST_TIMEOUT_MS (${timeouts.requestMs})`);
  const maxYearsAhead = wholeNumber(env, 'MAX_YEARS_AHEAD', 100, 0, 8000, 'a number of years', problems);
  const corsOrigins = (env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);

  const eventStore = (env.EVENT_STORE ?? 'sqlite') as AppConfig['eventStore'];
  if (!['sqlite', 'kurrentdb'].includes(eventStore)) problems.push(`EVENT_STORE must be sqlite or kurrentdb, got "${env.EVENT_STORE}"`);
  if (eventStore === 'kurrentdb' && !env.KURRENTDB_URL) problems.push('EVENT_STORE=kurrentdb needs KURRENTDB_URL (e.g. kurrentdb://localhost:2114?tls=false)');

  const readModelStore = (env.READ_MODEL_STORE ?? 'sqlite') as AppConfig['readModelStore'];
  if (!['sqlite', 'mongodb'].includes(readModelStore)) problems.push(`READ_MODEL_STORE must be sqlite or mongodb, got "${env.READ_MODEL_STORE}"`);
  if (readModelStore === 'mongodb' && !env.MONGODB_URI) problems.push('READ_MODEL_STORE=mongodb needs MONGODB_URI (e.g. mongodb://localhost:27018/governance?directConnection=true)');

  const projectionSetting = (env.PROJECTION ?? 'on').toLowerCase();
  if (!['on', 'off'].includes(projectionSetting)) problems.push(`PROJECTION must be on or off, got "${env.PROJECTION}"`);
  const seed = env.SEED === undefined ? true : !['false', '0', 'no'].includes(env.SEED.toLowerCase());

  if (problems.length > 0) throw new ConfigError(`configuration: ${problems.join('; ')}`);
  return {
    port,
    host,
    dataDir: resolve(env.DATA_DIR ?? './data'),
    apiTokens,
    apiAdmins,
    writeRateLimit,
    authFailures,
    trustProxy,
    readWaitMs,
    timeouts,
    maxYearsAhead,
    corsOrigins,
    eventStore,
    ...(env.KURRENTDB_URL ? { kurrentdbUrl: env.KURRENTDB_URL } : {}),
    readModelStore,
    ...(env.MONGODB_URI ? { mongodbUri: env.MONGODB_URI } : {}),
    projection: projectionSetting !== 'off',
    seed,
  };
}
