import type { Day } from '../../../../modules/frameworks/domain/dates/edtf-date.js';
import type { RecordedEvent } from '../../../../modules/frameworks/domain/events/framework.events.js';
import { horizonAt, type Horizon } from '../../../../modules/frameworks/domain/state/horizon.js';
import type {
  CommitOutcome,
  FrameworkSummary,
  ProjectedEventRef,
  ProjectionChange,
  ReadModelProgress,
  ReadModelStore,
  SegmentView,
  StoredSegment,
} from '../../read-model.port.js';
import { commitPlan, commitWith, placeKey, type CommitPlan, type CommitSession } from '../mongo-commit.js';
import {
  currentSegmentsFilter,
  eventsAtFilter,
  frameworkEventsFilter,
  frameworkFilter,
  frameworksFilter,
  segmentsAtFilter,
  toFrameworkSummary,
  toProgress,
  toStoredSegment,
} from '../mongo-read-model.queries.js';
import type { FrameworkDocument, FrameworkEventDocument, SegmentDocument } from '../read-model.schemas.js';

/**
 * The MongoDB adapter's logic without a server: the same filter builders, commit plan and
 * `commitWith` as `MongoReadModelStore`, run over in-memory collections by a small interpreter
 * of the operators the builders use (equality, `null` matching null or missing, `$in`, `$lte` and
 * `$gt` on strings, `$or`, `$and`; anything else throws).
 *
 * Commits behave as MongoDB transactions do: each works on a snapshot taken when it starts, and a
 * commit that writes a document (a framework summary, the checkpoint, an event's unique place)
 * that another commit changed since that snapshot fails with a write conflict and is run again
 * from a new snapshot, as the driver's `withTransaction` does. What this checks is the adapter's
 * logic; the contract against a server (MONGODB_URI) checks the server.
 */

type Doc = Record<string, unknown>;

export function matches(doc: Doc, filter: Doc): boolean {
  return Object.entries(filter).every(([key, condition]) => {
    if (key === '$or') return (condition as Doc[]).some((f) => matches(doc, f));
    if (key === '$and') return (condition as Doc[]).every((f) => matches(doc, f));
    if (key.startsWith('$')) throw new Error(`operator ${key} is not interpreted here`);
    const value = doc[key];
    if (condition === null) return value === null || value === undefined;
    if (typeof condition !== 'object') return value === condition;
    return Object.entries(condition as Doc).every(([operator, operand]) => {
      if (operator === '$in') return (operand as unknown[]).includes(value);
      if (typeof operand !== 'string') throw new Error(`${operator} on a non-string`);
      if (operator === '$lte') return typeof value === 'string' && value <= operand;
      if (operator === '$gt') return typeof value === 'string' && value > operand;
      throw new Error(`operator ${operator} is not interpreted here`);
    });
  });
}

interface Collections {
  frameworks: FrameworkDocument[];
  events: FrameworkEventDocument[];
  segments: (SegmentDocument & { _seq: number })[];
  checkpoint: { position: number | null; epoch?: number } | null;
  /** Version of each document a commit may write: `fw:<id>`, `cp`, `ev:<id>\0<revision>`. */
  versions: Map<string, number>;
  seq: number;
}

const copy = (c: Collections): Collections => structuredClone(c);

class WriteConflict extends Error {}

export class InMemoryMongoReadModels implements ReadModelStore {
  private live: Collections = { frameworks: [], events: [], segments: [], checkpoint: null, versions: new Map(), seq: 0 };
  /** Write conflicts met (and retried) so far. */
  conflicts = 0;

  async checkpoint(): Promise<number | null> {
    return (await this.progress()).checkpoint;
  }

  async progress(): Promise<ReadModelProgress> {
    await tick();
    return toProgress(this.live.checkpoint);
  }

  async commit(changes: ProjectionChange[], options: { epoch?: number } = {}): Promise<CommitOutcome> {
    if (changes.length > 0) commitPlan(changes);
    for (;;) {
      const snapshot = copy(this.live);
      const before = new Map(this.live.versions);
      const plans: CommitPlan[] = [];
      const written = new Set<string>();
      try {
        const outcome = await commitWith(this.session(snapshot, plans, written), changes, options);
        await tick();
        // First committer wins: what this commit writes must not have changed since its snapshot.
        for (const key of written) if (this.live.versions.get(key) !== before.get(key)) throw new WriteConflict(key);
        for (const plan of plans) applyPlan(this.live, plan, (key) => this.live.versions.set(key, (this.live.versions.get(key) ?? 0) + 1));
        return outcome;
      } catch (error) {
        if (!(error instanceof WriteConflict)) throw error;
        this.conflicts++;
      }
    }
  }

  private session(tx: Collections, plans: CommitPlan[], written: Set<string>): CommitSession {
    return {
      progress: async () => (await tick(), toProgress(tx.checkpoint)),
      frameworkRevisions: async (ids) => {
        await tick();
        const filter = frameworksFilter(ids);
        return new Map(tx.frameworks.filter((d) => matches(d as unknown as Doc, filter)).map((d) => [d.id, d.revision]));
      },
      eventIds: async (places) => {
        await tick();
        const filter = eventsAtFilter(places);
        return new Map(tx.events.filter((e) => matches(e as unknown as Doc, filter)).map((e) => [placeKey(e.frameworkId, e.revision), e.eventId]));
      },
      write: async (plan: CommitPlan) => {
        await tick();
        plans.push(plan);
        return applyPlan(tx, plan, (key) => written.add(key));
      },
    };
  }

  async reset(): Promise<void> {
    await tick();
    this.live.checkpoint = { position: null, epoch: (this.live.checkpoint?.epoch ?? 0) + 1 };
    this.live.versions.set('cp', (this.live.versions.get('cp') ?? 0) + 1);
    for (const d of this.live.frameworks) this.live.versions.set(`fw:${d.id}`, (this.live.versions.get(`fw:${d.id}`) ?? 0) + 1);
    this.live.frameworks = [];
    this.live.events = [];
    this.live.segments = [];
  }

  async projectionState(frameworkId: string): Promise<{ events: RecordedEvent[]; current: StoredSegment[] }> {
    await tick();
    return { events: this.eventsOf(this.live, frameworkId), current: this.find(this.live, currentSegmentsFilter(frameworkId)) };
  }

  async eventBounds(): Promise<{ first: ProjectedEventRef; last: ProjectedEventRef } | null> {
    await tick();
    const sorted = [...this.live.events].sort((a, b) => a.position - b.position);
    const ref = (e: FrameworkEventDocument | undefined) => e && { position: e.position, eventId: e.eventId, recordedAt: e.recordedAt };
    const first = ref(sorted[0]);
    const last = ref(sorted.at(-1));
    return first && last ? { first, last } : null;
  }

  async listFrameworks(): Promise<FrameworkSummary[]> {
    await tick();
    return [...this.live.frameworks].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map(latestHorizonOnly);
  }

  async getFramework(frameworkId: string): Promise<FrameworkSummary | null> {
    await tick();
    const filter = frameworkFilter(frameworkId);
    const doc = this.live.frameworks.find((d) => matches(d as unknown as Doc, filter));
    return doc ? latestHorizonOnly(doc) : null;
  }

  async horizonAt(frameworkId: string, knownAt: string): Promise<Horizon | null> {
    await tick();
    const filter = frameworkFilter(frameworkId);
    return horizonAt(structuredClone(this.live.frameworks.find((d) => matches(d as unknown as Doc, filter))?.horizons), knownAt);
  }

  async frameworkEvents(frameworkId: string, knownAt?: string): Promise<RecordedEvent[]> {
    await tick();
    return this.eventsOf(this.live, frameworkId, knownAt);
  }

  async currentSegments(frameworkId: string): Promise<StoredSegment[]> {
    await tick();
    return this.find(this.live, currentSegmentsFilter(frameworkId));
  }

  async segmentsAt(frameworkId: string, day: Day, knownAt?: string): Promise<StoredSegment[]> {
    await tick();
    return this.find(this.live, segmentsAtFilter(frameworkId, day, knownAt));
  }

  async viewsAt(frameworkId: string, day: Day, knownAt?: string): Promise<SegmentView[]> {
    return (await this.segmentsAt(frameworkId, day, knownAt)).map(({ kind, payload }) => ({ kind, payload }));
  }

  async health(): Promise<{ status: 'up' | 'down'; detail?: string }> {
    return { status: 'up', detail: 'in-memory collections' };
  }

  /** Everything the collections hold, in a stable order (for tests that compare two stores). */
  async dump(): Promise<{ checkpoint: number | null; frameworks: FrameworkDocument[]; events: FrameworkEventDocument[]; segments: string[] }> {
    const c = structuredClone(this.live);
    return {
      checkpoint: c.checkpoint?.position ?? null,
      frameworks: c.frameworks.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
      events: c.events.sort((a, b) => (a.frameworkId < b.frameworkId ? -1 : a.frameworkId > b.frameworkId ? 1 : a.revision - b.revision)),
      segments: c.segments.map(({ _seq: _, ...s }) => JSON.stringify(s)).sort(),
    };
  }

  async close(): Promise<void> {}

  private eventsOf(c: Collections, frameworkId: string, knownAt?: string): RecordedEvent[] {
    const filter = frameworkEventsFilter(frameworkId, knownAt);
    return c.events
      .filter((e) => matches(e as unknown as Doc, filter))
      .sort((a, b) => a.revision - b.revision)
      .map((e) => structuredClone(e.event) as unknown as RecordedEvent);
  }

  /** Segments by SEGMENTS_SORT: effective start, then insertion. */
  private find(c: Collections, filter: Doc): StoredSegment[] {
    return c.segments
      .filter((s) => matches(s as unknown as Doc, filter))
      .sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : a._seq - b._seq))
      .map(({ _seq: _, ...s }) => toStoredSegment(structuredClone(s)));
  }
}

/** Runs a plan's writes on `c` (as the adapter's bulk writes do), calling `touch` once per document key written. */
function applyPlan(c: Collections, plan: CommitPlan, touch: (key: string) => void): { frameworksWritten: number } {
  const touched = new Set<string>();
  const once = (key: string) => {
    if (!touched.has(key)) touch(key);
    touched.add(key);
  };
  let frameworksWritten = 0;
  for (const write of plan.frameworks) {
    if ('insertOne' in write) {
      const { document } = write.insertOne;
      if (c.frameworks.some((d) => d.id === document.id)) throw new Error(`E11000 duplicate key: frameworks ${document.id}`);
      c.frameworks.push({ ...document });
      frameworksWritten++;
      once(`fw:${document.id}`);
    } else {
      const doc = c.frameworks.find((d) => matches(d as unknown as Doc, write.updateOne.filter));
      if (!doc) continue;
      Object.assign(doc, write.updateOne.update.$set);
      if (write.updateOne.update.$unset) delete doc.description;
      if (write.updateOne.update.$push) doc.horizons = [...(doc.horizons ?? []), write.updateOne.update.$push.horizons];
      frameworksWritten++;
      once(`fw:${doc.id}`);
    }
  }
  for (const event of plan.events) {
    if (c.events.some((e) => e.frameworkId === event.frameworkId && e.revision === event.revision)) throw new Error('E11000 duplicate key: framework_events');
    c.events.push({ ...event });
    once(`ev:${placeKey(event.frameworkId, event.revision)}`);
  }
  for (const write of plan.segments) {
    if ('insertOne' in write) c.segments.push({ ...write.insertOne.document, _seq: c.seq++ });
    else for (const s of c.segments.filter((d) => matches(d as unknown as Doc, write.updateMany.filter))) Object.assign(s, write.updateMany.update.$set);
  }
  if (plan.checkpoint) {
    c.checkpoint = { ...c.checkpoint, position: plan.checkpoint.update.$set.position };
    once('cp');
  }
  return { frameworksWritten };
}

/** A summary as the adapter reads it, with the projection { horizons: { $slice: -1 } }: the latest entry only. */
function latestHorizonOnly(doc: FrameworkDocument): FrameworkSummary {
  return toFrameworkSummary(structuredClone(doc.horizons === undefined ? doc : { ...doc, horizons: doc.horizons.slice(-1) }));
}

/** A round trip: lets other pending work run, as a server call would. */
function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
