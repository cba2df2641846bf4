import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '../../modules/frameworks/domain/events/framework.events.js';
import { buildTimeline } from '../../modules/frameworks/domain/timeline/fold.js';
import { knownFacts } from '../../modules/frameworks/domain/facts/known-facts.js';
import { stateFromSegments } from '../../modules/frameworks/domain/state/segments.js';
import { stateAt } from '../../modules/frameworks/domain/state/state-at.js';
import { horizonAt, horizonOf } from '../../modules/frameworks/domain/state/horizon.js';
import { arbitraryDay, arbitraryHistory } from '../../modules/frameworks/domain/testing/arbitrary-history.js';
import { ev, established, record, signed } from '../../modules/frameworks/domain/testing/given-when-then.js';
import { initialHistory, type FrameworkHistory } from '../../modules/frameworks/domain/decider/framework.decider.js';
import { projectEvent } from '../projection/framework.projection.js';
import { ProjectionGap, ReadModelsDiverged, ReadModelsReset } from './commit-rules.js';
import { READ_MODEL_FORMAT, type ReadModelStore, type SegmentView } from './read-model.port.js';

/** Views in a stable order, to compare two reads of the same segments. */
const sortedViews = (views: SegmentView[]) => views.map((v) => JSON.stringify(v)).sort();

/**
 * The contract every read-model adapter passes (SQLite always; MongoDB when MONGODB_URI is set).
 * Framework ids are random per test, so the suite can run against a shared server.
 */
export function readModelContract(name: string, open: () => Promise<ReadModelStore>, options: { propertyRuns?: number } = {}): void {
  describe(`read-model store contract: ${name}`, () => {
    let store: ReadModelStore;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });

    /** Projects a whole history into the store, one commit per event, as the projector does. */
    async function project(history: FrameworkHistory, frameworkId: string, offset = 0): Promise<RecordedEvent[]> {
      const events = history.events.map((e) => ({ ...e, frameworkId, position: e.position + offset }));
      for (const event of events) {
        const previous = await store.frameworkEvents(frameworkId);
        const current = await store.currentSegments(frameworkId);
        await store.commit([projectEvent(previous, event, current)]);
      }
      return events;
    }

    let positions = 1_000_000 + Math.floor(Math.random() * 1_000_000) * 1000;
    const nextOffset = () => (positions += 1000);

    function sample(): FrameworkHistory {
      let h = initialHistory('fw');
      h = record(h, established('1990'));
      h = record(h, signed('c1', '2003', '2005', ['a', 'b']));
      h = record(h, ev('ConventionRenewed', '2006', { conventionId: 'c1', newEnd: '2006' }));
      h = record(h, ev('PartyJoined', '2006', { conventionId: 'c1', party: { id: 'v', name: 'Vitrolles', kind: 'commune' } }));
      return h;
    }

    it('starts a framework with its summary, events and checkpoint', async () => {
      const id = `fw-${randomUUID()}`;
      const events = await project(sample(), id, nextOffset());
      expect(await store.checkpoint()).toBe(events[events.length - 1].position);
      const summary = await store.getFramework(id);
      expect(summary).toMatchObject({ id, name: 'Test framework', revision: 3, eventCount: 4 });
      expect((await store.listFrameworks()).map((f) => f.id)).toContain(id);
      expect((await store.frameworkEvents(id)).map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
      expect(await store.getFramework(`nope-${randomUUID()}`)).toBeNull();
    });

    it('keeps the horizon over recorded time and the format with the summary', async () => {
      const id = `fw-${randomUUID()}`;
      const events = await project(sample(), id, nextOffset());
      const summary = (await store.getFramework(id))!;
      expect(summary.format).toBe(READ_MODEL_FORMAT);
      // The summary holds the latest entry; the history answers as known at any instant.
      expect(summary.horizons).toEqual([{ recordedFrom: events[2].recordedAt, horizon: { from: '1990-01-01', to: '2006-12-31' } }]);
      expect((await store.listFrameworks()).find((f) => f.id === id)).toEqual(summary);
      const before = (instant: string) => new Date(Date.parse(instant) - 1).toISOString();
      expect(await store.horizonAt(id, before(events[0].recordedAt))).toBeNull();
      expect(await store.horizonAt(id, events[0].recordedAt)).toEqual({ from: '1990-01-01', to: '1990-12-31' });
      expect(await store.horizonAt(id, before(events[2].recordedAt))).toEqual({ from: '1990-01-01', to: '2005-12-31' });
      expect(await store.horizonAt(id, events[3].recordedAt)).toEqual({ from: '1990-01-01', to: '2006-12-31' });
      expect(await store.horizonAt(`nope-${randomUUID()}`, events[3].recordedAt)).toBeNull();
    });

    it('answers the state on a day from the segments valid that day', async () => {
      const id = `fw-${randomUUID()}`;
      await project(sample(), id, nextOffset());
      const at2004 = stateFromSegments(await store.segmentsAt(id, '2004-06-30'));
      expect(at2004.conventions.map((c) => c.id)).toEqual(['c1']);
      expect(at2004.parties.map((p) => p.id).sort()).toEqual(['a', 'b']);
      const at2006 = stateFromSegments(await store.segmentsAt(id, '2006-06-30'));
      expect(at2006.parties.map((p) => p.id).sort()).toEqual(['a', 'b', 'v']);
      expect((await store.segmentsAt(id, '2008-01-01')).filter((s) => s.kind === 'convention')).toEqual([]);
    });

    it('keeps what was known before: a query as known at an earlier instant sees the earlier record', async () => {
      const id = `fw-${randomUUID()}`;
      const events = await project(sample(), id, nextOffset());
      const beforeJoin = events[2].recordedAt;
      const then = stateFromSegments(await store.segmentsAt(id, '2006-06-30', beforeJoin));
      expect(then.parties.map((p) => p.id).sort()).toEqual(['a', 'b']);
      const beforeAll = new Date(Date.parse(events[0].recordedAt) - 1).toISOString();
      expect(await store.segmentsAt(id, '2006-06-30', beforeAll)).toEqual([]);
      expect((await store.frameworkEvents(id, beforeJoin)).length).toBe(3);
      expect((await store.currentSegments(id)).every((s) => s.recordedTo === null)).toBe(true);
    });

    it('applies a batch atomically: a failing change leaves the store and checkpoint as they were', async () => {
      const id = `fw-${randomUUID()}`;
      const events = await project(sample(), id, nextOffset());
      const checkpoint = await store.checkpoint();
      const history = record(sample(), ev('ConventionEnded', '2006-06', { conventionId: 'c1' }));
      const extra = { ...history.events[4], frameworkId: id, position: events[3].position + 1 };
      const good = projectEvent(await store.frameworkEvents(id), extra, await store.currentSegments(id));
      // Another event at the same framework revision: the read models would no longer be one log's.
      const other = { ...good, position: good.position + 1, event: { ...good.event, eventId: randomUUID(), position: good.position + 1 } };
      await expect(store.commit([good, other])).rejects.toBeInstanceOf(ReadModelsDiverged);
      expect(await store.checkpoint()).toBe(checkpoint);
      expect((await store.frameworkEvents(id)).length).toBe(4);
      expect(stateFromSegments(await store.segmentsAt(id, '2006-09-01')).conventions.map((c) => c.id)).toEqual(['c1']);
    });

    it('skips a change its framework already has (a second runner), checking that it is the same event', async () => {
      const id = `fw-${randomUUID()}`;
      const events = await project(sample(), id, nextOffset());
      const checkpoint = await store.checkpoint();
      const segments = await store.currentSegments(id);
      // A runner that read the framework before events[3] was applied computes the same change again.
      const again = projectEvent(events.slice(0, 3), events[3], []);
      expect(await store.commit([again])).toEqual({ applied: 0, skipped: 1, checkpoint });
      expect(await store.checkpoint()).toBe(checkpoint);
      expect(await store.getFramework(id)).toMatchObject({ revision: 3, eventCount: 4 });
      expect((await store.frameworkEvents(id)).length).toBe(4);
      expect(await store.currentSegments(id)).toEqual(segments);
      // The same revision with another event is not a repeat: the read models and the log differ.
      const stranger = { ...again, event: { ...again.event, eventId: randomUUID() } };
      await expect(store.commit([stranger])).rejects.toBeInstanceOf(ReadModelsDiverged);
    });

    it('refuses a change that does not follow its framework\'s stored revision, and keeps the checkpoint from going back', async () => {
      const id = `fw-${randomUUID()}`;
      const history = record(sample(), ev('ConventionEnded', '2006-06', { conventionId: 'c1' }));
      const offset = nextOffset();
      const events = history.events.map((e) => ({ ...e, frameworkId: id, position: e.position + offset }));
      for (const event of events.slice(0, 3)) await store.commit([projectEvent(await store.frameworkEvents(id), event, await store.currentSegments(id))]);
      const before = await store.checkpoint();
      // Revision 4 after revision 2: revision 3 is missing.
      const ahead = projectEvent(events.slice(0, 4), events[4], []);
      const error = await store.commit([ahead]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProjectionGap);
      expect(error).toMatchObject({ frameworkId: id, storedRevision: 2, revision: 4 });
      expect(await store.checkpoint()).toBe(before);
      expect(await store.getFramework(id)).toMatchObject({ revision: 2 });
      // A change skipped below the stored checkpoint leaves the checkpoint where it is.
      const behind = projectEvent(events.slice(0, 1), events[1], []);
      expect((await store.commit([behind])).checkpoint).toBe(before);
      expect(await store.checkpoint()).toBe(before);
    });

    it('reads a framework for a runner from one snapshot, and gives its first and last events by position', async () => {
      const id = `fw-${randomUUID()}`;
      const events = await project(sample(), id, nextOffset());
      const state = await store.projectionState(id);
      expect(state.events).toEqual(await store.frameworkEvents(id));
      expect(state.current).toEqual(await store.currentSegments(id));
      const bounds = await store.eventBounds();
      expect(bounds!.first.position).toBeLessThanOrEqual(events[0].position);
      expect(bounds!.last.position).toBeGreaterThanOrEqual(events[3].position);
      if (bounds!.last.position === events[3].position) {
        expect(bounds!.last).toEqual({ position: events[3].position, eventId: events[3].eventId, recordedAt: events[3].recordedAt });
      }
      expect(await store.projectionState(`nope-${randomUUID()}`)).toEqual({ events: [], current: [] });
    });

    it('equals the pure fold of the events filtered by effective date and known-at, horizon included, for random histories (property)', async () => {
      await fc.assert(
        fc.asyncProperty(
          arbitraryHistory(30),
          fc.array(fc.tuple(arbitraryDay, fc.nat(), fc.integer({ min: -1, max: 1 })), { minLength: 5, maxLength: 10 }),
          async (history, questions) => {
            const id = `fw-${randomUUID()}`;
            const events = await project(history, id, nextOffset());
            for (const [day, n, shift] of questions) {
              const anchor = events[n % events.length].recordedAt;
              const knownAt = n % 4 === 0 ? undefined : new Date(Date.parse(anchor) + shift).toISOString();
              const known = knownFacts(events, knownAt).facts;
              const expected = stateAt(buildTimeline(known), day);
              const segments = await store.segmentsAt(id, day, knownAt);
              expect(stateFromSegments(segments)).toEqual(expected);
              // The views are those of the very same segments.
              const views = await store.viewsAt(id, day, knownAt);
              expect(sortedViews(views)).toEqual(sortedViews(segments.map(({ kind, payload }) => ({ kind, payload }))));
              // The horizon kept with the summary is the one of the facts as known at knownAt.
              const horizon = knownAt === undefined ? horizonAt((await store.getFramework(id))!.horizons) : await store.horizonAt(id, knownAt);
              expect(horizon).toEqual(horizonOf(known));
            }
          },
        ),
        { numRuns: options.propertyRuns ?? 60 },
      );
    });

    it('can be reset for a rebuild: a new epoch, and commits of the earlier one are refused', async () => {
      const id = `fw-${randomUUID()}`;
      const events = await project(sample(), id, nextOffset());
      const { epoch } = await store.progress();
      await store.reset();
      expect(await store.progress()).toEqual({ checkpoint: null, epoch: epoch + 1 });
      expect(await store.listFrameworks()).toEqual([]);
      expect(await store.eventBounds()).toBeNull();
      expect((await store.health()).status).toBe('up');
      // A runner that started before the reset: its next commit is refused, nothing is written.
      const late = projectEvent([], events[0], []);
      await expect(store.commit([late], { epoch })).rejects.toBeInstanceOf(ReadModelsReset);
      expect(await store.getFramework(id)).toBeNull();
      expect(await store.commit([late], { epoch: epoch + 1 })).toEqual({ applied: 1, skipped: 0, checkpoint: events[0].position });
    });
  });
}
