import { createHash } from 'node:crypto';
import type { IntegrityReport } from '../event-store.port.js';

/**
 * Tamper evidence of the embedded store: each event's SHA-256 hash is chained to the previous
 * event of its stream (`stream_hash`) and to the previous event of the whole log (`log_hash`),
 * so that `verify` finds any change made behind the store's back (a byte changed, a row deleted
 * or reordered). The last log hash is the store's chain head.
 */

/** The hash before the first event of a chain. */
export const GENESIS = '';

/** The fields of an event that its hash covers, serialized as stored. */
export interface HashedEvent {
  eventId: string;
  streamId: string;
  revision: number;
  type: string;
  /** JSON text, as stored. */
  data: string;
  /** JSON text, as stored. */
  metadata: string;
  recordedAt: string;
}

export function eventHash(e: HashedEvent): string {
  const fields = [e.eventId, e.streamId, e.revision, e.type, e.data, e.metadata, e.recordedAt];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

export function chain(previous: string, hash: string): string {
  return createHash('sha256').update(`${previous}|${hash}`).digest('hex');
}

/** The two chain links of an event that follows `streamHash` in its stream and `logHash` in the log. */
export function link(event: HashedEvent, streamHash: string, logHash: string): { streamHash: string; logHash: string } {
  const hash = eventHash(event);
  return { streamHash: chain(streamHash, hash), logHash: chain(logHash, hash) };
}

/** An event as stored, with its position and its two links. */
export interface ChainedEvent extends HashedEvent {
  position: number;
  streamHash: string;
  logHash: string;
}

/**
 * Walks the events in log order, recomputing both chains, and reports the first row where they
 * break; then checks that no row is missing at the end of the log (`sequence`: the last position
 * ever given). A read that fails is reported as a broken log rather than thrown.
 */
export function verifyChains(read: () => { events: Iterable<ChainedEvent>; sequence: () => number }): IntegrityReport {
  const streams = new Map<string, { revision: number; hash: string }>();
  let logHash = GENESIS;
  let checked = 0;
  let last = 0;
  const broken = (event: Partial<ChainedEvent>, problem: string): IntegrityReport => ({
    ok: false,
    checked,
    chained: true,
    firstBroken: { position: event.position ?? null, ...(event.eventId ? { eventId: event.eventId } : {}), ...(event.streamId ? { streamId: event.streamId } : {}), problem },
  });
  try {
    const { events, sequence } = read();
    for (const event of events) {
      const hash = eventHash(event);
      const stream = streams.get(event.streamId) ?? { revision: -1, hash: GENESIS };
      if (event.revision !== stream.revision + 1) {
        return broken(event, `stream ${event.streamId} goes from revision ${stream.revision} to ${event.revision}: events are missing`);
      }
      if (chain(stream.hash, hash) !== event.streamHash) return broken(event, 'the event differs from what was recorded (stream chain broken)');
      if (chain(logHash, hash) !== event.logHash) {
        return broken(event, 'the log chain is broken here: an earlier event was removed, reordered or changed');
      }
      streams.set(event.streamId, { revision: event.revision, hash: event.streamHash });
      logHash = event.logHash;
      last = event.position;
      checked++;
    }
    const reached = sequence();
    if (reached > last) return broken({ position: last + 1 }, `events after position ${last} are missing (the log reached ${reached})`);
  } catch (error) {
    return broken({ position: last + 1 }, `the file cannot be read: ${(error as Error).message}`);
  }
  return { ok: true, checked, chained: true };
}
