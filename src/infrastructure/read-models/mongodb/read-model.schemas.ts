import mongoose, { Schema, type Connection, type Model, type SchemaOptions } from 'mongoose';
import type { ModelDefinition } from '@nestjs/mongoose';
import type { HorizonAt } from '../../../modules/frameworks/domain/state/horizon.js';
import { ITEM_KINDS, type ItemKind } from '../../../modules/frameworks/domain/state/item-kinds.js';

/**
 * Mongoose schemas of the MongoDB read models: the same tables as the SQLite adapter
 * (frameworks, framework_events, segments, checkpoint), as four collections.
 *
 * Plain `new Schema(...)` rather than `@Schema`/`@Prop` classes: the decorators infer a
 * path's type from `design:type` metadata, which is `Object` (so silently `Mixed`) for
 * `string | null` unions and degrades to `Object` for type-only imports under
 * `isolatedModules`; every path here is typed explicitly instead. `MongooseModule.forFeature`
 * takes any mongoose schema: `MongooseModule.forFeature(READ_MODEL_DEFINITIONS)` registers
 * them in a Nest app.
 *
 * Every schema is strict (`strict: 'throw'`: an unknown field is an error rather than silently
 * dropped) and `strictQuery: 'throw'` (a filter on an unknown field is an error, not dropped:
 * a dropped condition would turn "close this segment" into "close every segment").
 * No `__v` (`versionKey: false`), no `id` virtual, and `minimize: false` so empty objects
 * in payloads and events are stored as they are.
 */

export { ITEM_KINDS };

export const COLLECTIONS = {
  frameworks: 'frameworks',
  events: 'framework_events',
  segments: 'segments',
  checkpoints: 'checkpoints',
} as const;

export const MODEL_NAMES = {
  frameworks: 'ReadModelFramework',
  events: 'ReadModelFrameworkEvent',
  segments: 'ReadModelSegment',
  checkpoints: 'ReadModelCheckpoint',
} as const;

/** The `_id` of the projection's checkpoint document. */
export const CHECKPOINT_ID = 'projection';

const strictOptions = {
  strict: 'throw',
  strictQuery: 'throw',
  versionKey: false,
  minimize: false,
  id: false,
  timestamps: false,
} as const satisfies SchemaOptions;

/** A string is required, but the empty string is one (mongoose's `required` refuses `''` for strings). */
function anyString(path: string) {
  return function (this: mongoose.Document): boolean {
    return typeof this.get(path) !== 'string';
  };
}

const isNonNegativeInteger = {
  validator: (value: unknown) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0,
  message: (props: { path: string; value: unknown }) => `${props.path} must be a non-negative integer, got ${String(props.value)}`,
};

// ---- frameworks -----------------------------------------------------------------------------

export interface FrameworkDocument {
  id: string;
  name: string;
  description?: string;
  createdAt: string;
  revision: number;
  eventCount: number;
  updatedAt: string;
  /** The horizon over recorded time (JSON form), from format 2 on. */
  horizons?: HorizonAt[];
  format?: number;
}

export const FrameworkSchema = new Schema<FrameworkDocument>(
  {
    id: { type: String, required: true },
    name: { type: String, required: anyString('name') },
    description: { type: String, required: false },
    createdAt: { type: String, required: true },
    revision: { type: Number, required: true, validate: isNonNegativeInteger },
    eventCount: { type: Number, required: true, validate: isNonNegativeInteger },
    updatedAt: { type: String, required: true },
    horizons: { type: Schema.Types.Mixed, required: false },
    format: { type: Number, required: false, validate: isNonNegativeInteger },
  },
  { ...strictOptions, collection: COLLECTIONS.frameworks },
);
FrameworkSchema.index({ id: 1 }, { unique: true, name: 'frameworks_id' });

// ---- framework_events -----------------------------------------------------------------------

export interface FrameworkEventDocument {
  frameworkId: string;
  revision: number;
  position: number;
  eventId: string;
  recordedAt: string;
  /** The whole `RecordedEvent`, as its JSON form (what the SQLite adapter keeps as text). */
  event: Record<string, unknown>;
}

export const FrameworkEventSchema = new Schema<FrameworkEventDocument>(
  {
    frameworkId: { type: String, required: true },
    revision: { type: Number, required: true, validate: isNonNegativeInteger },
    position: { type: Number, required: true, validate: isNonNegativeInteger },
    eventId: { type: String, required: true },
    recordedAt: { type: String, required: true },
    event: { type: Schema.Types.Mixed, required: true },
  },
  { ...strictOptions, collection: COLLECTIONS.events },
);
// One event per framework revision: a second one makes the whole commit fail.
FrameworkEventSchema.index({ frameworkId: 1, revision: 1 }, { unique: true, name: 'framework_events_revision' });
// The audit log as known at an instant.
FrameworkEventSchema.index({ frameworkId: 1, recordedAt: 1 }, { name: 'framework_events_recorded' });
// The first and last events by position, compared with the log when a runner starts.
FrameworkEventSchema.index({ position: 1 }, { name: 'framework_events_position' });

// ---- segments -------------------------------------------------------------------------------

export interface SegmentDocument {
  frameworkId: string;
  kind: ItemKind;
  itemId: string;
  validFrom: string;
  /** Exclusive; null: open-ended. */
  validTo: string | null;
  recordedFrom: string;
  /** Exclusive; null: still the current knowledge. */
  recordedTo: string | null;
  /** `recordedTo === null`, as a field the partial index can filter on. */
  current: boolean;
  payload: Record<string, unknown>;
}

/** Validators of "null or a string" paths: `required` would refuse null, no validator would accept undefined. */
function nullOrString(path: string) {
  return function (this: mongoose.Document): boolean {
    const value = this.get(path);
    return value !== null && typeof value !== 'string';
  };
}

export const SegmentSchema = new Schema<SegmentDocument>(
  {
    frameworkId: { type: String, required: true },
    kind: { type: String, required: true, enum: ITEM_KINDS },
    itemId: { type: String, required: true },
    validFrom: { type: String, required: true },
    validTo: { type: String, default: null, required: nullOrString('validTo') },
    recordedFrom: { type: String, required: true },
    recordedTo: { type: String, default: null, required: nullOrString('recordedTo') },
    current: { type: Boolean, required: true },
    payload: { type: Schema.Types.Mixed, required: true },
  },
  { ...strictOptions, collection: COLLECTIONS.segments },
);
SegmentSchema.pre('validate', function () {
  if (this.current !== (this.recordedTo === null)) {
    this.invalidate('current', `current must be ${this.recordedTo === null} when recordedTo is ${JSON.stringify(this.recordedTo)}`, this.current);
  }
});
/**
 * Current knowledge (`segmentsAt` without `knownAt`, `currentSegments`, closing a segment):
 * a partial index over the current segments only. It filters on `current: true` rather than
 * `recordedTo: null`: an equality to `true` is a partial filter every MongoDB server version
 * accepts and that every current-knowledge query implies verbatim.
 */
SegmentSchema.index(
  { frameworkId: 1, validFrom: 1 },
  { name: 'segments_current', partialFilterExpression: { current: true } },
);
/** Knowledge as it stood at an instant (`segmentsAt` with `knownAt`). */
SegmentSchema.index({ frameworkId: 1, validFrom: 1, recordedFrom: 1 }, { name: 'segments_known' });

// ---- checkpoints ----------------------------------------------------------------------------

export interface CheckpointDocument {
  _id: string;
  /** Null after a reset, until the rebuild commits. */
  position: number | null;
  /** Incremented by every reset (absent: 0). */
  epoch?: number;
}

export const CheckpointSchema = new Schema<CheckpointDocument>(
  {
    _id: { type: String, required: true, enum: [CHECKPOINT_ID] },
    position: {
      type: Number,
      default: null,
      validate: { ...isNonNegativeInteger, validator: (value: unknown) => value === null || isNonNegativeInteger.validator(value) },
    },
    epoch: { type: Number, default: 0, validate: isNonNegativeInteger },
  },
  { ...strictOptions, collection: COLLECTIONS.checkpoints },
);

// ---- registration ---------------------------------------------------------------------------

/** For `MongooseModule.forFeature(READ_MODEL_DEFINITIONS)` in a Nest app. */
export const READ_MODEL_DEFINITIONS: ModelDefinition[] = [
  { name: MODEL_NAMES.frameworks, schema: FrameworkSchema, collection: COLLECTIONS.frameworks },
  { name: MODEL_NAMES.events, schema: FrameworkEventSchema, collection: COLLECTIONS.events },
  { name: MODEL_NAMES.segments, schema: SegmentSchema, collection: COLLECTIONS.segments },
  { name: MODEL_NAMES.checkpoints, schema: CheckpointSchema, collection: COLLECTIONS.checkpoints },
];

export interface ReadModelModels {
  frameworks: Model<FrameworkDocument>;
  events: Model<FrameworkEventDocument>;
  segments: Model<SegmentDocument>;
  checkpoints: Model<CheckpointDocument>;
}

/** The four models on a connection (a connection that is not open yet works too: validation needs no server). */
export function readModelModels(connection: Connection): ReadModelModels {
  const model = <T>(name: string, schema: Schema<T>, collection: string): Model<T> =>
    (connection.models[name] as Model<T> | undefined) ?? connection.model<T>(name, schema, collection);
  return {
    frameworks: model(MODEL_NAMES.frameworks, FrameworkSchema, COLLECTIONS.frameworks),
    events: model(MODEL_NAMES.events, FrameworkEventSchema, COLLECTIONS.events),
    segments: model(MODEL_NAMES.segments, SegmentSchema, COLLECTIONS.segments),
    checkpoints: model(MODEL_NAMES.checkpoints, CheckpointSchema, COLLECTIONS.checkpoints),
  };
}
