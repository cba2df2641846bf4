/**
 * The event store port. Adapters: embedded SQLite (default) and KurrentDB.
 * Every adapter passes the shared contract suite in `event-store.contract.ts`.
 */

export const EVENT_STORE = Symbol('EVENT_STORE');

/** What the caller expects the stream to be before the append. */
export type ExpectedRevision =
  | 'any'
  /** The stream must not exist yet. */
  | 'no_stream'
  /** The stream must exist. */
  | 'stream_exists'
  /** The 0-based revision of the stream's last event. */
  | number;

export interface NewEvent {
  /** Unique id (UUID). Appending an event whose id is already stored is a no-op that returns the first result. */
  eventId: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

export interface StoredEvent {
  eventId: string;
  streamId: string;
  type: string;
  /** 0-based position of the event in its stream. */
  revision: number;
  /** Position in the global log: strictly increasing with append order, gaps allowed. */
  position: number;
  /** ISO 8601 instant set by the store; never decreases along the global log. */
  recordedAt: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

export interface AppendResult {
  /** The revision of the stream's last event after the append. */
  nextRevision: number;
  /** The stored events, in order (the first results when the append was a replay). */
  events: StoredEvent[];
  /** True when every event id was already stored: nothing was appended. */
  replayed: boolean;
}

export class WrongExpectedRevision extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's current revision, or -1 when it does not exist. */
    readonly actual: number,
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, current revision is ${actual}`);
  }
}

/** An event id reused for a different stream or a different event. */
export class EventIdConflict extends Error {
  constructor(readonly eventId: string) {
    super(`event id ${eventId} is already stored for another event`);
  }
}

/** What `verify` found: the first broken link of the hash chains, if any. */
export interface IntegrityReport {
  ok: boolean;
  /** Events checked. */
  checked: number;
  /** Whether this store keeps hash chains (per stream and global). */
  chained: boolean;
  /**
   * What was checked, event by event, where a store checks less than both chains (KurrentDB: the
   * stream chains kept in each event's metadata, no global chain): how many events had their
   * stream revision checked, their stream chain link recomputed, their global chain link
   * recomputed, and how many carry no link (written before the chains), whose revision only was checked.
   */
  checks?: { streamRevisions: number; streamChains: number; logChain: number; unchained: number };
  firstBroken?: { position: number | null; eventId?: string; streamId?: string; problem: string };
}

export interface Subscription {
  /** Stops delivery; resolves when no handler call is running. */
  close(): Promise<void>;
}

export interface SubscribeOptions {
  /** Deliver events whose position is strictly greater than this one (null: from the start). */
  fromPosition: number | null;
  /** Called once per event, in global order, awaited before the next one. */
  handler: (event: StoredEvent) => Promise<void> | void;
  /** Called when delivery stops on an error (the handler's or the store's). */
  onError?: (error: unknown) => void;
}

export interface EventStore {
  /**
   * Appends events to a stream atomically: all or none. Durable when the promise resolves.
   * Throws WrongExpectedRevision when the stream is not as expected (nothing is appended).
   * When every event id is already stored in this stream, returns the stored events (replayed: true).
   */
  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /** Events of a stream in revision order, from `fromRevision` (default 0). Empty when the stream does not exist. */
  readStream(streamId: string, fromRevision?: number): Promise<StoredEvent[]>;
  /** The revision of the stream's last event, or -1 when the stream does not exist. */
  streamRevision(streamId: string): Promise<number>;
  /** Events of the global log with position > `after` (null: from the start), at most `limit`. */
  readAll(after: number | null, limit: number): Promise<StoredEvent[]>;
  /** The position of the last event of the global log, or null when the log is empty. */
  lastPosition(): Promise<number | null>;
  /** How many events the log holds, where the store can tell (KurrentDB's positions are byte offsets, not a count). */
  countEvents?(): Promise<number>;
  /** The event with that id, or null. */
  findEvent(eventId: string): Promise<StoredEvent | null>;
  /** Catch-up subscription to the global log: past events first, then live ones, in order, none twice. */
  subscribe(options: SubscribeOptions): Subscription;
  /** Recomputes the hash chains (per stream and global) and names the first broken link. */
  verify(): Promise<IntegrityReport>;
  /**
   * Restores a backup: copies records this store (or another one) wrote, into an EMPTY store.
   * It is the store copying its own records, not a client writing: event ids, streams,
   * revisions, `recordedAt`, data and metadata are kept exactly (an adapter whose log has its
   * own positions may keep the given ones too). `events` are in global order; each stream's
   * revisions run 0, 1, 2…; `recordedAt` never decreases. All or nothing, in one transaction;
   * the hash chains are recomputed, so a faithful copy of a chained store ends with the same
   * `chainHead()`. Refused (nothing written) when the store holds any event, when the records
   * are inconsistent, or when the adapter cannot keep them as they are (KurrentDB stamps its own
   * created dates: use the import there).
   */
  restore(events: StoredEvent[]): Promise<void>;
  /** The hash of the global chain's last link (the whole log's fingerprint); null when the store keeps no chain or is empty. */
  chainHead(): Promise<string | null>;
  /** A short status for /health. */
  health(): Promise<{ status: 'up' | 'down'; detail?: string }>;
  close(): Promise<void>;
}
