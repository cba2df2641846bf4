import type { Day } from '../../modules/frameworks/domain/dates/edtf-date.js';
import type { RecordedEvent } from '../../modules/frameworks/domain/events/framework.events.js';
import type { HorizonAt } from '../../modules/frameworks/domain/state/horizon.js';
import type { ItemKind } from '../../modules/frameworks/domain/state/item-kinds.js';

export type { ItemKind };

/**
 * The read-model port. Adapters: embedded SQLite (default) and MongoDB.
 * Every adapter passes the shared contract suite in `read-model.contract.ts`.
 *
 * Read models are bitemporal: each segment says "this item looked like `payload`
 * on effective days [validFrom, validTo) as the record stood on instants
 * [recordedFrom, recordedTo)". They are kept by projections fed from the global log
 * and can be rebuilt from it at any time.
 */

export const READ_MODEL_STORE = Symbol('READ_MODEL_STORE');

/**
 * The format of what the projection writes (segment payloads, framework summaries). Read models
 * of an earlier format are rebuilt from the log on start (`read-model-format.ts`).
 * 2: evidence and attestedUntil in every item, the horizon in the framework summary.
 */
export const READ_MODEL_FORMAT = 2;


/** One item over a span of effective days where it does not change. */
export interface Segment {
  kind: ItemKind;
  itemId: string;
  validFrom: Day;
  /** Exclusive; null: open-ended. */
  validTo: Day | null;
  payload: Record<string, unknown>;
}

export interface StoredSegment extends Segment {
  frameworkId: string;
  recordedFrom: string;
  /** Exclusive; null: still the current knowledge. */
  recordedTo: string | null;
}

export interface FrameworkSummary {
  id: string;
  name: string;
  description?: string;
  /** Instant the framework was recorded. */
  createdAt: string;
  /** 0-based revision of the framework stream's last event. */
  revision: number;
  eventCount: number;
  /** Instant of the last event recorded. */
  updatedAt: string;
  /**
   * The horizon of the history (first and last days its facts speak of) over recorded time: each
   * entry holds from its instant until the next one, so a question as known at K is one lookup.
   */
  horizons?: HorizonAt[];
  /** The READ_MODEL_FORMAT the summary was written in (absent: before format 2). */
  format?: number;
}

/** Everything one event changes in the read models, applied atomically with the checkpoint. */
export interface ProjectionChange {
  /** Global position of the event; becomes the checkpoint. */
  position: number;
  /** The event itself, kept for the audit log and the timeline. */
  event: RecordedEvent;
  /** Framework summary after the event. */
  framework: FrameworkSummary;
  /** Segments that stop being current knowledge at `event.recordedAt`. */
  close: Pick<Segment, 'kind' | 'itemId' | 'validFrom'>[];
  /** Segments that become current knowledge at `event.recordedAt`. */
  open: Segment[];
}

export interface ReadModelStore {
  /** The position of the last event applied, or null when none. */
  checkpoint(): Promise<number | null>;
  /**
   * Applies the changes in order, with the checkpoint, in one atomic write. Changes at or below
   * the stored checkpoint are skipped: they were applied already (two runners on one store).
   */
  commit(changes: ProjectionChange[]): Promise<void>;
  /** Drops every read model and the checkpoint (before a rebuild). */
  reset(): Promise<void>;

  listFrameworks(): Promise<FrameworkSummary[]>;
  getFramework(frameworkId: string): Promise<FrameworkSummary | null>;
  /** The framework's events in recorded order, optionally only those recorded at or before `knownAt`. */
  frameworkEvents(frameworkId: string, knownAt?: string): Promise<RecordedEvent[]>;
  /** The segments that are current knowledge (recordedTo null). */
  currentSegments(frameworkId: string): Promise<StoredSegment[]>;
  /** The segments valid on `day` as known at `knownAt` (default: now). Index lookup, no replay. */
  segmentsAt(frameworkId: string, day: Day, knownAt?: string): Promise<StoredSegment[]>;

  health(): Promise<{ status: 'up' | 'down'; detail?: string }>;
  close(): Promise<void>;
}
