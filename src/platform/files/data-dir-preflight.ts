import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_DIGEST_FILE, GENERATED_TOKEN_FILE, readDigestFile } from '../auth/token-registry.js';
import type { AppConfig } from '../config/app-config.js';
import { databaseFiles, octal, OWNER_ONLY_DIR, secureDataDir } from './owner-only.js';

/** What the service keeps under DATA_DIR. */
export const DATA_FILES = [...databaseFiles('events.db'), ...databaseFiles('read-models.db'), GENERATED_TOKEN_FILE, GENERATED_DIGEST_FILE];

/** Whether this configuration keeps anything under DATA_DIR (an embedded store, or the generated token). */
export function usesDataDir(config: AppConfig): boolean {
  return config.eventStore === 'sqlite' || config.readModelStore === 'sqlite' || config.apiTokens.size === 0;
}

/**
 * At start, before any store is opened: DATA_DIR is created owner-only, or made so (the folder
 * 0700, the service's files in it 0600, each change said in the log); the generated token's digest, when it is
 * the one in use, is read once so that a corrupt file stops the start with a clear message.
 */
export function prepareDataDir(config: AppConfig, log: (message: string) => void, warn: (message: string) => void): void {
  if (!usesDataDir(config)) return;
  const report = secureDataDir(config.dataDir, DATA_FILES);
  if (report.created) log(`created ${config.dataDir} (owner only, ${octal(OWNER_ONLY_DIR)})`);
  for (const change of report.tightened) {
    warn(`${change.path} was ${octal(change.from)}: tightened to ${octal(change.to)} (the data is for the service's owner only)`);
  }
  for (const problem of report.problems) warn(`not owner-only: ${problem}`);
  const digestFile = join(config.dataDir, GENERATED_DIGEST_FILE);
  if (config.apiTokens.size === 0 && existsSync(digestFile)) readDigestFile(digestFile);
}
