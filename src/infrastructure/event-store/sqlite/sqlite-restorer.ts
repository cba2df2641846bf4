import type Database from 'better-sqlite3';
import { isUuid } from '../../../libs/uuid.js';
import { isRecord } from '../../../libs/records.js';
import { normalizeEventId } from '../port-arguments.js';
import { EventIdConflict, type StoredEvent } from '../event-store.port.js';
import { RestoreLogCheck, type RestoreLogProblem } from '../restore-checks.js';
import { GENESIS, link, type HashedEvent } from './hash-chain.js';
import { ownError } from './sqlite-errors.js';
import type { EventStatements } from './sqlite-statements.js';
import type { SqliteTreeRecording } from './sqlite-tree-recording.js';

/** A record to restore, checked and serialized. */
interface RestoredRecord extends HashedEvent {
  position: number;
}

/**
 * Restores a backup into an empty file: the records keep their ids, streams, revisions,
 * positions, recordedAt, data and metadata; the chains are recomputed as `append` computes them,
 * so a faithful copy ends with the same chain head. One transaction. With the transparency log,
 * the restored events become the Merkle tree in the same transaction (the tree is a function of
 * the records: a faithful copy has the original's roots, so receipts issued before still verify).
 */
export class SqliteRestorer {
  private readonly transaction: Database.Transaction<(records: RestoredRecord[]) => void>;

  constructor(
    db: Database.Database,
    private readonly statements: EventStatements,
    private readonly tree: SqliteTreeRecording | null = null,
  ) {
    this.transaction = db.transaction((records: RestoredRecord[]) => this.restoreInTransaction(records));
  }

  /** Checks every record (throws, naming the first at fault), then writes them; returns how many. */
  restore(events: StoredEvent[]): number {
    const records = prepareRestore(events);
    try {
      this.transaction.immediate(records);
    } catch (error) {
      throw ownError(error);
    }
    return records.length;
  }

  private restoreInTransaction(records: RestoredRecord[]): void {
    const stored = this.statements.count.get()?.n ?? 0;
    const sequence = this.statements.sequence.get()?.seq ?? 0;
    if (stored > 0 || sequence > 0) {
      throw new Error(
        `restore: the event store is not empty (${stored} events${stored === 0 ? `, positions used up to ${sequence}` : ''}); a backup is restored only into an empty store`,
      );
    }
    const streams = new Map<string, string>();
    let logHash = GENESIS;
    for (const r of records) {
      const links = link(r, streams.get(r.streamId) ?? GENESIS, logHash);
      logHash = links.logHash;
      streams.set(r.streamId, links.streamHash);
      this.statements.insertAt.run(r.position, r.eventId, r.streamId, r.revision, r.type, r.data, r.metadata, r.recordedAt, links.streamHash, logHash);
    }
    this.tree?.recordRestored(records.map(asStored));
  }
}

/**
 * Checks that the records of a restore are a consistent log — ids unique UUIDs, each stream's
 * revisions 0, 1, 2…, positions increasing, recordedAt canonical ISO instants never decreasing —
 * and serializes them. Throws, naming the first record at fault.
 */
function prepareRestore(events: StoredEvent[]): RestoredRecord[] {
  if (!Array.isArray(events)) throw new TypeError('restore: events must be an array');
  const log = new RestoreLogCheck();
  return events.map((event, i) => {
    const where = `restore: record ${i + 1}${typeof event?.eventId === 'string' ? ` (event ${event.eventId})` : ''}`;
    if (!isRecord(event)) throw new TypeError(`${where} is not an event`);
    const eventId = normalizeEventId(event.eventId);
    if (!isUuid(eventId)) throw new TypeError(`${where}: the event id is not a UUID`);
    if (log.idProblem(eventId)) throw new EventIdConflict(eventId);
    if (typeof event.streamId !== 'string' || event.streamId.length === 0) throw new TypeError(`${where}: streamId must be a non-empty string`);
    if (typeof event.type !== 'string' || event.type.length === 0) throw new TypeError(`${where}: type must be a non-empty string`);
    const record = { ...event, eventId };
    const problem = log.orderProblem(record);
    if (problem) throw restoreError(where, record, problem);
    log.accept(record);
    if (!isRecord(event.data)) throw new TypeError(`${where}: data must be an object`);
    if (!isRecord(event.metadata)) throw new TypeError(`${where}: metadata must be an object`);
    return {
      position: event.position,
      eventId,
      streamId: event.streamId,
      revision: event.revision,
      type: event.type,
      data: JSON.stringify(event.data),
      metadata: JSON.stringify(event.metadata),
      recordedAt: event.recordedAt,
    };
  });
}

/** A restored record as the store will read it back (the leaf is computed from that). */
function asStored(r: RestoredRecord): StoredEvent {
  return {
    position: r.position,
    eventId: r.eventId,
    streamId: r.streamId,
    revision: r.revision,
    type: r.type,
    recordedAt: r.recordedAt,
    data: JSON.parse(r.data) as Record<string, unknown>,
    metadata: JSON.parse(r.metadata) as Record<string, unknown>,
  };
}

/** A rule of the log broken by a record, as the store words it. */
function restoreError(where: string, event: StoredEvent, problem: RestoreLogProblem): Error {
  switch (problem.rule) {
    case 'unique-id':
      return new EventIdConflict(event.eventId);
    case 'revision':
      return new Error(`${where}: stream ${event.streamId} goes from revision ${problem.expected - 1} to ${String(event.revision)}; each stream's revisions must run 0, 1, 2…`);
    case 'position':
      return new Error(`${where}: position ${String(event.position)} must be a whole number greater than the previous one (${problem.previous})`);
    case 'instant':
      return new TypeError(`${where}: recordedAt must be an instant as the store writes them (YYYY-MM-DDTHH:mm:ss.sssZ)`);
    case 'instant-order':
      return new Error(`${where}: recordedAt ${event.recordedAt} is before the previous record's (${problem.previous})`);
  }
}
