/**
 * Pure mapping between the event store port and the KurrentDB client's shapes: events and
 * records, revisions and positions, expected revisions, errors, and the adapter's replay rule.
 *
 * Only types are imported from `@kurrent/kurrentdb-client` (erased at compile time): this file
 * loads no client code, so it is unit-tested without a server. Client errors are recognised by
 * their documented `type` field (`ErrorType` values such as 'wrong-expected-version') rather
 * than with `instanceof`.
 */
import type {
  AppendStreamState,
  CurrentStreamState,
  JSONEventData,
  JSONEventType,
  Position,
} from '@kurrent/kurrentdb-client';
import {
  WrongExpectedRevision,
  type ExpectedRevision,
  type NewEvent,
  type StoredEvent,
} from '../event-store.port.js';
import { isRecord } from '../../../libs/records.js';
import { checkAppendArguments, isExpectedRevision, normalizeEventId } from '../port-arguments.js';
import { recordedAtOf, SEAL_KEY, sealOf, withoutSeal } from './kurrentdb-seal.js';

/** The largest commit position the port's `number` positions can carry exactly (2^53 - 1). */
export const MAX_PORT_POSITION = BigInt(Number.MAX_SAFE_INTEGER);
/** What the server sends for "no position" (ulong.MaxValue), e.g. for events of legacy explicit transactions. */
const NO_POSITION = 2n ** 64n - 1n;

/** A recorded event as the client returns it (`RecordedEvent` / `AllStreamRecordedEvent`). */
export interface RecordedEventLike {
  streamId: string;
  id: string;
  type: string;
  revision: bigint;
  created: Date;
  isJson: boolean;
  data: unknown;
  metadata?: unknown;
  position?: Position;
}

/** A resolved event as the client returns it (`ResolvedEvent` / `AllStreamResolvedEvent`). */
export interface ResolvedEventLike {
  event?: RecordedEventLike;
  link?: unknown;
  commitPosition?: bigint;
}

/** A new event, validated, with its id normalized to lower case. */
export interface PendingEvent {
  eventId: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

/** A commit position the port cannot carry as a JS number. */
export class PositionOutOfRange extends Error {
  constructor(readonly position: bigint) {
    super(
      `KurrentDB commit position ${position} is above 2^53 - 1, the largest position the event store port ` +
        'can represent as a number; this adapter cannot serve a transaction log this large',
    );
  }
}

/** An event this service cannot have written: not a JSON object, no position, ... */
export class UnreadableEvent extends Error {
  constructor(
    readonly eventId: string,
    readonly streamId: string,
    reason: string,
  ) {
    super(`KurrentDB event ${eventId} in stream ${streamId}: ${reason}`);
  }
}

// ---------------------------------------------------------------------------------------------
// System events

/**
 * KurrentDB's own events: `$`-prefixed streams (`$stats-…`, `$$metadata`, `$projections-…`,
 * `$settings`, …) and `$`-prefixed event types (`$metadata`, `$>` links, `$streamDeleted`, …).
 * Subscriptions and reads filter them server-side with `excludeSystemEvents()` (event types),
 * and again here (stream names), so the port only ever sees the service's events.
 */
export function isSystemEvent(streamId: string, type: string): boolean {
  return isSystemStream(streamId) || type.startsWith('$');
}

export function isSystemStream(streamId: string): boolean {
  return streamId.startsWith('$');
}

/**
 * The service's own streams on a shared server: those whose name starts with one of `prefixes`
 * (the adapter's `streamPrefixes`, `framework-` for the service). Reads of `$all` and
 * subscriptions are filtered to them by the server, so another application's events (non-JSON
 * ones included) never reach the projection, `verify` or the event id index.
 */
export function isOwnStream(streamId: string, prefixes: readonly string[]): boolean {
  return prefixes.some((prefix) => streamId.startsWith(prefix));
}

// ---------------------------------------------------------------------------------------------
// Positions and revisions

/**
 * The port's global position of an event: its `$all` commit position, as a JS number.
 *
 * Events written by ordinary appends commit themselves, so their position is
 * `{ commit: p, prepare: p }` with `p` the log offset of the event's own record: distinct and
 * increasing along `$all`, even within one multi-event append. The reverse mapping is therefore
 * `{ commit: n, prepare: n }` (`numberToPosition`). Events of legacy explicit transactions
 * (removed TCP API) share their transaction's commit position: they are refused with a clear
 * error rather than given positions that would not be strictly increasing.
 */
export function positionToNumber(position: Position, eventId?: string): number {
  const { commit, prepare } = position;
  const what = eventId ? `event ${eventId}` : 'a position';
  if (commit === NO_POSITION || commit < 0n) throw new Error(`KurrentDB returned no commit position for ${what}`);
  if (commit > MAX_PORT_POSITION) throw new PositionOutOfRange(commit);
  if (prepare !== commit) {
    throw new Error(
      `KurrentDB position of ${what} has commit ${commit} ≠ prepare ${prepare}: it was written in an explicit ` +
        'transaction, which this adapter cannot number (the service never writes such events)',
    );
  }
  return Number(commit);
}

/** The `$all` position of the event whose port position is `n` (see `positionToNumber`). */
export function numberToPosition(n: number): Position {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`invalid event store position ${String(n)}`);
  const value = BigInt(n);
  return { commit: value, prepare: value };
}

/** A stream revision (bigint) as a port revision (number). */
export function revisionToNumber(revision: bigint): number {
  if (revision < 0n || revision > MAX_PORT_POSITION) throw new RangeError(`stream revision ${revision} is out of range`);
  return Number(revision);
}

/**
 * The largest known position `<= n` in `sorted` (ascending), or null. Reads of `$all` must start
 * at a record boundary (the server answers "invalid position" otherwise): a port position that
 * is not an event's own (e.g. `p - 1`) is replaced by the nearest event position before it.
 */
export function floorPosition(sorted: readonly number[], n: number): number | null {
  let low = 0;
  let high = sorted.length - 1;
  let found: number | null = null;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid] <= n) {
      found = sorted[mid];
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Expected revisions

/** The port's expected revision as the client's `streamState`. */
export function toStreamState(expected: ExpectedRevision): AppendStreamState {
  switch (expected) {
    case 'any':
      return 'any';
    case 'no_stream':
      return 'no_stream';
    case 'stream_exists':
      return 'stream_exists';
    default:
      if (typeof expected !== 'number' || !Number.isSafeInteger(expected) || expected < 0) {
        throw new TypeError(`invalid expected revision ${String(expected)}`);
      }
      return BigInt(expected);
  }
}

/** The client's current stream state as a port revision: -1 when the stream does not exist. */
export function actualRevisionOf(state: CurrentStreamState | bigint | undefined): number {
  if (typeof state === 'bigint') return state < 0n ? -1 : revisionToNumber(state); // -5/-6: deleted / tombstoned
  return -1;
}

// ---------------------------------------------------------------------------------------------
// Errors

function errorType(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const type = (error as { type?: unknown }).type;
  return typeof type === 'string' ? type : undefined;
}

/** The client's `WrongExpectedVersionError` as the port's `WrongExpectedRevision`; null for any other error. */
export function toWrongExpectedRevision(
  error: unknown,
  streamId: string,
  expected: ExpectedRevision,
): WrongExpectedRevision | null {
  if (errorType(error) !== 'wrong-expected-version') return null;
  const actual = actualRevisionOf((error as { actualState?: CurrentStreamState }).actualState);
  return new WrongExpectedRevision(streamId, expected, actual);
}

/** Reading a stream that does not exist (the client's `StreamNotFoundError`). */
export function isStreamNotFound(error: unknown): boolean {
  return errorType(error) === 'stream-not-found';
}

/** gRPC status codes of failures worth retrying: CANCELLED (by the server), DEADLINE_EXCEEDED, UNAVAILABLE. */
const TRANSIENT_GRPC_CODES = new Set([1, 4, 14]);
const TRANSIENT_TYPES = new Set(['unavailable', 'deadline-exceeded', 'timeout', 'not-leader', 'cancelled']);

/**
 * A failure of the connection rather than of the request (server restarting, leader change,
 * network cut): a subscription re-subscribes after it, from its last delivered position.
 */
export function isTransientError(error: unknown): boolean {
  const type = errorType(error);
  if (type !== undefined && TRANSIENT_TYPES.has(type)) return true;
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'number' && TRANSIENT_GRPC_CODES.has(code);
}

export function describeError(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) {
    const { message: text, name } = error as { message?: unknown; name?: unknown };
    const type = errorType(error);
    const message = (typeof text === 'string' && text) || (typeof name === 'string' && name) || 'error';
    return type && !message.includes(type) ? `${type}: ${message}` : message;
  }
  return String(error);
}

// ---------------------------------------------------------------------------------------------
// Events

/** Checks the arguments of `append` (programming errors) and normalizes the events. */
export function prepareAppend(streamId: string, events: NewEvent[], expected: ExpectedRevision, prefixes?: readonly string[]): PendingEvent[] {
  if (typeof streamId === 'string' && isSystemStream(streamId)) {
    throw new TypeError(`append: ${streamId} is a KurrentDB system stream name ($-prefixed)`);
  }
  if (typeof streamId === 'string' && prefixes && !isOwnStream(streamId, prefixes)) {
    throw new TypeError(`append: ${streamId} is not one of this store's streams (${prefixes.map((p) => `${p}…`).join(', ')})`);
  }
  return checkAppendArguments(streamId, events, expected, (event) => {
    if (event.type.startsWith('$')) throw new TypeError(`event ${event.eventId}: type ${event.type} is reserved for KurrentDB ($-prefixed)`);
    if (SEAL_KEY in event.metadata) throw new TypeError(`event ${event.eventId}: metadata.${SEAL_KEY} is reserved for the store's hash chain`);
  }).map(({ eventId, type, data, metadata }) => ({ eventId, type, data, metadata }));
}

export { isExpectedRevision, normalizeEventId };

type PortJsonEvent = JSONEventType<string, Record<string, unknown>, Record<string, unknown>>;

/**
 * A new event as the client's event data (what `jsonEvent` builds): the port's event id is the
 * KurrentDB event id, data and metadata are stored as JSON (metadata carries actor, source, …
 * exactly as given).
 */
export function toEventData(event: PendingEvent): JSONEventData<PortJsonEvent> {
  return {
    id: event.eventId,
    contentType: 'application/json',
    type: event.type,
    data: event.data,
    metadata: event.metadata,
  };
}

/**
 * A recorded event as the port's stored event.
 *
 * `recordedAt` is the `created` instant KurrentDB stamps on each event when it writes it (the
 * leader's clock, millisecond precision as the client returns it), never a client-provided one,
 * raised to the seal's `notBefore` when the leader's clock was behind (`kurrentdb-seal.ts`). The
 * metadata is the caller's, without the seal.
 */
export function toStoredEvent(recorded: RecordedEventLike): StoredEvent {
  const eventId = normalizeEventId(recorded.id);
  const { streamId } = recorded;
  if (!recorded.position) {
    throw new UnreadableEvent(eventId, streamId, 'the server returned no position (KurrentDB 22.6 or later is needed)');
  }
  if (!recorded.isJson || !isRecord(recorded.data)) throw new UnreadableEvent(eventId, streamId, 'data is not a JSON object');
  const metadata = recorded.metadata ?? {};
  if (!isRecord(metadata)) throw new UnreadableEvent(eventId, streamId, 'metadata is not a JSON object');
  const created = recorded.created;
  // Not `instanceof Date`: the Date may come from another realm (the native bridge, a test VM).
  if (Object.prototype.toString.call(created) !== '[object Date]' || Number.isNaN(created.getTime())) {
    throw new UnreadableEvent(eventId, streamId, 'the server returned no valid creation date');
  }
  return {
    eventId,
    streamId,
    type: recorded.type,
    revision: revisionToNumber(recorded.revision),
    position: positionToNumber(recorded.position, eventId),
    recordedAt: recordedAtOf(created.toISOString(), sealOf(metadata)),
    data: recorded.data,
    metadata: withoutSeal(metadata),
  };
}

/**
 * The service event carried by a resolved event from `$all`, or null for what the port never
 * shows: system events, link events whose target is gone, and (given `prefixes`) other streams.
 */
export function fromResolvedEvent(resolved: ResolvedEventLike, prefixes?: readonly string[]): StoredEvent | null {
  const recorded = resolved.event;
  if (!recorded || resolved.link !== undefined) return null;
  if (isSystemEvent(recorded.streamId, recorded.type)) return null;
  if (prefixes && !isOwnStream(recorded.streamId, prefixes)) return null;
  return toStoredEvent(recorded);
}
