import { START } from '@kurrent/kurrentdb-client';
import type { IntegrityReport, StoredEvent } from '../event-store.port.js';
import type { KurrentDbReader } from './kurrentdb-reader.js';
import { chainLink, eventHash, GENESIS, sealOf } from './kurrentdb-seal.js';
import { isSystemEvent, normalizeEventId, positionToNumber, toStoredEvent } from './kurrentdb.mapping.js';

/**
 * `verify` on KurrentDB: walks the store's streams in log order and checks, event by event, that
 * each stream's revisions follow each other and that each event's stream chain link (in its
 * metadata, `kurrentdb-seal.ts`) is the hash of the event chained to the link before it. There
 * is no global chain (each stream's writer knows its predecessor, not the log's), so `chained` is
 * false and `checks` says what was checked; events written before the chains existed are counted
 * as `unchained` (their revisions only are checked, and their stream's chain starts again after them).
 */
export async function verifyStreams(reader: KurrentDbReader): Promise<IntegrityReport> {
  const streams = new Map<string, { revision: number; link: string }>();
  const checks = { streamRevisions: 0, streamChains: 0, logChain: 0, unchained: 0 };
  const broken = (where: { position: number | null; eventId?: string; streamId?: string }, problem: string): IntegrityReport => ({
    ok: false,
    checked: checks.streamRevisions,
    chained: false,
    checks,
    firstBroken: { ...where, problem },
  });
  for await (const resolved of reader.readLog(START, null)) {
    const recorded = resolved.event;
    if (!recorded?.position || resolved.link !== undefined || isSystemEvent(recorded.streamId, recorded.type)) continue;
    let event: StoredEvent;
    try {
      event = toStoredEvent(recorded);
    } catch (error) {
      const position = positionToNumber(recorded.position, recorded.id);
      return broken({ position, eventId: normalizeEventId(recorded.id), streamId: recorded.streamId }, `the event cannot be read: ${(error as Error).message}`);
    }
    const where = { position: event.position, eventId: event.eventId, streamId: event.streamId };
    const stream = streams.get(event.streamId) ?? { revision: -1, link: GENESIS };
    if (event.revision !== stream.revision + 1) {
      return broken(where, `stream ${event.streamId} goes from revision ${stream.revision} to ${event.revision}: events are missing`);
    }
    const seal = sealOf(recorded.metadata);
    if (seal) {
      if (chainLink(stream.link, eventHash(event)) !== seal.link) return broken(where, 'the event differs from what was recorded (stream chain broken)');
      checks.streamChains++;
    } else {
      checks.unchained++;
    }
    streams.set(event.streamId, { revision: event.revision, link: seal?.link ?? GENESIS });
    checks.streamRevisions++;
  }
  return { ok: true, checked: checks.streamRevisions, chained: false, checks };
}
