import mongoose from 'mongoose';
import {
  CheckpointSchema,
  COLLECTIONS,
  FrameworkEventSchema,
  FrameworkSchema,
  ITEM_KINDS,
  READ_MODEL_DEFINITIONS,
  readModelModels,
  SegmentSchema,
} from './read-model.schemas.js';

/**
 * The schemas, without a server: models on a connection that is never opened (validation and
 * casting are client-side), the index definitions, and what a payload becomes on the wire.
 */

// Never opened; autoCreate off so the models do not wait for it to create their collections.
const connection = mongoose.createConnection();
connection.set('autoCreate', false);
const models = readModelModels(connection);
afterAll(() => connection.close());

/** The validation error of a document, by path (empty when valid). */
async function errorsOf(doc: { validate(): Promise<unknown> }): Promise<Record<string, string>> {
  try {
    await doc.validate();
    return {};
  } catch (error) {
    if (!(error instanceof mongoose.Error.ValidationError)) throw error;
    return Object.fromEntries(Object.entries(error.errors).map(([path, e]) => [path, e.message]));
  }
}

const segment = {
  frameworkId: 'cccs13',
  kind: 'convention',
  itemId: 'c1',
  validFrom: '2003-01-01',
  validTo: '2006-01-01',
  recordedFrom: '2026-01-01T00:00:00.000Z',
  recordedTo: null,
  current: true,
  payload: { id: 'c1', name: 'Convention 2003-2005', since: '2003', approximate: true, parties: [] },
};

const framework = {
  id: 'cccs13',
  name: 'CCCS13',
  createdAt: '2026-01-01T00:00:00.000Z',
  revision: 3,
  eventCount: 4,
  updatedAt: '2026-01-02T00:00:00.000Z',
};

const frameworkEvent = {
  frameworkId: 'cccs13',
  revision: 0,
  position: 12,
  eventId: 'e-1',
  recordedAt: '2026-01-01T00:00:00.000Z',
  event: { type: 'FrameworkEstablished', effectiveDate: '1994', data: { name: 'CCCS13' }, source: { document: 'd', passage: 'p', confidence: 'stated' } },
};

describe('read-model schemas: validation without a server', () => {
  it('accepts well-formed documents of every collection', async () => {
    expect(await errorsOf(new models.frameworks(framework))).toEqual({});
    expect(await errorsOf(new models.frameworks({ ...framework, description: 'Convention cadre' }))).toEqual({});
    expect(await errorsOf(new models.events(frameworkEvent))).toEqual({});
    expect(await errorsOf(new models.segments(segment))).toEqual({});
    expect(await errorsOf(new models.segments({ ...segment, validTo: null, recordedTo: '2026-02-01T00:00:00.000Z', current: false }))).toEqual({});
    expect(await errorsOf(new models.checkpoints({ _id: 'projection', position: 42 }))).toEqual({});
  });

  it('refuses missing fields, and operator objects where a string belongs', async () => {
    expect(Object.keys(await errorsOf(new models.frameworks({ ...framework, id: undefined, revision: undefined })))).toEqual(
      expect.arrayContaining(['id', 'revision']),
    );
    const injected = await errorsOf(new models.segments({ ...segment, frameworkId: { $gt: '' }, itemId: { $ne: null } }));
    expect(injected.frameworkId).toMatch(/Cast to string failed/);
    expect(injected.itemId).toMatch(/Cast to string failed/);
    expect(Object.keys(await errorsOf(new models.events({ ...frameworkEvent, event: undefined })))).toEqual(['event']);
    expect(Object.keys(await errorsOf(new models.segments({ ...segment, payload: null })))).toEqual(['payload']);
  });

  it('keeps an empty framework name (a string, as SQLite keeps it) but refuses a missing one', async () => {
    expect(await errorsOf(new models.frameworks({ ...framework, name: '' }))).toEqual({});
    expect(Object.keys(await errorsOf(new models.frameworks({ ...framework, name: undefined })))).toEqual(['name']);
  });

  it('refuses revisions, positions and counts that are not non-negative integers', async () => {
    expect(Object.keys(await errorsOf(new models.frameworks({ ...framework, revision: -1, eventCount: 1.5 })))).toEqual(['revision', 'eventCount']);
    expect(Object.keys(await errorsOf(new models.events({ ...frameworkEvent, position: -3 })))).toEqual(['position']);
    expect(Object.keys(await errorsOf(new models.checkpoints({ _id: 'projection', position: 0.5 })))).toEqual(['position']);
  });

  it('refuses an unknown segment kind and keeps the kinds of the port', async () => {
    expect(Object.keys(await errorsOf(new models.segments({ ...segment, kind: 'treaty' })))).toEqual(['kind']);
    expect([...ITEM_KINDS].sort()).toEqual(['body', 'conflict', 'convention', 'instrument', 'milestone', 'mission', 'party', 'review']);
  });

  it('stores open ends as null, and keeps `current` consistent with recordedTo', async () => {
    const open = new models.segments({ ...segment, validTo: undefined, recordedTo: undefined });
    expect(open.validTo).toBeNull();
    expect(open.recordedTo).toBeNull();
    expect(await errorsOf(open)).toEqual({});
    expect(Object.keys(await errorsOf(new models.segments({ ...segment, recordedTo: '2026-02-01T00:00:00.000Z', current: true })))).toEqual(['current']);
    expect(Object.keys(await errorsOf(new models.segments({ ...segment, recordedTo: null, current: false })))).toEqual(['current']);
  });

  it('has one checkpoint document only, `projection`', async () => {
    expect(Object.keys(await errorsOf(new models.checkpoints({ _id: 'other', position: 1 })))).toEqual(['_id']);
  });

  it('keeps an epoch with the checkpoint, which a reset leaves without a position', async () => {
    const reset = new models.checkpoints({ _id: 'projection', position: null, epoch: 3 });
    expect(await errorsOf(reset)).toEqual({});
    expect(new models.checkpoints({ _id: 'projection', position: 4 }).epoch).toBe(0);
    expect(Object.keys(await errorsOf(new models.checkpoints({ _id: 'projection', position: 4, epoch: -1 })))).toEqual(['epoch']);
  });

  it('is strict: an unknown field is an error, not silently dropped, and so is a filter on one', () => {
    expect(() => new models.segments({ ...segment, recorded_to: null })).toThrow(/not in schema/);
    expect(() => models.segments.find({ recorded_to: null }).cast()).toThrow(/not in schema/);
    for (const schema of [FrameworkSchema, FrameworkEventSchema, SegmentSchema, CheckpointSchema]) {
      expect(schema.get('strict')).toBe('throw');
      expect(schema.get('strictQuery')).toBe('throw');
      expect(schema.get('minimize')).toBe(false);
      expect(schema.get('versionKey')).toBe(false);
    }
  });
});

describe('read-model schemas: payloads on the wire', () => {
  it('sends a payload exactly as given: empty objects and arrays kept, no _id added, no __v', () => {
    const payload = {
      id: 'i1',
      figures: {},
      parties: [],
      nested: [{}, { list: [{ deep: {} }] }],
      nothing: null,
      number: 112,
      fraction: 0.5,
      big: 2 ** 40,
      text: 'plafond Cnaf',
      // Figures are keyed by the client: keys with dots or a leading $ go out as they are
      // (client side; a MongoDB server >= 5.0 stores them on insert).
      figuresByClient: { 'ceiling.percent': 112, $note: 'CUCS' },
    };
    const doc = new models.segments({ ...segment, payload });
    const wire = mongoose.mongo.BSON.deserialize(mongoose.mongo.BSON.serialize(doc.toBSON()));
    expect(wire.payload).toStrictEqual(payload);
    expect(Object.keys(wire).sort()).toEqual(
      ['_id', 'current', 'frameworkId', 'itemId', 'kind', 'payload', 'recordedFrom', 'recordedTo', 'validFrom', 'validTo'].sort(),
    );
    const event = new models.events(frameworkEvent);
    expect(mongoose.mongo.BSON.deserialize(mongoose.mongo.BSON.serialize(event.toBSON())).event).toStrictEqual(frameworkEvent.event);
  });
});

describe('read-model schemas: indexes', () => {
  const indexes = (schema: mongoose.Schema) => schema.indexes().map(([keys, options]) => ({ keys, options }));

  it('frameworks: id is unique', () => {
    expect(indexes(FrameworkSchema)).toEqual([{ keys: { id: 1 }, options: expect.objectContaining({ unique: true }) }]);
  });

  it('framework_events: one event per (framework, revision), the known-at lookup, and the first and last by position', () => {
    expect(indexes(FrameworkEventSchema)).toEqual([
      { keys: { frameworkId: 1, revision: 1 }, options: expect.objectContaining({ unique: true }) },
      { keys: { frameworkId: 1, recordedAt: 1 }, options: expect.not.objectContaining({ unique: true }) },
      { keys: { position: 1 }, options: expect.not.objectContaining({ unique: true }) },
    ]);
  });

  it('segments: a partial index over current knowledge, and one for known-at lookups', () => {
    expect(indexes(SegmentSchema)).toEqual([
      { keys: { frameworkId: 1, validFrom: 1 }, options: expect.objectContaining({ partialFilterExpression: { current: true } }) },
      { keys: { frameworkId: 1, validFrom: 1, recordedFrom: 1 }, options: expect.not.objectContaining({ partialFilterExpression: expect.anything() }) },
    ]);
  });

  it('checkpoints: no index but _id', () => {
    expect(indexes(CheckpointSchema)).toEqual([]);
  });

  it('can be registered with MongooseModule.forFeature under their collection names', () => {
    expect(READ_MODEL_DEFINITIONS.map((d) => [d.collection, d.schema])).toEqual([
      [COLLECTIONS.frameworks, FrameworkSchema],
      [COLLECTIONS.events, FrameworkEventSchema],
      [COLLECTIONS.segments, SegmentSchema],
      [COLLECTIONS.checkpoints, CheckpointSchema],
    ]);
    expect(Object.values(COLLECTIONS)).toEqual(['frameworks', 'framework_events', 'segments', 'checkpoints']);
    expect(new Set(READ_MODEL_DEFINITIONS.map((d) => d.name)).size).toBe(4);
  });
});
