import type { EventStore } from '../event-store/event-store.port.js';
import type { ProjectedEventRef, ReadModelStore } from '../read-models/read-model.port.js';

/** What the operator runs when the read models do not match the log. */
export const REBUILD_ACTION = 'stop every instance, run `governance rebuild` (npm run cli -- rebuild) on the same stores, then start them again';

/** Why the read models cannot be fed from this log. */
export interface Misalignment {
  problem: 'checkpoint-ahead-of-log' | 'log-mismatch' | 'read-models-gap';
  /** Where the read models stand (their checkpoint). */
  checkpoint: number | null;
  /** The last position of the log. */
  logPosition: number | null;
  detail: string;
}

/**
 * Checks, before a runner subscribes, that the read models were projected from this log: their
 * checkpoint is not beyond the log's end (a restored older log, a truncated one: the next appends
 * would take positions the runner skips, and be lost to every read), and the first and the last
 * events they hold are, position for position, the log's (not another log's). Null when they match.
 */
export async function checkAlignment(events: EventStore, readModels: ReadModelStore, checkpoint: number | null): Promise<Misalignment | null> {
  const logPosition = await events.lastPosition();
  if (checkpoint !== null && (logPosition === null || checkpoint > logPosition)) {
    return {
      problem: 'checkpoint-ahead-of-log',
      checkpoint,
      logPosition,
      detail:
        `the read models are at position ${checkpoint} but the log ends at ${logPosition ?? '(empty)'}: ` +
        'the log lost its tail (an older backup restored, a truncated file) or the read models come from another log',
    };
  }
  const bounds = await readModels.eventBounds();
  if (!bounds) return null;
  for (const ref of [bounds.first, bounds.last]) {
    const problem = await differs(events, ref);
    if (problem) return { problem: 'log-mismatch', checkpoint, logPosition, detail: problem };
  }
  return null;
}

/** Why the log does not hold `ref` at its position, or null when it does. */
async function differs(events: EventStore, ref: ProjectedEventRef): Promise<string | null> {
  const [found] = await events.readAll(ref.position > 0 ? ref.position - 1 : null, 1);
  if (found && found.position === ref.position && found.eventId === ref.eventId && found.recordedAt === ref.recordedAt) return null;
  const there =
    found && found.position === ref.position
      ? `event ${found.eventId} recorded at ${found.recordedAt}`
      : `no event (the next one is at ${found?.position ?? 'the end'})`;
  return `the read models hold event ${ref.eventId} recorded at ${ref.recordedAt} at position ${ref.position}; the log holds ${there}: they were projected from another log`;
}
