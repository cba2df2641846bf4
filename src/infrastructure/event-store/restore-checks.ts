/**
 * The rules a backup follows as a whole, to be restored as one log: event ids unique, each
 * stream's revisions 0, 1, 2…, positions whole numbers increasing, recordedAt instants as the
 * store writes them and never decreasing. The command line checks an export with them before
 * it restores anything, and the SQLite store checks the records it is given with them again.
 * Each caller words the problems for its own readers.
 */

/** What the log rules look at in a record. */
export interface RestoreLogRecord {
  eventId: string;
  streamId: string;
  revision: unknown;
  position: unknown;
  recordedAt: unknown;
}

/** The first rule a record breaks, with what the caller needs to say so. */
export type RestoreLogProblem =
  /** The id is already the one of record number `earlier` (0-based, in the order given). */
  | { rule: 'unique-id'; earlier: number }
  /** The stream's next revision was `expected`. */
  | { rule: 'revision'; expected: number }
  /** Not a whole number greater than the previous record's position, `previous` (0 before the first). */
  | { rule: 'position'; previous: number }
  /** Not an instant as the store writes them. */
  | { rule: 'instant' }
  /** Before the previous record's instant. */
  | { rule: 'instant-order'; previous: string };

/** An instant exactly as the store writes them (`toISOString`), so that instants compare as strings. */
export function isStoreInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const ms = Date.parse(value);
  return Number.isFinite(ms) && new Date(ms).toISOString() === value;
}

/** Follows a restored log record by record, in log order. */
export class RestoreLogCheck {
  private readonly ids = new Map<string, number>();
  private readonly revisions = new Map<string, number>();
  private lastPosition = 0;
  private lastRecordedAt = '';
  private accepted = 0;

  /** The first rule `record` breaks (its id, then its place in the log), or null; when null, the record is accepted. */
  next(record: RestoreLogRecord): RestoreLogProblem | null {
    const problem = this.idProblem(record.eventId) ?? this.orderProblem(record);
    if (problem === null) this.accept(record);
    return problem;
  }

  /** The rule of unique ids alone (the id is expected in lower case). */
  idProblem(eventId: string): RestoreLogProblem | null {
    const earlier = this.ids.get(eventId);
    return earlier === undefined ? null : { rule: 'unique-id', earlier };
  }

  /** The rules of the record's place in the log: revision, position, recordedAt. */
  orderProblem(record: RestoreLogRecord): RestoreLogProblem | null {
    const expected = this.expectedRevision(record.streamId);
    if (record.revision !== expected) return { rule: 'revision', expected };
    const position = record.position;
    if (typeof position !== 'number' || !Number.isSafeInteger(position) || position <= this.lastPosition) {
      return { rule: 'position', previous: this.lastPosition };
    }
    if (!isStoreInstant(record.recordedAt)) return { rule: 'instant' };
    if (record.recordedAt < this.lastRecordedAt) return { rule: 'instant-order', previous: this.lastRecordedAt };
    return null;
  }

  /** Takes a record that broke no rule as the log's last. */
  accept(record: RestoreLogRecord): void {
    this.ids.set(record.eventId, this.accepted++);
    this.revisions.set(record.streamId, this.expectedRevision(record.streamId));
    this.lastPosition = record.position as number;
    this.lastRecordedAt = record.recordedAt as string;
  }

  private expectedRevision(streamId: string): number {
    return (this.revisions.get(streamId) ?? -1) + 1;
  }
}
