import { AsyncLocalStorage } from 'node:async_hooks';
import {
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  START,
  excludeSystemEvents,
  type AllStreamSubscription,
  type ReadPosition,
} from '@kurrent/kurrentdb-client';
import {
  WrongExpectedRevision,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type IntegrityReport,
  type NewEvent,
  type StoredEvent,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port.js';
import { reportSubscriptionError } from '../subscription-errors.js';
import {
  actualRevisionOf,
  decideReplay,
  describeError,
  floorPosition,
  fromResolvedEvent,
  isStreamNotFound,
  isSystemEvent,
  isTransientError,
  normalizeEventId,
  numberToPosition,
  positionToNumber,
  prepareAppend,
  revisionToNumber,
  toEventData,
  toStoredEvent,
  toStreamState,
  toWrongExpectedRevision,
  type PendingEvent,
  type ResolvedEventLike,
  type StoredLocation,
} from './kurrentdb.mapping.js';

/**
 * The KurrentDB adapter of the event store port, through the official client
 * (`@kurrent/kurrentdb-client`). For users who outgrow one machine; the embedded SQLite adapter
 * is the default. It passes the shared contract suite (`event-store.contract.ts`) wherever
 * `KURRENTDB_URL` points to a server.
 *
 * Mapping
 * - Stream ids are KurrentDB stream names, 1:1 (`framework-cccs13`); `$`-prefixed names are
 *   KurrentDB's own and refused.
 * - The port's event id is the KurrentDB event id; data and metadata are stored as JSON.
 * - The port's global position is the event's `$all` commit position (see `positionToNumber`).
 * - `recordedAt` is the `created` instant KurrentDB stamps on each event when it writes it
 *   (never a client-provided one). The port wants it never decreasing along the global log:
 *   KurrentDB stamps events with its leader's clock as it writes them in log order, so that holds
 *   as long as that clock does not go back (NTP step, or a leader change to a node whose clock is
 *   behind). The adapter cannot do better without rewriting stored events, and does not clamp
 *   instants at read time: the same event would then carry different instants depending on
 *   where a reader started. Keep the cluster's clocks synchronised.
 *
 * Idempotence
 * - What KurrentDB guarantees: an append whose event ids are the ones already written right
 *   after the expected revision is acknowledged again without writing anything; that holds for
 *   the same ids appended with the same expected revision, and, with `any`, only as long as the
 *   ids are still in the server's idempotence cache. It knows nothing of ids in other streams.
 * - What the adapter adds, for the port's semantics: an index of every event id of the log
 *   (id → stream, revision, position), built by reading `$all` once and then kept up to date by
 *   reading `$all` from where it stopped before each decision. Before appending, the ids are
 *   looked up: all stored, in this stream, at consecutive revisions in the same order → the
 *   stored events are returned with `replayed: true` whatever the expected revision (nothing is
 *   appended); some stored elsewhere or partly → `EventIdConflict`; none → the append goes to
 *   the server with the expected revision.
 * - Within one process, appends sharing an event id are serialised. Across processes a window
 *   remains between the lookup and the append: two processes appending the same new id to two
 *   different streams at the same instant can both succeed (same stream: the server's own
 *   idempotence or the expected revision stops the second one).
 * - Cost: the index holds about 150 bytes per event in memory and is built by one pass over
 *   `$all` on first use — fine for governance histories (thousands of events), to be replaced
 *   by a server-side lookup if a deployment ever holds tens of millions.
 *
 * The client connects lazily: `connect` never touches the network, `health()` does.
 */

/** The part of the client the adapter uses (a fake implements it in tests). */
export type KurrentClient = Pick<KurrentDBClient, 'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'>;

export interface KurrentDbEventStoreOptions {
  /** How long `health()` waits for the server, in ms. Default: 2000. */
  healthTimeoutMs?: number;
  /** Back-off of a subscription re-subscribing after its connection dropped, in ms. Default: 100 doubling to 5000. */
  resubscribeBackoffMs?: { initial?: number; max?: number };
  /** Events read per request when reading `$all` page by page. Default: 1000. */
  readPageSize?: number;
  /** Where dropped subscriptions and similar incidents are reported. Default: console. */
  logger?: Pick<Console, 'warn'>;
}

interface ResolvedOptions {
  healthTimeoutMs: number;
  backoffInitialMs: number;
  backoffMaxMs: number;
  readPageSize: number;
  logger: Pick<Console, 'warn'>;
}

/** A stream nobody writes: reading it is the cheapest round trip that proves the server answers. */
const HEALTH_PROBE_STREAM = 'governance-history-health-probe';

export class KurrentDbEventStore implements EventStore {
  private readonly subscriptions = new Set<KurrentDbSubscription>();
  private readonly index: EventLogIndex;
  private readonly locks = new KeyedLock();
  private readonly options: ResolvedOptions;
  private closing: Promise<void> | null = null;

  private constructor(
    private readonly client: KurrentClient,
    options: KurrentDbEventStoreOptions,
  ) {
    this.options = {
      healthTimeoutMs: options.healthTimeoutMs ?? 2000,
      backoffInitialMs: options.resubscribeBackoffMs?.initial ?? 100,
      backoffMaxMs: options.resubscribeBackoffMs?.max ?? 5000,
      readPageSize: Math.max(2, Math.trunc(options.readPageSize ?? 1000)),
      logger: options.logger ?? console,
    };
    this.index = new EventLogIndex((after, visit) => this.scanLog(after, visit));
  }

  /**
   * A store on the server of `connectionString` (e.g. `kurrentdb://localhost:2113?tls=false`).
   * Throws at once on a malformed connection string; connects on first use.
   */
  static connect(connectionString: string, options: KurrentDbEventStoreOptions = {}): KurrentDbEventStore {
    return new KurrentDbEventStore(KurrentDBClient.connectionString(connectionString), options);
  }

  /** A store on an existing client (custom credentials, tests). `close()` disposes of it. */
  static withClient(client: KurrentClient, options: KurrentDbEventStoreOptions = {}): KurrentDbEventStore {
    return new KurrentDbEventStore(client, options);
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    const pending = prepareAppend(streamId, events, expected);
    return this.locks.run(
      pending.map((e) => e.eventId),
      async () => {
        await this.index.refresh();
        const stored = pending.map((e) => this.index.get(e.eventId));
        if (stored.some((location) => location !== undefined)) return this.replay(streamId, pending, stored);

        let result;
        try {
          result = await this.client.appendToStream(streamId, pending.map(toEventData), {
            streamState: toStreamState(expected),
          });
        } catch (error) {
          throw toWrongExpectedRevision(error, streamId, expected) ?? error;
        }
        // With `throwOnAppendFailure=false` in the connection string the client reports instead of throwing.
        if (!result.success) throw new WrongExpectedRevision(streamId, expected, actualRevisionOf(result.nextExpectedRevision));

        const nextRevision = revisionToNumber(result.nextExpectedRevision);
        const appended = await this.readRange(streamId, nextRevision - pending.length + 1, pending.length);
        assertSameEvents(streamId, pending, appended);
        this.index.remember(appended);
        return { nextRevision, events: appended, replayed: false };
      },
    );
  }

  async readStream(streamId: string, fromRevision = 0): Promise<StoredEvent[]> {
    this.assertOpen();
    if (typeof streamId !== 'string' || streamId.length === 0) throw new TypeError('readStream: streamId must be a non-empty string');
    if (!Number.isSafeInteger(fromRevision) || fromRevision < 0) {
      throw new RangeError(`readStream: fromRevision must be a non-negative integer, got ${fromRevision}`);
    }
    return this.readRange(streamId, fromRevision);
  }

  async streamRevision(streamId: string): Promise<number> {
    this.assertOpen();
    try {
      for await (const resolved of this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 })) {
        if (resolved.event) return revisionToNumber(resolved.event.revision);
      }
    } catch (error) {
      if (isStreamNotFound(error)) return -1;
      throw error;
    }
    return -1;
  }

  async readAll(after: number | null, limit: number): Promise<StoredEvent[]> {
    this.assertOpen();
    if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`readAll: limit must be a positive integer, got ${limit}`);
    assertPosition('readAll', after);
    const events: StoredEvent[] = [];
    const from = await this.startPosition(after);
    const pageSize = Math.min(limit + 1, this.options.readPageSize);
    for await (const resolved of this.readLog(from, after, pageSize)) {
      const event = fromResolvedEvent(resolved);
      if (!event) continue;
      events.push(event);
      if (events.length === limit) break;
    }
    return events;
  }

  /**
   * KurrentDB keeps no hash chain of ours: this walks the log and checks that every stream's
   * revisions follow each other. Tamper evidence by hash chains is a feature of the SQLite store.
   */
  async verify(): Promise<IntegrityReport> {
    this.assertOpen();
    const revisions = new Map<string, number>();
    let checked = 0;
    let after: number | null = null;
    for (;;) {
      const page = await this.readAll(after, 1000);
      if (page.length === 0) break;
      for (const event of page) {
        const previous = revisions.get(event.streamId) ?? -1;
        if (event.revision !== previous + 1) {
          return {
            ok: false,
            checked,
            chained: false,
            firstBroken: {
              position: event.position,
              eventId: event.eventId,
              streamId: event.streamId,
              problem: `stream ${event.streamId} goes from revision ${previous} to ${event.revision}`,
            },
          };
        }
        revisions.set(event.streamId, event.revision);
        checked++;
      }
      after = page[page.length - 1].position;
    }
    return { ok: true, checked, chained: false };
  }

  /**
   * Not supported: KurrentDB stamps each event with its own `created` instant (and its own
   * positions), so records cannot be copied as they are. Use the import, which appends the
   * events anew (same ids, the first recording kept in the metadata).
   */
  async restore(_events: StoredEvent[]): Promise<void> {
    this.assertOpen();
    throw new Error(
      'restore is not supported by KurrentDB: it sets its own created dates (recordedAt) and positions, so records cannot be copied as they are; use import',
    );
  }

  /** KurrentDB keeps no hash chain of ours. */
  async chainHead(): Promise<string | null> {
    this.assertOpen();
    return null;
  }

  async lastPosition(): Promise<number | null> {
    this.assertOpen();
    await this.index.refresh();
    return this.index.last();
  }

  async findEvent(eventId: string): Promise<StoredEvent | null> {
    this.assertOpen();
    const id = normalizeEventId(eventId);
    let location = this.index.get(id);
    if (!location) {
      await this.index.refresh();
      location = this.index.get(id);
    }
    if (!location) return null;
    const [event] = await this.readRange(location.streamId, location.revision, 1);
    return event?.eventId === id ? event : null;
  }

  subscribe(options: SubscribeOptions): Subscription {
    this.assertOpen();
    assertPosition('subscribe', options.fromPosition);
    if (typeof options.handler !== 'function') throw new TypeError('subscribe: handler must be a function');
    const subscription = new KurrentDbSubscription(
      {
        startPosition: (after) => this.startPosition(after),
        subscribe: (from) => this.client.subscribeToAll({ fromPosition: from, filter: excludeSystemEvents() }),
        detach: (s) => this.subscriptions.delete(s),
        backoffInitialMs: this.options.backoffInitialMs,
        backoffMaxMs: this.options.backoffMaxMs,
        logger: this.options.logger,
      },
      options,
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async health(): Promise<{ status: 'up' | 'down'; detail?: string }> {
    if (this.closing) return { status: 'down', detail: 'event store is closed' };
    const timeoutMs = this.options.healthTimeoutMs;
    try {
      await withTimeout(this.probe(), timeoutMs, `no answer within ${timeoutMs} ms`);
      return { status: 'up' };
    } catch (error) {
      return { status: 'down', detail: `KurrentDB: ${describeError(error)}` };
    }
  }

  /** Stops every subscription (waiting for running handler calls), then releases the client. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.all([...this.subscriptions].map((s) => s.close()));
      await this.client.dispose();
    })();
    return this.closing;
  }

  private async replay(
    streamId: string,
    pending: PendingEvent[],
    stored: (StoredLocation | undefined)[],
  ): Promise<AppendResult> {
    const { fromRevision } = decideReplay(streamId, pending, stored);
    const events = await this.readRange(streamId, fromRevision, pending.length);
    assertSameEvents(streamId, pending, events);
    return { nextRevision: await this.streamRevision(streamId), events, replayed: true };
  }

  /** Events of a stream from `fromRevision`, at most `count`; empty when the stream does not exist. */
  private async readRange(streamId: string, fromRevision: number, count?: number): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    try {
      const read = this.client.readStream(streamId, {
        direction: FORWARDS,
        fromRevision: BigInt(fromRevision),
        ...(count === undefined ? {} : { maxCount: count }),
      });
      for await (const resolved of read) {
        const recorded = resolved.event;
        if (!recorded || isSystemEvent(recorded.streamId, recorded.type)) continue;
        events.push(toStoredEvent(recorded));
      }
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw error;
    }
    return events;
  }

  /**
   * Where to start reading `$all` to get the events after port position `after`: that event's own
   * position when it is one (the usual case: a checkpoint), else the nearest event position
   * before it, since the server only reads from record boundaries.
   */
  private async startPosition(after: number | null): Promise<ReadPosition> {
    if (after === null) return START;
    if (!this.index.hasPosition(after)) await this.index.refresh();
    const floor = this.index.floor(after);
    return floor === null ? START : numberToPosition(floor);
  }

  /**
   * The records of `$all` from `from` (inclusive, as the server reads), without system event
   * types (filtered by the server), after port position `after`, read page by page.
   */
  private async *readLog(from: ReadPosition, after: number | null, pageSize: number): AsyncGenerator<ResolvedEventLike> {
    let position = from;
    let skipUpTo = after ?? -1;
    for (;;) {
      let count = 0;
      let last: { commit: bigint; prepare: bigint } | undefined;
      for await (const resolved of this.client.readAll({
        fromPosition: position,
        maxCount: pageSize,
        direction: FORWARDS,
        filter: excludeSystemEvents(),
      })) {
        count++;
        const recorded = resolved.event;
        if (!recorded?.position) continue;
        last = recorded.position;
        if (positionToNumber(recorded.position, recorded.id) <= skipUpTo) continue;
        yield resolved;
      }
      if (count < pageSize || !last) return;
      position = last; // read from the last record again (inclusive) and skip it
      skipUpTo = Math.max(skipUpTo, positionToNumber(last));
    }
  }

  /** Feeds the event id index with the service events of `$all` after `after`. */
  private async scanLog(after: number | null, visit: (entry: IndexEntry) => void): Promise<void> {
    const from = after === null ? START : numberToPosition(after);
    for await (const resolved of this.readLog(from, after, this.options.readPageSize)) {
      const recorded = resolved.event;
      if (!recorded?.position || resolved.link !== undefined || isSystemEvent(recorded.streamId, recorded.type)) continue;
      visit({
        eventId: normalizeEventId(recorded.id),
        streamId: recorded.streamId,
        revision: revisionToNumber(recorded.revision),
        position: positionToNumber(recorded.position, recorded.id),
      });
    }
  }

  private async probe(): Promise<void> {
    try {
      for await (const _ of this.client.readStream(HEALTH_PROBE_STREAM, { maxCount: 1 })) break;
    } catch (error) {
      if (!isStreamNotFound(error)) throw error;
    }
  }

  private assertOpen(): void {
    if (this.closing) throw new Error('event store is closed');
  }
}

/** The stored events must be the ones of the append, in order. */
function assertSameEvents(streamId: string, pending: PendingEvent[], events: StoredEvent[]): void {
  if (events.length !== pending.length || events.some((e, i) => e.eventId !== pending[i].eventId)) {
    throw new Error(
      `append to ${streamId}: KurrentDB acknowledged the events but the stream does not hold them where expected ` +
        `(found ${events.map((e) => e.eventId).join(', ') || 'nothing'})`,
    );
  }
}

function assertPosition(operation: string, position: number | null): void {
  if (position !== null && (!Number.isSafeInteger(position) || position < 0)) {
    throw new RangeError(`${operation}: position must be null or a non-negative integer, got ${String(position)}`);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  promise.catch(() => undefined); // a late failure after the timeout is not unhandled
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// -------------------------------------------------------------------------------------------------
// Event id index

interface IndexEntry extends StoredLocation {
  eventId: string;
  position: number;
}

/**
 * Every event id of the log with its stream, revision and position, and the sorted positions of
 * the service's events. Built from `$all` by `scan` on first use, then extended from where it
 * stopped by `refresh()`. It holds a prefix of the log (plus the events this process has just
 * appended): an id found here is its first occurrence, for good.
 */
class EventLogIndex {
  private readonly byId = new Map<string, StoredLocation>();
  private readonly positions: number[] = [];
  private watermark: number | null = null;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;

  constructor(private readonly scan: (after: number | null, visit: (entry: IndexEntry) => void) => Promise<void>) {}

  get(eventId: string): StoredLocation | undefined {
    return this.byId.get(eventId);
  }

  /** Events this process has just appended, before a scan gets to them. */
  remember(events: StoredEvent[]): void {
    for (const e of events) if (!this.byId.has(e.eventId)) this.byId.set(e.eventId, { streamId: e.streamId, revision: e.revision });
  }

  /** The last position read from the log (null: none yet). */
  last(): number | null {
    return this.positions.length === 0 ? null : this.positions[this.positions.length - 1];
  }

  hasPosition(position: number): boolean {
    return floorPosition(this.positions, position) === position;
  }

  floor(position: number): number | null {
    return floorPosition(this.positions, position);
  }

  /**
   * Reads the log up to its current end. A call made while a scan runs waits for one that
   * starts after it, so it sees every event acknowledged before it was made.
   */
  refresh(): Promise<void> {
    if (!this.running) {
      this.running = this.run().finally(() => (this.running = null));
      return this.running;
    }
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.refresh();
      });
    return this.queued;
  }

  private run(): Promise<void> {
    return this.scan(this.watermark, (entry) => {
      if (this.watermark !== null && entry.position <= this.watermark) return;
      this.positions.push(entry.position);
      this.watermark = entry.position;
      if (!this.byId.has(entry.eventId)) this.byId.set(entry.eventId, { streamId: entry.streamId, revision: entry.revision });
    });
  }
}

/**
 * Serialises the calls sharing a key (here: appends sharing an event id). All the keys of a call
 * are taken at once, in call order, so calls never wait for each other in a cycle.
 */
class KeyedLock {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(keys: string[], action: () => Promise<T>): Promise<T> {
    const unique = [...new Set(keys)];
    const previous = unique.map((key) => this.tails.get(key)).filter((p): p is Promise<void> => p !== undefined);
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    for (const key of unique) this.tails.set(key, mine);
    try {
      await Promise.all(previous);
      return await action();
    } finally {
      release();
      for (const key of unique) if (this.tails.get(key) === mine) this.tails.delete(key);
    }
  }
}

// -------------------------------------------------------------------------------------------------
// Subscriptions

/** What a subscription needs from the store. */
interface SubscriptionSource {
  startPosition(after: number | null): Promise<ReadPosition>;
  subscribe(from: ReadPosition): AllStreamSubscription;
  detach(subscription: KurrentDbSubscription): void;
  backoffInitialMs: number;
  backoffMaxMs: number;
  logger: Pick<Console, 'warn'>;
}

/** The subscription whose handler is running, to let a handler close its own subscription. */
const runningHandler = new AsyncLocalStorage<KurrentDbSubscription>();

/** The handler threw: delivery stops, the error goes to `onError` as thrown. */
class HandlerFailure {
  constructor(readonly error: unknown) {}
}

/**
 * A catch-up subscription to `$all` (past events, then live ones), without system events.
 *
 * Events come through the client's async iterator, one at a time: the handler is awaited before
 * the next one is pulled (the client's stream buffers a little and applies back-pressure).
 * The subscription remembers the position of the last event it delivered; when the connection
 * drops (server restart, leader change, network) it re-subscribes from that position after a
 * back-off, and skips anything at or before it, so nothing is skipped nor delivered twice.
 * Other failures (the handler's, an unreadable event, access denied) stop delivery and go to
 * `onError`.
 */
class KurrentDbSubscription implements Subscription {
  private stopped = false;
  private current: AllStreamSubscription | null = null;
  private wakeUp: (() => void) | null = null;
  /** Resolves on close: a pending lookup of the start position is not waited for. */
  private readonly stopSignal: Promise<null>;
  private signalStop!: () => void;
  private readonly done: Promise<void>;

  constructor(
    private readonly source: SubscriptionSource,
    private readonly options: SubscribeOptions,
  ) {
    this.stopSignal = new Promise((resolve) => (this.signalStop = () => resolve(null)));
    this.done = this.run();
  }

  async close(): Promise<void> {
    this.stopped = true;
    this.signalStop();
    this.interrupt();
    // A handler closing its own subscription cannot wait for itself to finish.
    if (runningHandler.getStore() === this) return;
    await this.done;
  }

  private async run(): Promise<void> {
    await Promise.resolve(); // never call the handler from within subscribe()
    let last = this.options.fromPosition; // deliver only events after this position
    let failures = 0;
    try {
      while (!this.stopped) {
        let subscription: AllStreamSubscription | null = null;
        try {
          const lookup = this.source.startPosition(last);
          lookup.catch(() => undefined); // may settle after close
          const from = await Promise.race([lookup, this.stopSignal]);
          if (this.stopped || from === null) break;
          subscription = this.source.subscribe(from);
          this.current = subscription;
          for await (const resolved of subscription) {
            if (this.stopped) break;
            const event = fromResolvedEvent(resolved);
            if (!event || (last !== null && event.position <= last)) continue;
            await this.deliver(event);
            last = event.position;
            failures = 0;
          }
          if (this.stopped) break;
          throw new DroppedByServer();
        } catch (error) {
          if (this.stopped) break;
          if (error instanceof HandlerFailure) throw error;
          if (!(error instanceof DroppedByServer) && !isTransientError(error)) throw error;
          failures++;
          const delay = Math.min(this.source.backoffMaxMs, this.source.backoffInitialMs * 2 ** Math.min(failures - 1, 16));
          this.source.logger.warn(
            `KurrentDB subscription dropped (${describeError(error)}); re-subscribing after position ` +
              `${last ?? 'start'} in ${delay} ms (attempt ${failures})`,
          );
          await this.sleep(delay);
        } finally {
          if (subscription) release(subscription);
          if (this.current === subscription) this.current = null;
        }
      }
    } catch (error) {
      this.stopped = true;
      this.reportError(error instanceof HandlerFailure ? error.error : error);
    } finally {
      this.source.detach(this);
    }
  }

  private async deliver(event: StoredEvent): Promise<void> {
    try {
      await runningHandler.run(this, () => this.options.handler(event));
    } catch (error) {
      throw new HandlerFailure(error);
    }
  }

  /** Ends a pending wait or read at once (on close). */
  private interrupt(): void {
    const wakeUp = this.wakeUp;
    this.wakeUp = null;
    wakeUp?.();
    if (this.current) release(this.current);
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.wakeUp?.(), ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
    });
  }

  private reportError(error: unknown): void {
    reportSubscriptionError(this.options.onError, error);
  }
}

/** The server ended a subscription without an error: treated as a dropped connection. */
class DroppedByServer extends Error {
  constructor() {
    super('the server ended the subscription');
  }
}

/** Cancels the gRPC call and ends the client's stream (which a cancelled call does not end by itself). */
function release(subscription: AllStreamSubscription): void {
  subscription.unsubscribe().catch(() => undefined);
  if (!subscription.destroyed) subscription.destroy();
}
