import type { Day } from '../../modules/frameworks/domain/dates/edtf-date.js';
import type { RecordedEvent } from '../../modules/frameworks/domain/events/framework.events.js';
import type { Horizon, HorizonAt } from '../../modules/frameworks/domain/state/horizon.js';
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
 * 3: the horizon's history kept entry by entry (each change adds the entry its event starts).
 */
export const READ_MODEL_FORMAT = 3;


/** One item over a span of effective days where it does not change. */
export interface Segment {
  kind: ItemKind;
  itemId: string;
  validFrom: Day;
  /** Exclusive; null: open-ended. */
  validTo: Day | null;
  payload: Record<string, unknown>;
}

/** What an answer needs of a segment: its kind and its payload (the item's view). */
export type SegmentView = Pick<Segment, 'kind' | 'payload'>;

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
   * The horizon of the history (first and last days its facts speak of) as the record stands: the
   * latest entry of its history over recorded time (`horizonAt` answers it as known at an instant).
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
  /** Framework summary after the event (without `horizons`: see `horizon`). */
  framework: FrameworkSummary;
  /**
   * The entry of the horizon's history this event starts (absent: the horizon stays as it was).
   * Adapters add it to the stored history, so an append never rewrites the history before it.
   */
  horizon?: HorizonAt;
  /** Segments that stop being current knowledge at `event.recordedAt`. */
  close: Pick<Segment, 'kind' | 'itemId' | 'validFrom'>[];
  /** Segments that become current knowledge at `event.recordedAt`. */
  open: Segment[];
}

/** Where the projection stands in the read models. */
export interface ReadModelProgress {
  /** The position up to which every event of the log is in the read models (null: none). */
  checkpoint: number | null;
  /** Incremented by every `reset()`: a runner that started before a reset must start again. */
  epoch: number;
}

/** What a commit did. */
export interface CommitOutcome {
  /** Changes written. */
  applied: number;
  /** Changes already in the read models (their framework had reached their revision), left as they were. */
  skipped: number;
  /** The stored checkpoint after the commit. */
  checkpoint: number | null;
}

/** An event of the read models, to compare with the log (`eventBounds`). */
export interface ProjectedEventRef {
  position: number;
  eventId: string;
  recordedAt: string;
}

export interface ReadModelStore {
  /** The position of the last event applied, or null when none. */
  checkpoint(): Promise<number | null>;
  /** The checkpoint with the epoch of the read models (`reset()` increments it). */
  progress(): Promise<ReadModelProgress>;
  /**
   * Applies the changes in order, with the checkpoint, in one atomic write, so that any number of
   * runners can feed one store (the rule is `commit-rules.ts`): a change is applied only when its
   * event is the next revision of its framework; a change whose framework has already reached
   * its revision is skipped (after checking that the stored event there is the same one); a
   * change that would leave a gap throws `ProjectionGap`, a stored event that differs throws
   * `ReadModelsDiverged`, and a commit for another `epoch` than the stored one throws
   * `ReadModelsReset` — each leaving the store as it was. The checkpoint becomes the highest of
   * the stored one and the last change's position.
   */
  commit(changes: ProjectionChange[], options?: { epoch?: number }): Promise<CommitOutcome>;
  /** Drops every read model and the checkpoint (before a rebuild), and increments the epoch. */
  reset(): Promise<void>;

  /**
   * What a runner resumes a framework from: its events and current segments, read together from
   * one snapshot (another runner may be committing meanwhile).
   */
  projectionState(frameworkId: string): Promise<{ events: RecordedEvent[]; current: StoredSegment[] }>;
  /** The events of the read models with the lowest and the highest position (null: none), to compare with the log. */
  eventBounds(): Promise<{ first: ProjectedEventRef; last: ProjectedEventRef } | null>;

  /** Every framework's summary (its `horizons`: the latest entry only, the horizon as the record stands). */
  listFrameworks(): Promise<FrameworkSummary[]>;
  /** One framework's summary (its `horizons`: the latest entry only), or null. */
  getFramework(frameworkId: string): Promise<FrameworkSummary | null>;
  /**
   * The horizon as the record stood at `knownAt`: the entry of its history in force then (each entry
   * holds from its instant until the next one), null before the first one. One lookup, no replay.
   */
  horizonAt(frameworkId: string, knownAt: string): Promise<Horizon | null>;
  /** The framework's events in recorded order, optionally only those recorded at or before `knownAt`. */
  frameworkEvents(frameworkId: string, knownAt?: string): Promise<RecordedEvent[]>;
  /** The segments that are current knowledge (recordedTo null). */
  currentSegments(frameworkId: string): Promise<StoredSegment[]>;
  /** The segments valid on `day` as known at `knownAt` (default: now). Index lookup, no replay. */
  segmentsAt(frameworkId: string, day: Day, knownAt?: string): Promise<StoredSegment[]>;
  /**
   * The kind and payload of the very segments `segmentsAt` gives, read without their other columns:
   * what state and diff answers are made of (an index lookup that reads only what the answer holds).
   */
  viewsAt(frameworkId: string, day: Day, knownAt?: string): Promise<SegmentView[]>;

  health(): Promise<{ status: 'up' | 'down'; detail?: string }>;
  close(): Promise<void>;
}
