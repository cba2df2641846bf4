import { randomUUID } from 'node:crypto';
import type { StoredEvent } from '../../../infrastructure/event-store/event-store.port.js';
import { RuleBroken } from '../../../libs/app-errors.js';
import { sha256, uuidFromName } from '../../../libs/ids.js';

/**
 * Idempotent writes: a request with an Idempotency-Key gets an event id derived from the key (same
 * framework, same actor), so that a retry finds its first result in the store and appends nothing;
 * the fingerprint of the request tells a retry from another request reusing the key.
 */

export function eventIdFor(frameworkId: string, actor: string, idempotencyKey: string | undefined): string {
  return idempotencyKey === undefined ? randomUUID() : uuidFromName(`${frameworkId}|${actor}|${idempotencyKey}`);
}

/** The fingerprint of a request: what it asks to record, where. */
export function requestHash(frameworkId: string, command: string, event: unknown): string {
  return sha256(JSON.stringify({ frameworkId, command, event }));
}

/** The first result of a retried request; a 422 when the key was used for another request. */
export function replayOf(earlier: StoredEvent, hash: string): StoredEvent {
  if (earlier.metadata.requestHash !== hash) {
    throw new RuleBroken('idempotency-key-reused', 'this Idempotency-Key was used for a different request');
  }
  return earlier;
}
