import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config.js';
import { InvalidInput } from '../../libs/app-errors.js';
import { UsageError } from './cli-errors.js';

/**
 * Who records what the command line writes.
 *
 * - `--token TOKEN` (or the environment variable GOVERNANCE_TOKEN): the token's owner, resolved
 *   through the same token registry as HTTP (API_TOKENS, or the token generated in DATA_DIR/api-token).
 * - `--actor NAME`: only for an operator of the store, i.e. when the event store is the embedded
 *   one (EVENT_STORE=sqlite) and this process can read and write its file DATA_DIR/events.db —
 *   whoever can do that could write to the log directly, so a token would protect nothing. With
 *   a server event store (KurrentDB) the command line is just another client: a token is needed.
 */

export const ACTOR_HELP = `Actor: --token TOKEN (or GOVERNANCE_TOKEN; prefer the variable, a command line is visible to other users)
records the token's owner, as over HTTP (API_TOKENS, or the token generated in DATA_DIR/api-token).
--actor NAME is accepted only from an operator of the store: EVENT_STORE=sqlite and this process can
read and write DATA_DIR/events.db. With EVENT_STORE=kurrentdb, a token is required.`;

export const ACTOR_NAME = /^[\w.@-]{1,64}$/;

export interface ActorOptions {
  token?: string;
  actor?: string;
}

export interface TokenLookup {
  actorOf(token: string): string | null;
}

/** Why this process is (or is not) an operator of the store. */
export function operatorStatus(config: AppConfig): { operator: boolean; reason: string } {
  if (config.eventStore !== 'sqlite') {
    return { operator: false, reason: `the event store is ${config.eventStore}, not the embedded one` };
  }
  const file = join(config.dataDir, 'events.db');
  try {
    accessSync(file, constants.R_OK | constants.W_OK);
    return { operator: true, reason: `this process can read and write ${file}` };
  } catch {
    return { operator: false, reason: `this process cannot read and write ${file}` };
  }
}

/**
 * The actor, or undefined when neither a token nor --actor was given (the caller decides whether
 * that is allowed). A bad token or a refused --actor throws.
 */
export function resolveActor(options: ActorOptions, config: AppConfig, tokens: TokenLookup, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const token = options.token ?? (env.GOVERNANCE_TOKEN?.trim() || undefined);
  if (options.token !== undefined && options.actor !== undefined) throw new UsageError('give either --token or --actor, not both');
  if (options.actor !== undefined) {
    if (!ACTOR_NAME.test(options.actor)) {
      throw new InvalidInput([{ field: 'actor', problems: ['--actor must be 1 to 64 letters, digits or . _ @ -'] }]);
    }
    const status = operatorStatus(config);
    if (!status.operator) throw new UsageError(`--actor is for an operator of the store (${status.reason}); use --token or GOVERNANCE_TOKEN`);
    return options.actor;
  }
  if (token !== undefined) {
    const actor = tokens.actorOf(token);
    if (!actor) throw new Error(`unknown token${options.token === undefined ? ' (from GOVERNANCE_TOKEN)' : ''}`);
    return actor;
  }
  return undefined;
}
