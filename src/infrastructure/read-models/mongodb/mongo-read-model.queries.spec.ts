import fc from 'fast-check';
import mongoose from 'mongoose';
import { buildTimeline } from '../../../modules/frameworks/domain/timeline/fold.js';
import { initialHistory } from '../../../modules/frameworks/domain/decider/framework.decider.js';
import type { RecordedEvent } from '../../../modules/frameworks/domain/events/framework.events.js';
import { knownFacts } from '../../../modules/frameworks/domain/facts/known-facts.js';
import { stateFromSegments } from '../../../modules/frameworks/domain/state/segments.js';
import { stateAt } from '../../../modules/frameworks/domain/state/state-at.js';
import { arbitraryDay, arbitraryHistory } from '../../../modules/frameworks/domain/testing/arbitrary-history.js';
import { ev, established, record, signed } from '../../../modules/frameworks/domain/testing/given-when-then.js';
import { projectEvent } from '../../projection/framework.projection.js';
import type { ProjectionChange, StoredSegment } from '../read-model.port.js';
import {
  asJson,
  checkpointFilter,
  closeSegmentFilter,
  closeSegmentUpdate,
  commitPlan,
  currentSegmentsFilter,
  frameworkEventsFilter,
  frameworkFilter,
  frameworkUpsert,
  toFrameworkSummary,
  openSegmentDocument,
  requireString,
  segmentsAtFilter,
  toStoredSegment,
} from './mongo-read-model.queries.js';
import { readModelModels, type FrameworkDocument, type FrameworkEventDocument, type SegmentDocument } from './read-model.schemas.js';

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

  it('keeps the horizon over recorded time and the format with the summary, and gives them back', () => {
    const horizons = [{ recordedFrom: KNOWN_AT, horizon: { from: '1980-01-01', to: '2017-12-31' } }];
    const update = frameworkUpsert({ ...summary, horizons, format: 2 }).update;
    expect(update.$set).toMatchObject({ horizons, format: 2 });
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

  it('plans a batch: framework upserts, events, closes before opens change by change, the last position as checkpoint', () => {
    let h = initialHistory('f');
    h = record(h, established('1990'));
    h = record(h, signed('c1', '2003', '2005', ['a', 'b']));
    h = record(h, ev('ConventionExtended', '2005', { conventionId: 'c1', newEnd: '2006' }));
    const changes: ProjectionChange[] = [];
    let current: StoredSegment[] = [];
    for (const event of h.events) {
      const change = projectEvent(
        changes.map((c) => c.event),
        event,
        current,
      );
      changes.push(change);
      const closed = new Set(change.close.map((c) => `${c.kind}|${c.itemId}|${c.validFrom}`));
      current = [
        ...current.filter((s) => !closed.has(`${s.kind}|${s.itemId}|${s.validFrom}`)),
        ...change.open.map((o) => ({ ...o, frameworkId: 'f', recordedFrom: event.recordedAt, recordedTo: null })),
      ];
    }
    const plan = commitPlan(changes);
    expect(plan.frameworks.map((w) => w.updateOne.update.$set.revision)).toEqual([0, 1, 2]);
    expect(plan.frameworks.every((w) => w.updateOne.upsert)).toBe(true);
    expect(plan.events.map((e) => [e.revision, e.eventId])).toEqual(h.events.map((e) => [e.revision, e.eventId]));
    expect(plan.events.map((e) => e.event)).toEqual(h.events.map((e) => asJson(e)));
    expect(plan.checkpoint).toEqual({ filter: { _id: 'projection' }, update: { $set: { position: h.events[2].position } } });
    // The extension closes the convention's segment opened by the signature, then opens its longer one.
    const extension = plan.segments.slice(-changes[2].close.length - changes[2].open.length);
    expect(extension.map((w) => Object.keys(w)[0])).toEqual([
      ...changes[2].close.map(() => 'updateMany'),
      ...changes[2].open.map(() => 'insertOne'),
    ]);
    expect(changes[2].close.length).toBeGreaterThan(0);
  });

  it('refuses an empty batch, and validates the whole batch before anything is written', () => {
    expect(() => commitPlan([])).toThrow(RangeError);
    const h = record(initialHistory('f'), established('1990'));
    const good = projectEvent([], h.events[0], []);
    const bad = { ...good, event: { ...good.event, frameworkId: { $gt: '' } as never } };
    expect(() => commitPlan([good, bad])).toThrow(TypeError);
  });
});

/**
 * The builders' filters and commit plans, run by a small in-memory interpreter of the MongoDB
 * operators they use (equality, `null` matching null or missing, `$lte`/`$gt` on strings only,
 * `$or`, `$and`; anything else throws), checked against the pure fold as the contract does it.
 * This checks the bitemporal conditions without a server; the contract suite checks the server.
 */
describe('mongo read-model queries: the filters answer like the pure fold (in-memory interpretation)', () => {
  type Doc = Record<string, unknown>;

  function matches(doc: Doc, filter: Doc): boolean {
    return Object.entries(filter).every(([key, condition]) => {
      if (key === '$or') return (condition as Doc[]).some((f) => matches(doc, f));
      if (key === '$and') return (condition as Doc[]).every((f) => matches(doc, f));
      if (key.startsWith('$')) throw new Error(`operator ${key} is not interpreted here`);
      const value = doc[key];
      if (condition === null) return value === null || value === undefined;
      if (typeof condition !== 'object') return value === condition;
      return Object.entries(condition as Doc).every(([operator, operand]) => {
        if (typeof operand !== 'string') throw new Error(`${operator} on a non-string`);
        if (operator === '$lte') return typeof value === 'string' && value <= operand;
        if (operator === '$gt') return typeof value === 'string' && value > operand;
        throw new Error(`operator ${operator} is not interpreted here`);
      });
    });
  }

  class InMemoryCollections {
    frameworks: Doc[] = [];
    events: FrameworkEventDocument[] = [];
    segments: SegmentDocument[] = [];
    checkpoint: number | null = null;

    commit(changes: ProjectionChange[]): void {
      const plan = commitPlan(changes);
      for (const { updateOne } of plan.frameworks) {
        let doc = this.frameworks.find((d) => matches(d, updateOne.filter));
        if (!doc) this.frameworks.push((doc = { ...updateOne.filter, ...updateOne.update.$setOnInsert }));
        Object.assign(doc, updateOne.update.$set);
        if (updateOne.update.$unset) delete doc.description;
      }
      for (const event of plan.events) {
        if (this.events.some((e) => e.frameworkId === event.frameworkId && e.revision === event.revision)) throw new Error('E11000');
        this.events.push(event);
      }
      for (const write of plan.segments) {
        if ('insertOne' in write) this.segments.push({ ...write.insertOne.document });
        else for (const s of this.segments.filter((d) => matches(d as unknown as Doc, write.updateMany.filter))) Object.assign(s, write.updateMany.update.$set);
      }
      this.checkpoint = plan.checkpoint.update.$set.position;
    }

    frameworkEvents(id: string, knownAt?: string): RecordedEvent[] {
      return this.events
        .filter((e) => matches(e as unknown as Doc, frameworkEventsFilter(id, knownAt)))
        .sort((a, b) => a.revision - b.revision)
        .map((e) => e.event as unknown as RecordedEvent);
    }

    find(filter: Doc): StoredSegment[] {
      return this.segments.filter((s) => matches(s as unknown as Doc, filter)).map(toStoredSegment);
    }
  }

  function project(store: InMemoryCollections, events: RecordedEvent[], id: string): RecordedEvent[] {
    const projected = events.map((e) => ({ ...e, frameworkId: id }));
    for (const event of projected) {
      store.commit([projectEvent(store.frameworkEvents(id), event, store.find(currentSegmentsFilter(id)))]);
    }
    return projected;
  }

  it('for random histories, days and known-at instants (property)', () => {
    fc.assert(
      fc.property(
        arbitraryHistory(30),
        fc.array(fc.tuple(arbitraryDay, fc.nat(), fc.integer({ min: -1, max: 1 })), { minLength: 5, maxLength: 10 }),
        (history, questions) => {
          const store = new InMemoryCollections();
          const events = project(store, history.events, 'fw');
          expect(store.checkpoint).toBe(events[events.length - 1].position);
          expect(store.find(currentSegmentsFilter('fw')).every((s) => s.recordedTo === null)).toBe(true);
          for (const [day, n, shift] of questions) {
            const anchor = events[n % events.length].recordedAt;
            const knownAt = n % 4 === 0 ? undefined : new Date(Date.parse(anchor) + shift).toISOString();
            const expected = stateAt(buildTimeline(knownFacts(events, knownAt).facts), day);
            expect(stateFromSegments(store.find(segmentsAtFilter('fw', day, knownAt)))).toEqual(expected);
          }
          const framework = store.frameworks[0] as unknown as FrameworkDocument;
          expect(framework).toMatchObject({ id: 'fw', revision: events.length - 1, eventCount: events.length, createdAt: events[0].recordedAt });
        },
      ),
      { numRuns: 40 },
    );
  });
});
