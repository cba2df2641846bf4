import { EventIdConflict } from '../event-store.port.js';
import type { PendingEvent } from './kurrentdb.mapping.js';

/** The port's replay rule on KurrentDB: what an append whose event ids are already stored is. */

/** Where an already stored event id lives. */
export interface StoredLocation {
  streamId: string;
  revision: number;
}

/**
 * The port's rule when some event ids of an append are already stored (the same as the SQLite
 * adapter's): a replay when all of them are, in this stream, at consecutive revisions in the
 * same order; an `EventIdConflict` otherwise. Returns the revision of the first replayed event.
 */
export function decideReplay(
  streamId: string,
  pending: readonly PendingEvent[],
  stored: readonly (StoredLocation | undefined)[],
): { fromRevision: number } {
  const conflictingIndex = stored.findIndex((location) => location !== undefined);
  if (conflictingIndex < 0) throw new Error('decideReplay: none of the event ids is stored');
  const conflicting = pending[conflictingIndex].eventId;
  const first = stored[0];
  if (!first || first.streamId !== streamId) throw new EventIdConflict(conflicting);
  stored.forEach((location, i) => {
    if (!location) throw new EventIdConflict(conflicting);
    if (location.streamId !== streamId || location.revision !== first.revision + i) {
      throw new EventIdConflict(pending[i].eventId);
    }
  });
  return { fromRevision: first.revision };
}

