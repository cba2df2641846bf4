import type { ProjectionChange, ReadModelProgress } from './read-model.port.js';

/**
 * The rule every read-model adapter applies inside its commit, so that any number of projection
 * runners can feed one store and the result is the same as with one:
 *
 * - a change is applied only when its event is the next revision of its framework (the stored
 *   revision + 1, counting the changes applied before it in the same commit);
 * - a change whose framework has already reached its revision was applied by another runner: it is
 *   skipped, once the event stored at that revision is checked to be the same event;
 * - a change further ahead would leave a gap (the read models were reset, or lost events): the
 *   whole commit is refused (`ProjectionGap`), and so is a commit made for an earlier epoch
 *   (`ReadModelsReset`: a reset happened since the runner read the checkpoint).
 *
 * Runners deliver the log in order, and every runner has seen each event of a framework before
 * the next, so the stored checkpoint only ever claims events that are in the read models.
 */

/** A change would not follow the framework's stored revision. */
export class ProjectionGap extends Error {
  constructor(
    readonly frameworkId: string,
    /** The framework's revision in the read models (-1: none). */
    readonly storedRevision: number,
    readonly revision: number,
    readonly position: number,
  ) {
    super(
      `framework ${frameworkId} is at revision ${storedRevision} in the read models: ` +
        `its event at revision ${revision} (position ${position}) cannot follow it`,
    );
  }
}

/** The read models hold another event where the log has this one. */
export class ReadModelsDiverged extends Error {
  constructor(
    readonly frameworkId: string,
    readonly revision: number,
    readonly position: number,
    readonly storedEventId: string | null,
    readonly eventId: string,
  ) {
    super(
      `the read models hold event ${storedEventId ?? 'none'} at revision ${revision} of framework ${frameworkId}, ` +
        `where the log holds event ${eventId} (position ${position}): they were projected from another log`,
    );
  }
}

/** The read models were reset since the runner read their epoch. */
export class ReadModelsReset extends Error {
  constructor(
    readonly expectedEpoch: number,
    readonly epoch: number,
  ) {
    super(`the read models were reset (epoch ${epoch}, the runner started in epoch ${expectedEpoch})`);
  }
}

/** A change left as it was, and what to check about it. */
export interface SkippedChange {
  frameworkId: string;
  revision: number;
  eventId: string;
  position: number;
}

export interface CommitDecision {
  /** The changes to write, in order. */
  fresh: ProjectionChange[];
  /** The changes already applied (check them with `checkSkipped`). */
  skipped: SkippedChange[];
  /** The checkpoint to store: the highest of the stored one and the last change's position. */
  checkpoint: number | null;
}

/**
 * Sorts a commit's changes into fresh and skipped, or throws. `storedRevision` answers the
 * framework's revision in the read models before the commit (-1: none).
 */
export function decideCommit(
  changes: readonly ProjectionChange[],
  stored: ReadModelProgress,
  storedRevision: (frameworkId: string) => number,
  options: { epoch?: number } = {},
): CommitDecision {
  if (options.epoch !== undefined && options.epoch !== stored.epoch) throw new ReadModelsReset(options.epoch, stored.epoch);
  const revisions = new Map<string, number>();
  /** The events this commit applies, by framework and revision. */
  const inBatch = new Map<string, string>();
  const fresh: ProjectionChange[] = [];
  const skipped: SkippedChange[] = [];
  for (const change of changes) {
    const { frameworkId, revision, eventId, position } = change.event;
    const current = revisions.get(frameworkId) ?? storedRevision(frameworkId);
    const batched = inBatch.get(`${frameworkId}\u0000${revision}`);
    if (batched !== undefined) {
      // The same revision twice in one commit: the same event is a repeat, another one a divergence.
      if (batched !== eventId) throw new ReadModelsDiverged(frameworkId, revision, position, batched, eventId);
    } else if (revision <= current) {
      skipped.push({ frameworkId, revision, eventId, position });
    } else if (revision === current + 1) {
      fresh.push(change);
      revisions.set(frameworkId, revision);
      inBatch.set(`${frameworkId}\u0000${revision}`, eventId);
    } else {
      throw new ProjectionGap(frameworkId, current, revision, position);
    }
  }
  const last = changes.at(-1)?.position;
  const checkpoint = last === undefined ? stored.checkpoint : Math.max(stored.checkpoint ?? last, last);
  return { fresh, skipped, checkpoint };
}

/** Throws `ReadModelsDiverged` when the stored event at a skipped change's revision is another one. */
export function checkSkipped(skipped: readonly SkippedChange[], storedEventId: (frameworkId: string, revision: number) => string | null): void {
  for (const s of skipped) {
    const stored = storedEventId(s.frameworkId, s.revision);
    if (stored !== s.eventId) throw new ReadModelsDiverged(s.frameworkId, s.revision, s.position, stored, s.eventId);
  }
}
