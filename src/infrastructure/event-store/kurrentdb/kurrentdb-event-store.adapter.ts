import { KurrentDBClient, START, type ReadPosition } from '@kurrent/kurrentdb-client';
import {
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type IntegrityReport,
  type NewEvent,
  type StoredEvent,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port.js';
import { checkReadAllLimit } from '../port-arguments.js';
import { EventLogIndex } from './event-log-index.js';
import { KurrentDbAppender } from './kurrentdb-appender.js';
import type { KurrentClient } from './kurrentdb-client.js';
import { KurrentDbReader } from './kurrentdb-reader.js';
import { KurrentDbSubscription } from './kurrentdb-subscription.js';
import { verifyStreams } from './kurrentdb-verifier.js';
import { describeError, fromResolvedEvent, normalizeEventId, numberToPosition } from './kurrentdb.mapping.js';

/** The KurrentDB adapter of the event store port. How it keeps the port's promises: docs/event-store.md. */

export type { KurrentClient };

export interface KurrentDbEventStoreOptions {
  /** How long `health()` waits for the server, in ms. Default: 2000. */
  healthTimeoutMs?: number;
  /** Back-off of a subscription re-subscribing after its connection dropped, in ms. Default: 100 doubling to 5000. */
  resubscribeBackoffMs?: { initial?: number; max?: number };
  /** Events read per request when reading `$all` page by page. Default: 1000. */
  readPageSize?: number;
  /** Where dropped subscriptions and similar incidents are reported. Default: console. */
  logger?: Pick<Console, 'warn'>;
  /**
   * The store's own streams, by name prefix. Default: `framework-` (the service's streams). Reads
   * of `$all` and subscriptions are filtered to them by the server (another application's events
   * on a shared server are never read), and appends to other streams are refused.
   */
  streamPrefixes?: string[];
}

interface ResolvedOptions {
  healthTimeoutMs: number;
  backoffInitialMs: number;
  backoffMaxMs: number;
  readPageSize: number;
  logger: Pick<Console, 'warn'>;
  streamPrefixes: string[];
}

export class KurrentDbEventStore implements EventStore {
  private readonly subscriptions = new Set<KurrentDbSubscription>();
  private readonly reader: KurrentDbReader;
  private readonly index: EventLogIndex;
  private readonly appender: KurrentDbAppender;
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
      streamPrefixes: checkPrefixes(options.streamPrefixes ?? ['framework-']),
    };
    this.reader = new KurrentDbReader(client, this.options.readPageSize, this.options.streamPrefixes);
    this.index = new EventLogIndex((after, visit) => this.reader.scanLog(after, visit));
    this.appender = new KurrentDbAppender(client, this.reader, this.index, this.options.streamPrefixes);
  }

  /**
   * A store on the server of `connectionString` (e.g. `kurrentdb://localhost:2113?tls=false`).
   * Throws at once on a malformed connection string; connects on first use (`health()` does).
   */
  static connect(connectionString: string, options: KurrentDbEventStoreOptions = {}): KurrentDbEventStore {
    return new KurrentDbEventStore(KurrentDBClient.connectionString(connectionString), options);
  }

  /** A store on an existing client (custom credentials, tests). `close()` disposes of it. */
  static withClient(client: KurrentClient, options: KurrentDbEventStoreOptions = {}): KurrentDbEventStore {
    return new KurrentDbEventStore(client, options);
  }

  /** Event ids already in the log are replayed or refused; new events go to the server sealed (`kurrentdb-appender.ts`). */
  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    return this.appender.append(streamId, events, expected);
  }

  async readStream(streamId: string, fromRevision = 0): Promise<StoredEvent[]> {
    this.assertOpen();
    if (typeof streamId !== 'string' || streamId.length === 0) throw new TypeError('readStream: streamId must be a non-empty string');
    if (!Number.isSafeInteger(fromRevision) || fromRevision < 0) {
      throw new RangeError(`readStream: fromRevision must be a non-negative integer, got ${fromRevision}`);
    }
    return this.reader.readRange(streamId, fromRevision);
  }

  async streamRevision(streamId: string): Promise<number> {
    this.assertOpen();
    return this.reader.streamRevision(streamId);
  }

  async readAll(after: number | null, limit: number): Promise<StoredEvent[]> {
    this.assertOpen();
    checkReadAllLimit(limit);
    assertPosition('readAll', after);
    const events: StoredEvent[] = [];
    const from = await this.startPosition(after);
    const pageSize = Math.min(limit + 1, this.options.readPageSize);
    for await (const resolved of this.reader.readLog(from, after, pageSize)) {
      const event = fromResolvedEvent(resolved, this.options.streamPrefixes);
      if (!event) continue;
      events.push(event);
      if (events.length === limit) break;
    }
    return events;
  }

  /** Each stream's revisions and hash chain, event by event (`kurrentdb-verifier.ts`); no global chain. */
  async verify(): Promise<IntegrityReport> {
    this.assertOpen();
    return verifyStreams(this.reader);
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

  /** No global chain on KurrentDB (the chains are per stream): no chain head. */
  async chainHead(): Promise<string | null> {
    this.assertOpen();
    return null;
  }

  async lastPosition(): Promise<number | null> {
    this.assertOpen();
    await this.index.refresh();
    return this.index.last();
  }

  /** The number of the store's events (positions are byte offsets of the server's log, not a count). */
  async countEvents(): Promise<number> {
    this.assertOpen();
    await this.index.refresh();
    return this.index.count();
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
    const [event] = await this.reader.readRange(location.streamId, location.revision, 1);
    return event?.eventId === id ? event : null;
  }

  subscribe(options: SubscribeOptions): Subscription {
    this.assertOpen();
    assertPosition('subscribe', options.fromPosition);
    if (typeof options.handler !== 'function') throw new TypeError('subscribe: handler must be a function');
    const subscription = new KurrentDbSubscription(
      {
        startPosition: (after) => this.startPosition(after),
        subscribe: (from) => this.client.subscribeToAll({ fromPosition: from, filter: this.reader.filter() }),
        prefixes: this.options.streamPrefixes,
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
      await withTimeout(this.reader.probe(), timeoutMs, `no answer within ${timeoutMs} ms`);
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

  private assertOpen(): void {
    if (this.closing) throw new Error('event store is closed');
  }
}

/** Prefixes of the store's own streams: non-empty, never a system stream's. */
function checkPrefixes(prefixes: string[]): string[] {
  if (!Array.isArray(prefixes) || prefixes.length === 0 || prefixes.some((p) => typeof p !== 'string' || p.length === 0 || p.startsWith('$'))) {
    throw new TypeError(`streamPrefixes must be non-empty stream name prefixes that do not start with $, got ${JSON.stringify(prefixes)}`);
  }
  return [...prefixes];
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
