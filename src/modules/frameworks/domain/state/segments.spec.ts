import fc from 'fast-check';
import { buildTimeline } from '../timeline/fold.js';
import { knownFacts } from '../facts/known-facts.js';
import { segmentsOf, stateFromSegments } from './segments.js';
import { stateAt } from './state-at.js';
import { arbitraryDay, arbitraryHistory } from '../testing/arbitrary-history.js';

describe('segments of a timeline', () => {
  it('answer, for any day, exactly what the fold answers', () => {
    fc.assert(
      fc.property(arbitraryHistory(), fc.array(arbitraryDay, { minLength: 5, maxLength: 15 }), (history, days) => {
        const timeline = buildTimeline(knownFacts(history.events).facts);
        const segments = segmentsOf(timeline);
        for (const day of days) {
          const valid = segments.filter((s) => s.validFrom <= day && (s.validTo === null || day < s.validTo));
          expect(stateFromSegments(valid)).toEqual(stateAt(timeline, day));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('never overlap for one item', () => {
    fc.assert(
      fc.property(arbitraryHistory(), (history) => {
        const segments = segmentsOf(buildTimeline(knownFacts(history.events).facts));
        const byItem = new Map<string, typeof segments>();
        for (const s of segments) byItem.set(`${s.kind}:${s.itemId}`, [...(byItem.get(`${s.kind}:${s.itemId}`) ?? []), s]);
        for (const list of byItem.values()) {
          list.sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
          for (let i = 1; i < list.length; i++) expect(list[i - 1].validTo! <= list[i].validFrom).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('generates histories with back-dated events, corrections and retractions', () => {
    const samples = fc.sample(arbitraryHistory(60), { numRuns: 50, seed: 42 });
    const types = new Set(samples.flatMap((h) => h.events.map((e) => e.type)));
    for (const t of ['ConventionSigned', 'ConventionExtended', 'PartyJoined', 'FactCorrected', 'FactRetracted', 'ItemAttested', 'InstrumentRepealed']) {
      expect([t, types.has(t as any)]).toEqual([t, true]);
    }
    const data = samples.flatMap((h) => h.events.map((e) => e.data as Record<string, any>));
    expect(data.some((d) => d.lastsFor?.kind === 'convention')).toBe(true);
    expect(data.some((d) => d.lastsFor?.kind === 'review')).toBe(true);
    expect(data.some((d) => d.partiesCarriedOverFrom !== undefined)).toBe(true);
    expect(data.some((d) => d.source !== undefined)).toBe(true);
    const backDated = samples.some((h) => h.events.some((e, i) => i > 1 && e.effectiveDate < h.events[i - 1].effectiveDate));
    expect(backDated).toBe(true);
  });
});
