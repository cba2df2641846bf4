import type { Provider } from '@nestjs/common';
import { join } from 'node:path';
import type { AppConfig } from '../../platform/config/app-config.js';
import type { EventStore } from '../event-store/event-store.port.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.adapter.js';
import { EmbeddedTransparencyLog } from './embedded-transparency-log.adapter.js';
import { loadSigningKey, type SigningKey } from './signing-key.js';
import type { TransparencyLogPort } from './transparency-log.port.js';

/** The Ed25519 key that signs the tree heads (SIGNING_KEY_FILE, or DATA_DIR/log-signing-key.pem). */
export const SIGNING_KEY = Symbol('SIGNING_KEY');

/** The file where a follower of a log the service does not write (KurrentDB) keeps its tree. */
export const FOLLOWER_FILE = 'transparency.db';

/** Reads (or, without SIGNING_KEY_FILE, creates) the key: a ConfigError naming the file when it cannot be used. */
export function signingKeyOf(config: AppConfig): SigningKey {
  return loadSigningKey({ ...(config.signingKeyFile ? { file: config.signingKeyFile } : {}), dataDir: config.dataDir });
}

/**
 * The transparency log of the configured event store: embedded in `events.db` for the SQLite
 * store (which was opened with the key, and records in its appends), otherwise a follower of the
 * log in `DATA_DIR/transparency.db`, started here (it catches up, then follows; its receipts
 * wait for it, bounded).
 */
export async function openTransparencyLog(config: AppConfig, events: EventStore, key: SigningKey): Promise<TransparencyLogPort> {
  if (events instanceof SqliteEventStore) return EmbeddedTransparencyLog.of(events, key.privateKey);
  const { FollowingTransparencyLog } = await import('./following-transparency-log.adapter.js');
  const log = FollowingTransparencyLog.open(join(config.dataDir, FOLLOWER_FILE), events, key.privateKey);
  void log.start();
  return log;
}

export const TRANSPARENCY_LOG_PROVIDERS = (tokens: { config: symbol; events: symbol; log: symbol }): Provider[] => [
  { provide: SIGNING_KEY, useFactory: signingKeyOf, inject: [tokens.config] },
  { provide: tokens.log, useFactory: openTransparencyLog, inject: [tokens.config, tokens.events, SIGNING_KEY] },
];
