import mongoose, { type Connection, type mongo } from 'mongoose';
import type { Day } from '../../../modules/frameworks/domain/dates/edtf-date.js';
import type { RecordedEvent } from '../../../modules/frameworks/domain/events/framework.events.js';
import type { FrameworkSummary, ProjectionChange, ReadModelStore, StoredSegment } from '../read-model.port.js';
import {
  checkpointFilter,
  commitPlan,
  currentSegmentsFilter,
  frameworkEventsFilter,
  frameworkFilter,
  FRAMEWORK_EVENTS_SORT,
  FRAMEWORKS_SORT,
  requireString,
  segmentsAtFilter,
  SEGMENTS_SORT,
  toFrameworkSummary,
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
    const connection = mongoose.createConnection(uri, {
      serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 5000,
      // Indexes are synced below, once, not built in the background by each model.
      autoIndex: false,
      // Every query filter is sanitised again by mongoose (the builders already are).
      sanitizeFilter: true,
    });
    try {
      await connection.asPromise();
      await requireTransactions(connection);
      const models = readModelModels(connection);
      for (const model of Object.values(models)) await model.init();
      await connection.syncIndexes();
      return new MongoReadModelStore(connection, models, options.healthTimeoutMS ?? 2000);
    } catch (error) {
      await connection.close().catch(() => undefined);
      throw error;
    }
  }

  async checkpoint(): Promise<number | null> {
    const doc = await this.models.checkpoints.findOne(checkpointFilter()).lean<CheckpointDocument>().exec();
    return doc?.position ?? null;
  }

  async commit(changes: ProjectionChange[]): Promise<void> {
    if (changes.length === 0) return;
    commitPlan(changes); // validates every change before a session is even started
    const { frameworks, events, segments, checkpoints } = this.models;
    await this.connection.transaction(async (session) => {
      // Rebuilt on every attempt: the driver retries the whole callback on transient errors,
      // and mongoose's bulkWrite replaces the plan's documents with its own.
      // Changes at or below the checkpoint were applied already (by another runner on this store).
      const stored = await checkpoints.findOne(checkpointFilter()).session(session).lean<{ position: number }>().exec();
      const fresh = stored ? changes.filter((c) => c.position > stored.position) : changes;
      if (fresh.length === 0) return;
      const plan = commitPlan(fresh);
      await frameworks.bulkWrite(plan.frameworks, { session, ordered: true });
      // The unique (frameworkId, revision) index refuses a second event for a revision: the
      // error aborts the transaction and nothing of the whole batch is applied.
      await events.insertMany(plan.events, { session, ordered: true });
      if (plan.segments.length > 0) await segments.bulkWrite(plan.segments, { session, ordered: true });
      await checkpoints.updateOne(plan.checkpoint.filter, plan.checkpoint.update, { session, upsert: true }).exec();
    }, TRANSACTION);
  }

  async reset(): Promise<void> {
    // The checkpoint first: a reset cut short leaves "rebuild from the start", never a
    // checkpoint that claims read models that are gone.
    await this.models.checkpoints.deleteMany({}).exec();
    await this.models.segments.deleteMany({}).exec();
    await this.models.events.deleteMany({}).exec();
    await this.models.frameworks.deleteMany({}).exec();
  }

  async listFrameworks(): Promise<FrameworkSummary[]> {
    const docs = await this.models.frameworks.find({}).sort(FRAMEWORKS_SORT).lean<FrameworkDocument[]>().exec();
    return docs.map(toFrameworkSummary);
  }

  async getFramework(frameworkId: string): Promise<FrameworkSummary | null> {
    const doc = await this.models.frameworks.findOne(frameworkFilter(frameworkId)).lean<FrameworkDocument>().exec();
    return doc ? toFrameworkSummary(doc) : null;
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
