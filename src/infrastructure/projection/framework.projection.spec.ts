import fc from 'fast-check';
import { buildTimeline } from '../../modules/frameworks/domain/timeline/fold.js';
import { knownFacts } from '../../modules/frameworks/domain/facts/known-facts.js';
import { segmentsOf } from '../../modules/frameworks/domain/state/segments.js';
import { arbitraryHistory } from '../../modules/frameworks/domain/testing/arbitrary-history.js';
import { arbitraryFarHistory } from '../../modules/frameworks/domain/state/far-dates.arbitrary.js';
import type { FrameworkHistory } from '../../modules/frameworks/domain/decider/framework.decider.js';
import { ProjectionGap, ReadModelsDiverged } from '../read-models/commit-rules.js';
import { ev, established, record, signed } from '../../modules/frameworks/domain/testing/given-when-then.js';
import { initialHistory } from '../../modules/frameworks/domain/decider/framework.decider.js';
import { FrameworkProjection } from './framework.projection.js';
import type { Segment } from '../read-models/read-model.port.js';

const key = (s: Pick<Segment, 'kind' | 'itemId' | 'validFrom'>) => `${s.kind}|${s.itemId}|${s.validFrom}`;
const print = (s: Segment) => `${key(s)}|${s.validTo}|${JSON.stringify(s.payload)}`;

describe('the incremental projection of a framework', () => {
  /** Applies every event of the history in turn; after each, the segments held equal those of the full fold. */
  const sameAsFullFold = (history: FrameworkHistory) => {
    const projection = FrameworkProjection.resume('fw', [], []);
    const current = new Map<string, Segment>();
    history.events.forEach((event, i) => {
      const change = projection.apply(event)!;
      for (const c of change.close) {
        expect(current.has(key(c))).toBe(true);
        current.delete(key(c));
      }
      for (const o of change.open) {
        expect(current.has(key(o))).toBe(false);
        current.set(key(o), o);
      }
      const expected = segmentsOf(buildTimeline(knownFacts(history.events.slice(0, i + 1)).facts)) as Segment[];
      expect([...current.values()].map(print).sort()).toEqual(expected.map(print).sort());
    });
  };

  it('keeps, after every event, exactly the segments of the full fold (property)', () => {
    fc.assert(fc.property(arbitraryHistory(40), sameAsFullFold), { numRuns: 150 });
  });

  it('keeps the segments of the full fold with facts dated 9999-12-31 or 0001-01-01 and corrections moving them (property)', () => {
    let far = 0;
    fc.assert(
      fc.property(arbitraryFarHistory(30, 4), (history) => {
        if (history.events.some((e) => e.eventId.startsWith('far-'))) far++;
        sameAsFullFold(history);
      }),
      { numRuns: 150 },
    );
    // The far-dated facts were recorded (not all refused): the property covered them.
    expect(far).toBeGreaterThan(100);
  });

  it('resumes from stored segments and carries on identically', () => {
    fc.assert(
      fc.property(arbitraryHistory(30), fc.nat(), (history, cut) => {
        const n = 1 + (cut % history.events.length);
        const first = FrameworkProjection.resume('fw', [], []);
        const stored = new Map<string, Segment>();
        for (const event of history.events.slice(0, n)) {
          const change = first.apply(event)!;
          for (const c of change.close) stored.delete(key(c));
          for (const o of change.open) stored.set(key(o), o);
        }
        const resumed = FrameworkProjection.resume('fw', history.events.slice(0, n), [...stored.values()]);
        for (const event of history.events.slice(n)) {
          const a = first.apply(event)!;
          const b = resumed.apply(event)!;
          expect(b.close.map(key).sort()).toEqual(a.close.map(key).sort());
          expect(b.open.map(print).sort()).toEqual(a.open.map(print).sort());
        }
      }),
      { numRuns: 80 },
    );
  });

  it('takes only the next revision: an event it holds gives no change, another one there or one further ahead is refused', () => {
    let h = initialHistory('fw');
    h = record(h, established('1990'));
    h = record(h, signed('c1', '2003', '2005', ['a', 'b']));
    h = record(h, ev('ConventionExtended', '2005', { conventionId: 'c1', newEnd: '2006' }));
    const [e0, e1, e2] = h.events;
    // Resumed from a store another runner has taken to revision 1, while this runner reads the log from the start.
    const projection = FrameworkProjection.resume('fw', [e0, e1], []);
    expect(projection.revision).toBe(1);
    expect(projection.apply(e0)).toBeNull();
    expect(projection.apply(e1)).toBeNull();
    expect(projection.eventCount).toBe(2);
    expect(() => projection.apply({ ...e1, eventId: 'another-event' })).toThrow(ReadModelsDiverged);
    expect(() => projection.apply({ ...e2, revision: 3 })).toThrow(ProjectionGap);
    const change = projection.apply(e2)!;
    expect(change.framework).toMatchObject({ revision: 2, eventCount: 3 });
    expect(projection.apply(e2)).toBeNull();
  });
});
