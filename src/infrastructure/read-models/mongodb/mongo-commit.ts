import { checkSkipped, decideCommit, ProjectionGap } from '../commit-rules.js';
import type { CommitOutcome, ProjectionChange, ReadModelProgress } from '../read-model.port.js';
import type { HorizonAt } from '../../../modules/frameworks/domain/state/horizon.js';
import {
  asJson,
  checkpointFilter,
  checkpointUpdate,
  closeSegmentFilter,
  closeSegmentUpdate,
  eventDocument,
  frameworkUpsert,
  openSegmentDocument,
  type SegmentFilter,
} from './mongo-read-model.queries.js';
import type { FrameworkDocument, FrameworkEventDocument, SegmentDocument } from './read-model.schemas.js';

/**
 * A commit of the MongoDB read models: the commit rule (`commit-rules.ts`) over what the
 * transaction reads, then the writes, each framework write conditional on the revision the rule
 * saw. The adapter runs `commitWith` inside a multi-document transaction (snapshot reads,
 * majority writes); the tests run the very same function over in-memory collections.
 */

type FrameworkUpdate = ReturnType<typeof frameworkUpsert>['update'];

/**
 * A framework's first event inserts its summary (the unique index on `id` refuses a second
 * one); every later event updates the summary only where it still has the previous revision.
 */
export type FrameworkWrite =
  | { insertOne: { document: FrameworkDocument } }
  | { updateOne: { filter: { id: string; revision: number }; update: Omit<FrameworkUpdate, '$setOnInsert'> & { $push?: { horizons: HorizonAt } } } };

export type SegmentWrite =
  | { updateMany: { filter: SegmentFilter; update: ReturnType<typeof closeSegmentUpdate> } }
  | { insertOne: { document: SegmentDocument } };

/** Every write of one commit, in order; the adapter runs them in one transaction. */
export interface CommitPlan {
  frameworks: FrameworkWrite[];
  events: FrameworkEventDocument[];
  /** Closes and opens in the order of the changes (a later change may close what an earlier one opened). */
  segments: SegmentWrite[];
  /** Null when the stored checkpoint stays as it is. */
  checkpoint: { filter: { _id: string }; update: ReturnType<typeof checkpointUpdate> } | null;
}

/**
 * The writes of `changes` (validated here, before anything is sent): the same steps as the SQLite
 * adapter's transaction, grouped by collection. `checkpoint` defaults to the last change's position.
 */
export function commitPlan(changes: readonly ProjectionChange[], checkpoint: number | null = changes.at(-1)?.position ?? null): CommitPlan {
  const plan: CommitPlan = {
    frameworks: [],
    events: [],
    segments: [],
    checkpoint: checkpoint === null ? null : { filter: checkpointFilter(), update: checkpointUpdate(checkpoint) },
  };
  for (const change of changes) {
    const { event, framework } = change;
    const horizon = change.horizon === undefined ? undefined : asJson(change.horizon);
    if (framework.id !== event.frameworkId) {
      throw new TypeError(`change at position ${String(change.position)}: framework ${String(framework.id)} is not the event's ${String(event.frameworkId)}`);
    }
    if (framework.revision !== event.revision) {
      throw new TypeError(`change at position ${String(change.position)}: summary revision ${String(framework.revision)} is not the event's ${String(event.revision)}`);
    }
    const { filter, update } = frameworkUpsert(framework);
    if (event.revision === 0) {
      // The horizon's history: its entries added one by one ($push), never rewritten.
      const horizons = horizon === undefined ? {} : { horizons: [horizon] };
      plan.frameworks.push({ insertOne: { document: { ...filter, ...update.$setOnInsert, ...update.$set, ...horizons } } });
    } else {
      const { $setOnInsert: _, ...rest } = update;
      const push = horizon === undefined ? {} : { $push: { horizons: horizon } };
      plan.frameworks.push({ updateOne: { filter: { ...filter, revision: event.revision - 1 }, update: { ...rest, ...push } } });
    }
    plan.events.push(eventDocument(event));
    for (const c of change.close) {
      plan.segments.push({ updateMany: { filter: closeSegmentFilter(event.frameworkId, c), update: closeSegmentUpdate(event.recordedAt) } });
    }
    for (const o of change.open) {
      plan.segments.push({ insertOne: { document: openSegmentDocument(event.frameworkId, event.recordedAt, o) } });
    }
  }
  return plan;
}

/** What a commit reads and writes, inside one transaction. */
export interface CommitSession {
  progress(): Promise<ReadModelProgress>;
  /** The stored revision of each of these frameworks that exists. */
  frameworkRevisions(frameworkIds: string[]): Promise<Map<string, number>>;
  /** The id of the event stored at each of these places that holds one, keyed by `placeKey`. */
  eventIds(places: { frameworkId: string; revision: number }[]): Promise<Map<string, string>>;
  /** Runs the plan's writes in order; says how many framework writes matched or inserted. */
  write(plan: CommitPlan): Promise<{ frameworksWritten: number }>;
}

export const placeKey = (frameworkId: string, revision: number) => `${frameworkId}\u0000${revision}`;

/** One commit: the rule, then the writes. Throws the rule's refusals; the caller aborts the transaction. */
export async function commitWith(session: CommitSession, changes: readonly ProjectionChange[], options: { epoch?: number } = {}): Promise<CommitOutcome> {
  const stored = await session.progress();
  const revisions = await session.frameworkRevisions([...new Set(changes.map((c) => c.event.frameworkId))]);
  const decision = decideCommit(changes, stored, (id) => revisions.get(id) ?? -1, options);
  if (decision.skipped.length > 0) {
    const ids = await session.eventIds(decision.skipped);
    checkSkipped(decision.skipped, (id, revision) => ids.get(placeKey(id, revision)) ?? null);
  }
  const checkpoint = decision.checkpoint !== stored.checkpoint ? decision.checkpoint : null;
  if (decision.fresh.length > 0 || checkpoint !== null) {
    const plan = commitPlan(decision.fresh, checkpoint);
    const { frameworksWritten } = await session.write(plan);
    if (frameworksWritten !== plan.frameworks.length) {
      // Only possible if a framework moved after the reads above (the transaction then aborts).
      const first = decision.fresh[0].event;
      throw new ProjectionGap(first.frameworkId, revisions.get(first.frameworkId) ?? -1, first.revision, first.position);
    }
  }
  return { applied: decision.fresh.length, skipped: decision.skipped.length, checkpoint: decision.checkpoint };
}
