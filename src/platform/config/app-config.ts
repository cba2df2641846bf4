import { resolve } from 'node:path';

/** The service's configuration, read from the environment once at start. */
export interface AppConfig {
  port: number;
  dataDir: string;
  /** actor → token, from API_TOKENS; empty when unset (a token is then generated). */
  apiTokens: Map<string, string>;
  /** Actors of API_TOKENS with the admin role (API_ADMINS); the others are recorders. */
  apiAdmins: Set<string>;
  /** Writes allowed per actor per minute (WRITE_RATE_LIMIT; 0: no limit). */
  writeRateLimit: number;
  /** How long a read with `minPosition` waits for the read models (READ_WAIT_MS). */
  readWaitMs: number;
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

export const APP_CONFIG = Symbol('APP_CONFIG');

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT must be a port number, got "${env.PORT}"`);

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
  const readWaitMs = Number(env.READ_WAIT_MS ?? 5000);
  if (!Number.isInteger(readWaitMs) || readWaitMs < 0 || readWaitMs > 60_000) problems.push(`READ_WAIT_MS must be milliseconds between 0 and 60000, got "${env.READ_WAIT_MS}"`);
  const corsOrigins = (env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);

  const eventStore = (env.EVENT_STORE ?? 'sqlite') as AppConfig['eventStore'];
  if (!['sqlite', 'kurrentdb'].includes(eventStore)) problems.push(`EVENT_STORE must be sqlite or kurrentdb, got "${env.EVENT_STORE}"`);
  if (eventStore === 'kurrentdb' && !env.KURRENTDB_URL) problems.push('EVENT_STORE=kurrentdb needs KURRENTDB_URL (e.g. kurrentdb://localhost:2113?tls=false)');

  const readModelStore = (env.READ_MODEL_STORE ?? 'sqlite') as AppConfig['readModelStore'];
  if (!['sqlite', 'mongodb'].includes(readModelStore)) problems.push(`READ_MODEL_STORE must be sqlite or mongodb, got "${env.READ_MODEL_STORE}"`);
  if (readModelStore === 'mongodb' && !env.MONGODB_URI) problems.push('READ_MODEL_STORE=mongodb needs MONGODB_URI (e.g. mongodb://localhost:27017/governance?replicaSet=rs0)');

  const projectionSetting = (env.PROJECTION ?? 'on').toLowerCase();
  if (!['on', 'off'].includes(projectionSetting)) problems.push(`PROJECTION must be on or off, got "${env.PROJECTION}"`);
  const seed = env.SEED === undefined ? true : !['false', '0', 'no'].includes(env.SEED.toLowerCase());

  if (problems.length > 0) throw new ConfigError(`configuration: ${problems.join('; ')}`);
  return {
    port,
    dataDir: resolve(env.DATA_DIR ?? './data'),
    apiTokens,
    apiAdmins,
    writeRateLimit,
    readWaitMs,
    corsOrigins,
    eventStore,
    ...(env.KURRENTDB_URL ? { kurrentdbUrl: env.KURRENTDB_URL } : {}),
    readModelStore,
    ...(env.MONGODB_URI ? { mongodbUri: env.MONGODB_URI } : {}),
    projection: projectionSetting !== 'off',
    seed,
  };
}
