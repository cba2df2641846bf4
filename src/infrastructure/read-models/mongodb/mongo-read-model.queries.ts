import mongoose from 'mongoose';
import type { FrameworkSummary, ProjectionChange, Segment, StoredSegment } from '../read-model.port.js';
import {
  CHECKPOINT_ID,
  ITEM_KINDS,
  type CheckpointDocument,
  type FrameworkDocument,
  type FrameworkEventDocument,
  type SegmentDocument,
} from './read-model.schemas.js';

/**
 * Pure builders of the MongoDB documents, filters and updates of the read models: no connection,
 * no model, testable without a server.
 *
 * Injection: every value that goes into a filter is checked to be a string (or a non-negative
 * integer) first, so an operator object such as `{ $gt: '' }` passed as an id is refused with a
 * `TypeError` instead of matching every document. The operators the builders add themselves are
 * marked with `mongoose.trusted`, and every filter goes through `mongoose.sanitizeFilter`, so it
 * can also be run with `sanitizeFilter: true` (as the adapter's connection does) unchanged.
 */

/** Refuses anything but a string (an operator object, an array, a number, null, undefined). */
export function requireString(name: string, value: unknown): string {
  if (typeof value !== 'string') throw new TypeError(`${name} must be a string, got ${describe(value)}`);
  return value;
}

export function requireNonNegativeInteger(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new TypeError(`${name} must be a non-negative integer, got ${describe(value)}`);
  }
  return value;
}

function requireKind(name: string, value: unknown): SegmentDocument['kind'] {
  const kind = requireString(name, value);
  if (!(ITEM_KINDS as readonly string[]).includes(kind)) throw new TypeError(`${name} must be one of ${ITEM_KINDS.join(', ')}, got ${JSON.stringify(kind)}`);
  return kind as SegmentDocument['kind'];
}

function requireNullableString(name: string, value: unknown): string | null {
  return value === null ? null : requireString(name, value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `an object with keys [${Object.keys(value as object).join(', ')}]`;
  return typeof value;
}

/** An operator object of our own: kept by `sanitizeFilter`. */
const op = <T extends object>(operator: T): T => mongoose.trusted(operator);

/** Every filter leaves through here: anything not built above is neutralised (wrapped in `$eq`). */
function sanitized<T extends object>(filter: T): T {
  return mongoose.sanitizeFilter(filter as mongoose.QueryFilter<T>) as T;
}

/**
 * The JSON form of a value: what the SQLite adapter stores and gives back (`undefined` members
 * dropped, `-0` as `0`, dates as strings). Mixed paths hold exactly this, so both adapters
 * answer deep-equal values.
 */
export function asJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

// ---- frameworks -----------------------------------------------------------------------------

export function frameworkFilter(frameworkId: unknown): { id: string } {
  return sanitized({ id: requireString('frameworkId', frameworkId) });
}

export const FRAMEWORKS_SORT = { id: 1 } as const;

/** An upsert of the framework summary; `createdAt` is only written when the framework is new (as in SQLite). */
export function frameworkUpsert(summary: FrameworkSummary): {
  filter: { id: string };
  update: {
    $set: Omit<FrameworkDocument, 'id' | 'createdAt'>;
    $setOnInsert: Pick<FrameworkDocument, 'createdAt'>;
    $unset?: { description: 1 };
  };
} {
  const description = summary.description === undefined ? undefined : requireString('framework.description', summary.description);
  const $set: Omit<FrameworkDocument, 'id' | 'createdAt'> = {
    name: requireString('framework.name', summary.name),
    ...(description === undefined ? {} : { description }),
    revision: requireNonNegativeInteger('framework.revision', summary.revision),
    eventCount: requireNonNegativeInteger('framework.eventCount', summary.eventCount),
    updatedAt: requireString('framework.updatedAt', summary.updatedAt),
    ...(summary.format === undefined ? {} : { format: requireNonNegativeInteger('framework.format', summary.format) }),
  };
  return {
    filter: frameworkFilter(summary.id),
    update: {
      $set,
      $setOnInsert: { createdAt: requireString('framework.createdAt', summary.createdAt) },
      ...(description === undefined ? { $unset: { description: 1 as const } } : {}),
    },
  };
}

/** A stored framework as the port's summary (no `_id`, no `description` when there is none). */
export function toFrameworkSummary(doc: FrameworkDocument): FrameworkSummary {
  return {
    id: doc.id,
    name: doc.name,
    ...(typeof doc.description === 'string' ? { description: doc.description } : {}),
    createdAt: doc.createdAt,
    revision: doc.revision,
    eventCount: doc.eventCount,
    updatedAt: doc.updatedAt,
    ...(Array.isArray(doc.horizons) ? { horizons: doc.horizons } : {}),
    ...(typeof doc.format === 'number' ? { format: doc.format } : {}),
  };
}

// ---- framework events -----------------------------------------------------------------------

export function eventDocument(event: ProjectionChange['event']): FrameworkEventDocument {
  return {
    frameworkId: requireString('event.frameworkId', event.frameworkId),
    revision: requireNonNegativeInteger('event.revision', event.revision),
    position: requireNonNegativeInteger('event.position', event.position),
    eventId: requireString('event.eventId', event.eventId),
    recordedAt: requireString('event.recordedAt', event.recordedAt),
    event: asJson(event) as unknown as Record<string, unknown>,
  };
}

/** The framework's events, or those recorded at or before `knownAt`. Sort with `FRAMEWORK_EVENTS_SORT`. */
export function frameworkEventsFilter(frameworkId: unknown, knownAt?: unknown): { frameworkId: string; recordedAt?: { $lte: string } } {
  return sanitized({
    frameworkId: requireString('frameworkId', frameworkId),
    ...(knownAt === undefined ? {} : { recordedAt: op({ $lte: requireString('knownAt', knownAt) }) }),
  });
}

export const FRAMEWORK_EVENTS_SORT = { revision: 1 } as const;

// ---- segments -------------------------------------------------------------------------------

export type SegmentFilter = Record<string, unknown>;

/** The segments that are current knowledge (uses the partial index `segments_current`). */
export function currentSegmentsFilter(frameworkId: unknown): SegmentFilter {
  return sanitized({ frameworkId: requireString('frameworkId', frameworkId), current: true });
}

/** `validFrom <= day < validTo` (validTo null: open-ended). */
function validOn(day: string): SegmentFilter[] {
  return [{ validTo: null }, { validTo: op({ $gt: day }) }];
}

/**
 * The segments valid on `day`: as current knowledge when `knownAt` is undefined (partial index
 * `segments_current`), else as the record stood at `knownAt`, i.e. `recordedFrom <= knownAt <
 * recordedTo` (recordedTo null: still current), on the index `segments_known`.
 */
export function segmentsAtFilter(frameworkId: unknown, day: unknown, knownAt?: unknown): SegmentFilter {
  const id = requireString('frameworkId', frameworkId);
  const d = requireString('day', day);
  if (knownAt === undefined) {
    return sanitized({ frameworkId: id, current: true, validFrom: op({ $lte: d }), $or: validOn(d) });
  }
  const k = requireString('knownAt', knownAt);
  return sanitized({
    frameworkId: id,
    validFrom: op({ $lte: d }),
    recordedFrom: op({ $lte: k }),
    $and: [{ $or: validOn(d) }, { $or: [{ recordedTo: null }, { recordedTo: op({ $gt: k }) }] }],
  });
}

/** The order of segment answers: by effective start, then insertion (deterministic, index-friendly). */
export const SEGMENTS_SORT = { validFrom: 1, _id: 1 } as const;

/** The current segment of one item starting on `validFrom` (at most one; updated with `closeSegmentUpdate`). */
export function closeSegmentFilter(frameworkId: unknown, segment: Pick<Segment, 'kind' | 'itemId' | 'validFrom'>): SegmentFilter {
  return sanitized({
    frameworkId: requireString('frameworkId', frameworkId),
    current: true,
    kind: requireKind('close.kind', segment.kind),
    itemId: requireString('close.itemId', segment.itemId),
    validFrom: requireString('close.validFrom', segment.validFrom),
  });
}

/** Stops being current knowledge at `recordedAt`. */
export function closeSegmentUpdate(recordedAt: unknown): { $set: Pick<SegmentDocument, 'recordedTo' | 'current'> } {
  return { $set: { recordedTo: requireString('recordedAt', recordedAt), current: false } };
}

/** A segment that becomes current knowledge at `recordedAt`. */
export function openSegmentDocument(frameworkId: unknown, recordedAt: unknown, segment: Segment): SegmentDocument {
  if (segment.payload === null || typeof segment.payload !== 'object' || Array.isArray(segment.payload)) {
    throw new TypeError(`open.payload must be an object, got ${describe(segment.payload)}`);
  }
  return {
    frameworkId: requireString('frameworkId', frameworkId),
    kind: requireKind('open.kind', segment.kind),
    itemId: requireString('open.itemId', segment.itemId),
    validFrom: requireString('open.validFrom', segment.validFrom),
    validTo: requireNullableString('open.validTo', segment.validTo),
    recordedFrom: requireString('recordedAt', recordedAt),
    recordedTo: null,
    current: true,
    payload: asJson(segment.payload),
  };
}

// ---- checkpoint -----------------------------------------------------------------------------

export function checkpointFilter(): { _id: string } {
  return sanitized({ _id: CHECKPOINT_ID });
}

export function checkpointUpdate(position: unknown): { $set: { position: number } } {
  return { $set: { position: requireNonNegativeInteger('position', position) } };
}

/** A reset: no checkpoint, and the next epoch (runners of the earlier one must start again). */
export function checkpointReset(): { $set: { position: null }; $inc: { epoch: 1 } } {
  return { $set: { position: null }, $inc: { epoch: 1 } };
}

/** The stored checkpoint document as the port's progress (no document: nothing projected, epoch 0). */
export function toProgress(doc: Pick<CheckpointDocument, 'position' | 'epoch'> | null | undefined): { checkpoint: number | null; epoch: number } {
  return { checkpoint: typeof doc?.position === 'number' ? doc.position : null, epoch: typeof doc?.epoch === 'number' ? doc.epoch : 0 };
}

// ---- what the commit rule reads -------------------------------------------------------------

/** The summaries of these frameworks (their stored revisions). */
export function frameworksFilter(frameworkIds: readonly unknown[]): { id: { $in: string[] } } {
  return sanitized({ id: op({ $in: frameworkIds.map((id) => requireString('frameworkId', id)) }) });
}

/** The events stored at these (framework, revision) places. */
export function eventsAtFilter(places: readonly { frameworkId: unknown; revision: unknown }[]): { $or: { frameworkId: string; revision: number }[] } {
  if (places.length === 0) throw new RangeError('eventsAtFilter needs at least one place');
  return sanitized({
    $or: places.map((p) => ({ frameworkId: requireString('frameworkId', p.frameworkId), revision: requireNonNegativeInteger('revision', p.revision) })),
  });
}

/** The first and the last event of the read models by position (index `framework_events_position`). */
export const EVENTS_BY_POSITION = { position: 1 } as const;
export const EVENTS_BY_POSITION_DESC = { position: -1 } as const;

/** A stored segment as the port's (no `_id`, no `current`, payload as stored). */
export function toStoredSegment(doc: SegmentDocument): StoredSegment {
  return {
    frameworkId: doc.frameworkId,
    kind: doc.kind,
    itemId: doc.itemId,
    validFrom: doc.validFrom,
    validTo: doc.validTo ?? null,
    recordedFrom: doc.recordedFrom,
    recordedTo: doc.recordedTo ?? null,
    payload: doc.payload,
  };
}
