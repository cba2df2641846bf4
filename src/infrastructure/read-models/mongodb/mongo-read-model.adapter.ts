import mongoose, { type Connection, type mongo } from 'mongoose';
import type { Day } from '../../../modules/frameworks/domain/dates/edtf-date.js';
import type { RecordedEvent } from '../../../modules/frameworks/domain/events/framework.events.js';
import { horizonAt, type Horizon } from '../../../modules/frameworks/domain/state/horizon.js';
import type {
  CommitOutcome,
  FrameworkSummary,
  ProjectedEventRef,
  ProjectionChange,
  ReadModelProgress,
  ReadModelStore,
  SegmentView,
  StoredSegment,
} from '../read-model.port.js';
import { commitPlan, commitWith, placeKey, type CommitSession } from './mongo-commit.js';
import {
  checkpointFilter,
  checkpointReset,
  currentSegmentsFilter,
  EVENTS_BY_POSITION,
  EVENTS_BY_POSITION_DESC,
  eventsAtFilter,
  frameworkEventsFilter,
  frameworkFilter,
  frameworksFilter,
  FRAMEWORK_EVENTS_SORT,
  FRAMEWORKS_SORT,
  requireString,
  segmentsAtFilter,
  SEGMENTS_SORT,
  toFrameworkSummary,
  toProgress,
  toStoredSegment,
} from './mongo-read-model.queries.js';
import {
  readModelModels,
  type CheckpointDocument,
  type FrameworkDocument,
  type FrameworkEventDocument,
  type ReadModelModels,
  type SegmentDocument,
} from './read-model.schemas.js';

export interface MongoReadModelOptions {
  /** How long to look for a server before failing (default 5000 ms). */
  serverSelectionTimeoutMS?: number;
  /** How long `health()` waits for a ping (default 2000 ms). */
  healthTimeoutMS?: number;
}

/** Every commit: read its own writes, and acknowledged only once a majority has them. */
const TRANSACTION: mongo.TransactionOptions = {
  readConcern: { level: 'snapshot' },
  writeConcern: { w: 'majority' },
  readPreference: 'primary',
};

/**
 * The connection's options. Every read goes to the primary whatever the URI says (a
 * `readPreference=secondary…` there would let a read miss a commit that the checkpoint already
 * claims: read-your-writes through `minPosition` needs primary reads); indexes are created once
 * at start (`ensureIndexes`), not by each model.
 */
export function connectionOptions(options: MongoReadModelOptions = {}): mongoose.ConnectOptions {
  return {
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 5000,
    readPreference: 'primary',
    autoIndex: false,
    // Every query filter is sanitised again by mongoose (the builders already are).
    sanitizeFilter: true,
  };
}

/**
 * Creates the indexes the schemas declare that are missing, and drops none: during a rolling
 * deploy, instances of the previous version may still use an index this version no longer
 * declares (`syncIndexes` would drop it under them).
 */
export async function ensureIndexes(models: ReadModelModels): Promise<void> {
  for (const model of Object.values(models)) await model.createIndexes();
}

/**
 * Read models in MongoDB through mongoose, on a connection of their own: frameworks, their
 * events, bitemporal segments and the projection's checkpoint, in four collections
 * (`read-model.schemas.ts`). Same semantics as the SQLite adapter, checked by the same contract.
 *
 * A commit is one multi-document transaction (changes and checkpoint together), so the server
 * must be a replica set or a sharded cluster: `connect` refuses a standalone server up front
 * rather than failing on the first commit. docker compose runs a single-node replica set.
 */
export class MongoReadModelStore implements ReadModelStore {
  private closed = false;

  private constructor(
    private readonly connection: Connection,
    private readonly models: ReadModelModels,
    private readonly healthTimeoutMS: number,
  ) {}

  static async connect(uri: string, options: MongoReadModelOptions = {}): Promise<MongoReadModelStore> {
    requireString('MONGODB_URI', uri);
    const connection = mongoose.createConnection(uri, connectionOptions(options));
    try {
      await connection.asPromise();
      await requireTransactions(connection);
      const models = readModelModels(connection);
      for (const model of Object.values(models)) await model.init();
      await ensureIndexes(models);
      return new MongoReadModelStore(connection, models, options.healthTimeoutMS ?? 2000);
    } catch (error) {
      await connection.close().catch(() => undefined);
      throw error;
    }
  }

  async checkpoint(): Promise<number | null> {
    return (await this.progress()).checkpoint;
  }

  /** Majority reads on the primary: a checkpoint seen here is never rolled back by a failover. */
  async progress(): Promise<ReadModelProgress> {
    const doc = await this.models.checkpoints.findOne(checkpointFilter()).read('primary').readConcern('majority').lean<CheckpointDocument>().exec();
    return toProgress(doc);
  }

  async commit(changes: ProjectionChange[], options: { epoch?: number } = {}): Promise<CommitOutcome> {
    if (changes.length > 0) commitPlan(changes); // validates every change before a session is even started
    // The driver retries the whole callback on transient errors (a write conflict with another
    // runner's commit among them): the rule is applied again on what the retry reads.
    return this.connection.transaction((session) => commitWith(this.session(session), changes, options), TRANSACTION);
  }

  /** The commit's reads and writes within `session`. */
  private session(session: mongo.ClientSession): CommitSession {
    const { frameworks, events, segments, checkpoints } = this.models;
    return {
      progress: async () => toProgress(await checkpoints.findOne(checkpointFilter()).session(session).lean<CheckpointDocument>().exec()),
      frameworkRevisions: async (ids) => {
        const docs = await frameworks.find(frameworksFilter(ids), { _id: 0, id: 1, revision: 1 }).session(session).lean<FrameworkDocument[]>().exec();
        return new Map(docs.map((d) => [d.id, d.revision]));
      },
      eventIds: async (places) => {
        const docs = await events.find(eventsAtFilter(places), { _id: 0, frameworkId: 1, revision: 1, eventId: 1 }).session(session).lean<FrameworkEventDocument[]>().exec();
        return new Map(docs.map((d) => [placeKey(d.frameworkId, d.revision), d.eventId]));
      },
      write: async (plan) => {
        let frameworksWritten = 0;
        if (plan.frameworks.length > 0) {
          const result = await frameworks.bulkWrite(plan.frameworks, { session, ordered: true });
          frameworksWritten = result.matchedCount + result.insertedCount;
        }
        // The unique (frameworkId, revision) index refuses a second event for a revision: the
        // error aborts the transaction and nothing of the whole batch is applied.
        if (plan.events.length > 0) await events.insertMany(plan.events, { session, ordered: true });
        if (plan.segments.length > 0) await segments.bulkWrite(plan.segments, { session, ordered: true });
        if (plan.checkpoint) await checkpoints.updateOne(plan.checkpoint.filter, plan.checkpoint.update, { session, upsert: true }).exec();
        return { frameworksWritten };
      },
    };
  }

  async reset(): Promise<void> {
    // The checkpoint first (no checkpoint, next epoch: runners of the earlier epoch stop at their
    // next commit), then the summaries (the revisions the commit rule reads), then the rest: a
    // reset cut short fails the next commits loudly (duplicate events) instead of leaving
    // summaries whose segments are gone.
    await this.models.checkpoints.updateOne(checkpointFilter(), checkpointReset(), { upsert: true }).exec();
    await this.models.frameworks.deleteMany({}).exec();
    await this.models.events.deleteMany({}).exec();
    await this.models.segments.deleteMany({}).exec();
  }

  async projectionState(frameworkId: string): Promise<{ events: RecordedEvent[]; current: StoredSegment[] }> {
    // A read-only transaction: both reads from one snapshot, whatever another runner commits meanwhile.
    return this.connection.transaction(async (session) => {
      const docs = await this.models.events
        .find(frameworkEventsFilter(frameworkId), { _id: 0, event: 1 })
        .sort(FRAMEWORK_EVENTS_SORT)
        .session(session)
        .lean<Pick<FrameworkEventDocument, 'event'>[]>()
        .exec();
      const current = await this.models.segments.find(currentSegmentsFilter(frameworkId)).sort(SEGMENTS_SORT).session(session).lean<SegmentDocument[]>().exec();
      return { events: docs.map((doc) => doc.event as unknown as RecordedEvent), current: current.map(toStoredSegment) };
    }, { readConcern: { level: 'snapshot' }, readPreference: 'primary' });
  }

  async eventBounds(): Promise<{ first: ProjectedEventRef; last: ProjectedEventRef } | null> {
    const ref = async (sort: typeof EVENTS_BY_POSITION | typeof EVENTS_BY_POSITION_DESC) => {
      const doc = await this.models.events.findOne({}, { _id: 0, position: 1, eventId: 1, recordedAt: 1 }).sort(sort).lean<FrameworkEventDocument>().exec();
      return doc ? { position: doc.position, eventId: doc.eventId, recordedAt: doc.recordedAt } : null;
    };
    const [first, last] = await Promise.all([ref(EVENTS_BY_POSITION), ref(EVENTS_BY_POSITION_DESC)]);
    return first && last ? { first, last } : null;
  }

  async listFrameworks(): Promise<FrameworkSummary[]> {
    // Summaries hold the latest horizon entry only (horizonAt answers the history).
    const docs = await this.models.frameworks.find({}, { horizons: { $slice: -1 } }).sort(FRAMEWORKS_SORT).lean<FrameworkDocument[]>().exec();
    return docs.map(toFrameworkSummary);
  }

  async getFramework(frameworkId: string): Promise<FrameworkSummary | null> {
    const doc = await this.models.frameworks.findOne(frameworkFilter(frameworkId), { horizons: { $slice: -1 } }).lean<FrameworkDocument>().exec();
    return doc ? toFrameworkSummary(doc) : null;
  }

  async horizonAt(frameworkId: string, knownAt: string): Promise<Horizon | null> {
    const doc = await this.models.frameworks.findOne(frameworkFilter(frameworkId), { _id: 0, horizons: 1 }).lean<FrameworkDocument>().exec();
    return horizonAt(doc?.horizons, knownAt);
  }

  async frameworkEvents(frameworkId: string, knownAt?: string): Promise<RecordedEvent[]> {
    const docs = await this.models.events
      .find(frameworkEventsFilter(frameworkId, knownAt), { _id: 0, event: 1 })
      .sort(FRAMEWORK_EVENTS_SORT)
      .lean<Pick<FrameworkEventDocument, 'event'>[]>()
      .exec();
    return docs.map((doc) => doc.event as unknown as RecordedEvent);
  }

  async currentSegments(frameworkId: string): Promise<StoredSegment[]> {
    const docs = await this.models.segments.find(currentSegmentsFilter(frameworkId)).sort(SEGMENTS_SORT).lean<SegmentDocument[]>().exec();
    return docs.map(toStoredSegment);
  }

  async segmentsAt(frameworkId: string, day: Day, knownAt?: string): Promise<StoredSegment[]> {
    const docs = await this.models.segments
      .find(segmentsAtFilter(frameworkId, day, knownAt))
      .sort(SEGMENTS_SORT)
      .lean<SegmentDocument[]>()
      .exec();
    return docs.map(toStoredSegment);
  }

  async viewsAt(frameworkId: string, day: Day, knownAt?: string): Promise<SegmentView[]> {
    const docs = await this.models.segments
      .find(segmentsAtFilter(frameworkId, day, knownAt), { _id: 0, kind: 1, payload: 1 })
      .sort(SEGMENTS_SORT)
      .lean<Pick<SegmentDocument, 'kind' | 'payload'>[]>()
      .exec();
    return docs.map((doc) => ({ kind: doc.kind, payload: doc.payload }));
  }

  async health(): Promise<{ status: 'up' | 'down'; detail?: string }> {
    const db = this.connection.db;
    if (this.closed || db === undefined || this.connection.readyState !== mongoose.ConnectionStates.connected) {
      return { status: 'down', detail: `mongodb connection ${mongoose.ConnectionStates[this.connection.readyState] ?? 'unknown'}` };
    }
    try {
      await withTimeout(db.command({ ping: 1 }), this.healthTimeoutMS, `mongodb ping took more than ${this.healthTimeoutMS} ms`);
      return { status: 'up', detail: `mongodb ${db.databaseName}` };
    } catch (error) {
      return { status: 'down', detail: (error as Error).message };
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.connection.close();
  }
}

/** Transactions need a replica set member or a mongos; a standalone server would fail every commit. */
async function requireTransactions(connection: Connection): Promise<void> {
  const db = connection.db;
  if (db === undefined) throw new Error('MongoDB connection has no database');
  const hello = await db.admin().command({ hello: 1 });
  if (typeof hello.setName !== 'string' && hello.msg !== 'isdbgrid') {
    throw new Error(
      'MongoDB read models need transactions, which need a replica set: this server is standalone ' +
        '(docker compose runs MongoDB as the single-node replica set rs0; add ?replicaSet=rs0 to MONGODB_URI)',
    );
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
