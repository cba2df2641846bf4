import mongoose from 'mongoose';
import {
  checkpointFilter,
  closeSegmentFilter,
  closeSegmentUpdate,
  currentSegmentsFilter,
  eventsAtFilter,
  frameworkEventsFilter,
  frameworkFilter,
  frameworksFilter,
  frameworkUpsert,
  toFrameworkSummary,
  openSegmentDocument,
  requireString,
  segmentsAtFilter,
  toStoredSegment,
} from './mongo-read-model.queries.js';
import { readModelModels, type SegmentDocument } from './read-model.schemas.js';

/** Plain data (drops the `mongoose.trusted` markers, which are symbol keys). */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const DAY = '2006-06-30';
const KNOWN_AT = '2026-01-01T00:00:04.000Z';

describe('mongo read-model queries: temporal lookups', () => {
  it('segments valid on a day, as current knowledge', () => {
    expect(plain(segmentsAtFilter('cccs13', DAY))).toEqual({
      frameworkId: 'cccs13',
      current: true,
      validFrom: { $lte: DAY },
      $or: [{ validTo: null }, { validTo: { $gt: DAY } }],
    });
  });

  it('segments valid on a day, as the record stood at an instant', () => {
    expect(plain(segmentsAtFilter('cccs13', DAY, KNOWN_AT))).toEqual({
      frameworkId: 'cccs13',
      validFrom: { $lte: DAY },
      recordedFrom: { $lte: KNOWN_AT },
      $and: [
        { $or: [{ validTo: null }, { validTo: { $gt: DAY } }] },
        { $or: [{ recordedTo: null }, { recordedTo: { $gt: KNOWN_AT } }] },
      ],
    });
  });

  it('current segments, events (all or as known at), frameworks and the checkpoint', () => {
    expect(plain(currentSegmentsFilter('cccs13'))).toEqual({ frameworkId: 'cccs13', current: true });
    expect(plain(frameworkEventsFilter('cccs13'))).toEqual({ frameworkId: 'cccs13' });
    expect(plain(frameworkEventsFilter('cccs13', KNOWN_AT))).toEqual({ frameworkId: 'cccs13', recordedAt: { $lte: KNOWN_AT } });
    expect(plain(frameworkFilter('cccs13'))).toEqual({ id: 'cccs13' });
    expect(plain(checkpointFilter())).toEqual({ _id: 'projection' });
  });

  it('what the commit rule reads: the summaries of several frameworks, the events at (framework, revision) places', () => {
    expect(plain(frameworksFilter(['a', 'b']))).toEqual({ id: { $in: ['a', 'b'] } });
    expect(plain(eventsAtFilter([{ frameworkId: 'a', revision: 2 }, { frameworkId: 'b', revision: 0 }]))).toEqual({
      $or: [
        { frameworkId: 'a', revision: 2 },
        { frameworkId: 'b', revision: 0 },
      ],
    });
    expect(() => frameworksFilter([{ $gt: '' }])).toThrow(/frameworkId must be a string/);
    expect(() => eventsAtFilter([{ frameworkId: 'a', revision: -1 }])).toThrow(/revision must be a non-negative integer/);
    expect(() => eventsAtFilter([{ frameworkId: 'a', revision: { $gt: 0 } }])).toThrow(/revision must be a non-negative integer/);
    expect(() => eventsAtFilter([])).toThrow(RangeError);
    for (const filter of [frameworksFilter(['a']), eventsAtFilter([{ frameworkId: 'a', revision: 1 }])]) {
      const before = plain(filter);
      mongoose.sanitizeFilter(filter);
      expect(plain(filter)).toEqual(before);
    }
  });

  it('closing a segment: its current version only, stamped with the closing instant', () => {
    expect(plain(closeSegmentFilter('cccs13', { kind: 'party', itemId: 'caf13', validFrom: '2003-01-01' }))).toEqual({
      frameworkId: 'cccs13',
      current: true,
      kind: 'party',
      itemId: 'caf13',
      validFrom: '2003-01-01',
    });
    expect(closeSegmentUpdate(KNOWN_AT)).toEqual({ $set: { recordedTo: KNOWN_AT, current: false } });
  });

  it('filters survive mongoose.sanitizeFilter unchanged (their own operators are trusted)', () => {
    const filters = [
      segmentsAtFilter('cccs13', DAY),
      segmentsAtFilter('cccs13', DAY, KNOWN_AT),
      frameworkEventsFilter('cccs13', KNOWN_AT),
      closeSegmentFilter('cccs13', { kind: 'party', itemId: 'caf13', validFrom: '2003-01-01' }),
    ];
    for (const filter of filters) {
      const before = plain(filter);
      mongoose.sanitizeFilter(filter);
      expect(plain(filter)).toEqual(before);
    }
    // An operator object that did not come from a builder is neutralised by the same pass.
    expect(mongoose.sanitizeFilter({ frameworkId: { $gt: '' } })).toEqual({ frameworkId: { $eq: { $gt: '' } } });
  });

  it('filters only name fields of the schemas (strictQuery: throw casts them without error)', () => {
    const connection = mongoose.createConnection();
    connection.set('autoCreate', false);
    const models = readModelModels(connection);
    expect(() => models.segments.find(segmentsAtFilter('f', DAY)).cast()).not.toThrow();
    expect(() => models.segments.find(segmentsAtFilter('f', DAY, KNOWN_AT)).cast()).not.toThrow();
    expect(() => models.segments.find(currentSegmentsFilter('f')).cast()).not.toThrow();
    expect(() => models.segments.find(closeSegmentFilter('f', { kind: 'body', itemId: 'b', validFrom: DAY })).cast()).not.toThrow();
    expect(() => models.events.find(frameworkEventsFilter('f', KNOWN_AT)).cast()).not.toThrow();
    expect(() => models.frameworks.find(frameworkFilter('f')).cast()).not.toThrow();
    expect(() => models.checkpoints.find(checkpointFilter()).cast()).not.toThrow();
    expect(() => models.frameworks.find(frameworksFilter(['f'])).cast()).not.toThrow();
    expect(() => models.events.find(eventsAtFilter([{ frameworkId: 'f', revision: 0 }])).cast()).not.toThrow();
    return connection.close();
  });
});

describe('mongo read-model queries: operator injection', () => {
  const injections: unknown[] = [{ $gt: '' }, { $ne: null }, { $where: 'sleep(1000)' }, ['a'], 42, null, undefined, true];

  it.each(injections.map((value) => [JSON.stringify(value) ?? 'undefined', value]))('refuses %s where a string belongs', (_, value) => {
    expect(() => requireString('frameworkId', value)).toThrow(TypeError);
    expect(() => frameworkFilter(value)).toThrow(/frameworkId must be a string/);
    expect(() => currentSegmentsFilter(value)).toThrow(TypeError);
    expect(() => segmentsAtFilter(value, DAY)).toThrow(/frameworkId must be a string/);
    expect(() => segmentsAtFilter('f', value)).toThrow(/day must be a string/);
    expect(() => frameworkEventsFilter(value)).toThrow(TypeError);
    expect(() => closeSegmentFilter('f', { kind: 'party', itemId: value as string, validFrom: DAY })).toThrow(/close.itemId must be a string/);
    expect(() => closeSegmentFilter('f', { kind: 'party', itemId: 'p', validFrom: value as string })).toThrow(TypeError);
    expect(() => closeSegmentUpdate(value)).toThrow(TypeError);
  });

  it.each(injections.filter((value) => value !== undefined).map((value) => [JSON.stringify(value), value]))(
    'refuses %s as knownAt (undefined means "now")',
    (_, value) => {
      expect(() => segmentsAtFilter('f', DAY, value)).toThrow(/knownAt must be a string/);
      expect(() => frameworkEventsFilter('f', value)).toThrow(/knownAt must be a string/);
    },
  );

  it('accepts any string, the empty one and one that looks like an operator included (it is compared, never interpreted)', () => {
    expect(plain(frameworkFilter(''))).toEqual({ id: '' });
    expect(plain(frameworkFilter('$gt'))).toEqual({ id: '$gt' });
  });

  it('refuses an unknown kind and writes that are not well-formed', () => {
    expect(() => closeSegmentFilter('f', { kind: 'treaty' as never, itemId: 'x', validFrom: DAY })).toThrow(/close.kind must be one of/);
    const segment = { kind: 'party' as const, itemId: 'p', validFrom: DAY, validTo: null, payload: {} };
    expect(() => openSegmentDocument('f', KNOWN_AT, { ...segment, validTo: { $gt: '' } as never })).toThrow(/open.validTo must be a string/);
    expect(() => openSegmentDocument('f', KNOWN_AT, { ...segment, payload: [] as never })).toThrow(/payload must be an object/);
    const summary = { id: 'f', name: 'F', createdAt: KNOWN_AT, revision: 0, eventCount: 1, updatedAt: KNOWN_AT };
    expect(() => frameworkUpsert({ ...summary, id: { $gt: '' } as never })).toThrow(/frameworkId must be a string/);
    expect(() => frameworkUpsert({ ...summary, revision: -1 })).toThrow(/revision must be a non-negative integer/);
    expect(() => frameworkUpsert({ ...summary, eventCount: 1.5 })).toThrow(/eventCount must be a non-negative integer/);
  });
});

describe('mongo read-model queries: documents and updates', () => {
  const summary = { id: 'f', name: 'F', createdAt: '2026-01-01T00:00:00.000Z', revision: 2, eventCount: 3, updatedAt: KNOWN_AT };

  it('upserts a framework summary, keeping createdAt from the first write and dropping a description that is gone', () => {
    expect(plain(frameworkUpsert(summary))).toEqual({
      filter: { id: 'f' },
      update: {
        $set: { name: 'F', revision: 2, eventCount: 3, updatedAt: KNOWN_AT },
        $setOnInsert: { createdAt: '2026-01-01T00:00:00.000Z' },
        $unset: { description: 1 },
      },
    });
    expect(frameworkUpsert({ ...summary, description: 'D' }).update).toEqual({
      $set: { name: 'F', description: 'D', revision: 2, eventCount: 3, updatedAt: KNOWN_AT },
      $setOnInsert: { createdAt: '2026-01-01T00:00:00.000Z' },
    });

  });

  it('keeps the format with the summary (never the horizon\'s history, added entry by entry), and gives them back', () => {
    const horizons = [{ recordedFrom: KNOWN_AT, horizon: { from: '1980-01-01', to: '2017-12-31' } }];
    const update = frameworkUpsert({ ...summary, horizons, format: 2 }).update;
    expect(update.$set).toMatchObject({ format: 2 });
    expect(update.$set).not.toHaveProperty('horizons');
    expect(toFrameworkSummary({ ...summary, horizons, format: 2 })).toEqual({ ...summary, horizons, format: 2 });
    expect(toFrameworkSummary(summary)).toEqual(summary);
    expect(() => frameworkUpsert({ ...summary, format: -1 })).toThrow();
  });

  it('opens a segment as current knowledge, its payload in JSON form (as SQLite gives it back)', () => {
    const payload = { id: 'p', since: '2003', gone: undefined, empty: {}, list: [{}], zero: -0 };
    const doc = openSegmentDocument('f', KNOWN_AT, { kind: 'party', itemId: 'p', validFrom: DAY, validTo: null, payload });
    expect(doc).toStrictEqual({
      frameworkId: 'f',
      kind: 'party',
      itemId: 'p',
      validFrom: DAY,
      validTo: null,
      recordedFrom: KNOWN_AT,
      recordedTo: null,
      current: true,
      payload: { id: 'p', since: '2003', empty: {}, list: [{}], zero: 0 },
    });
    expect(doc.payload).toStrictEqual(JSON.parse(JSON.stringify(payload)));
    expect(toStoredSegment({ ...doc, _id: 'x' } as SegmentDocument)).toStrictEqual({
      frameworkId: 'f',
      kind: 'party',
      itemId: 'p',
      validFrom: DAY,
      validTo: null,
      recordedFrom: KNOWN_AT,
      recordedTo: null,
      payload: doc.payload,
    });
  });
});
