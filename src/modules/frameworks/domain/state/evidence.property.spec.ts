import fc from 'fast-check';
import type { Day } from '../dates/edtf-date.js';
import { knownFacts, type Fact } from '../facts/known-facts.js';
import { arbitraryDay, arbitraryHistory } from '../testing/arbitrary-history.js';
import { buildTimeline } from '../timeline/fold.js';
import { factSpan } from './horizon.js';
import { KIND_OF_KEY, STATE_KINDS } from './item-kinds.js';
import type { ItemView } from './item-views.js';
import { affectedItems } from './segments.js';
import { stateAt } from './state-at.js';

/** Facts that speak of no end: a convention signed without one, and what happened and stays in the record. */
const OPEN_ENDED = (fact: Fact) =>
  (fact.type === 'ConventionSigned' && fact.data.end === undefined) || fact.type === 'ReviewConducted' || fact.type === 'MilestoneNoted';

/**
 * The last day any fact about an item speaks of (null: one of them is open-ended). "About" is what
 * the catalogue says a fact touches (`affects`), a generous reading: a conflict noted supports nothing
 * but itself.
 */
function lastSupportingDay(facts: Fact[]): Day | null | undefined {
  let last: Day | undefined;
  for (const fact of facts) {
    if (OPEN_ENDED(fact)) return null;
    const to = factSpan({ effectiveDate: fact.effective.edtf, data: fact.data }).to;
    if (last === undefined || to > last) last = to;
  }
  return last;
}

function factsAbout(facts: Fact[], timeline: ReturnType<typeof buildTimeline>): Map<string, Fact[]> {
  const about = new Map<string, Fact[]>();
  for (const fact of facts) {
    const refs = fact.type === 'SourceConflictNoted' ? [{ kind: 'conflict', id: fact.data.conflictId }] : affectedItems(timeline, fact);
    for (const ref of refs) about.set(`${ref.kind}:${ref.id}`, [...(about.get(`${ref.kind}:${ref.id}`) ?? []), fact]);
  }
  return about;
}

function check(view: { evidence: string; attestedUntil?: string }, day: Day, facts: Fact[]): void {
  const last = lastSupportingDay(facts);
  // The property: after the last day any fact about it speaks of, an item is never stated.
  if (last !== null && (last === undefined || day > last)) expect(view.evidence).not.toBe('stated');
  if (view.evidence === 'stated') expect(facts.some((f) => f.source.confidence === 'stated')).toBe(true);
  // Presumed exactly after the last day the supports reach.
  const after = view.attestedUntil !== undefined && day > view.attestedUntil;
  expect([day, view.attestedUntil, view.evidence === 'presumed']).toEqual([day, view.attestedUntil, after]);
}

describe('evidence, for any generated history', () => {
  it('never says stated on a day after the last supporting fact; presumed exactly after attestedUntil (property)', () => {
    fc.assert(
      fc.property(arbitraryHistory(40), fc.array(arbitraryDay, { minLength: 5, maxLength: 12 }), (history, days) => {
        const { facts } = knownFacts(history.events);
        const timeline = buildTimeline(facts);
        const about = factsAbout(facts, timeline);
        for (const day of [...days, '2040-01-01']) {
          const state = stateAt(timeline, day);
          for (const key of STATE_KINDS) {
            for (const item of state[key] as ItemView[]) {
              check(item, day, about.get(`${KIND_OF_KEY[key]}:${item.id}`) ?? []);
            }
          }
          for (const convention of state.conventions) {
            for (const p of convention.parties) check(p, day, about.get(`party:${p.id}`) ?? []);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('comes up at every level in the generated histories', () => {
    const levels = new Set<string>();
    for (const history of fc.sample(arbitraryHistory(40), { numRuns: 40, seed: 7 })) {
      const timeline = buildTimeline(knownFacts(history.events).facts);
      for (const day of ['1995-06-30', '2005-06-30', '2015-06-30', '2030-01-01']) {
        const state = stateAt(timeline, day);
        for (const key of STATE_KINDS) for (const item of state[key] as ItemView[]) levels.add(item.evidence);
      }
    }
    expect([...levels].sort()).toEqual(['inferred', 'presumed', 'stated']);
  });
});
