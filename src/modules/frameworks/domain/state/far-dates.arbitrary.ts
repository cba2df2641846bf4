import fc from 'fast-check';
import { decide, initialHistory, type FrameworkHistory } from '../decider/framework.decider.js';
import type { GovernanceEvent } from '../events/framework.events.js';
import { arbitraryHistory } from '../testing/arbitrary-history.js';
import { record, SOURCE } from '../testing/given-when-then.js';

/**
 * Random valid histories with facts dated far in the future (9999-12-31, 9999) and far in the past
 * (0001-01-01), placed anywhere in recorded order, and corrections that move such a fact: every
 * later fact then lands before a recorded one (or after one dated long before). For the property
 * tests of the incremental projection against the full fold.
 */

const FAR: ((history: FrameworkHistory, n: number) => GovernanceEvent | null)[] = [
  (_, n) => ({ type: 'MilestoneNoted', effectiveDate: '9999-12-31', data: { milestoneId: `far-future-${n}`, name: 'Jalon lointain' }, source: SOURCE }),
  (_, n) => ({ type: 'MilestoneNoted', effectiveDate: '0001-01-01', data: { milestoneId: `far-past-${n}`, name: 'Jalon ancien' }, source: SOURCE }),
  (_, n) => ({ type: 'ReviewConducted', effectiveDate: '9999', data: { reviewId: `far-review-${n}`, name: 'Bilan lointain' }, source: SOURCE }),
  (history) => {
    // Moves a recorded milestone or review to another far (or ordinary) date.
    const targets = history.events.filter((e) => e.type === 'MilestoneNoted' || e.type === 'ReviewConducted');
    const target = targets[history.events.length % Math.max(1, targets.length)];
    if (!target) return null;
    const date = ['9999-12-31', '0001-01-01', '2003-06'][history.events.length % 3];
    return { type: 'FactCorrected', effectiveDate: '2003', data: { eventId: target.eventId, effectiveDate: date, reason: 'date corrigée' }, source: SOURCE } as GovernanceEvent;
  },
  (history) => {
    const targets = history.events.filter((e) => e.type === 'MilestoneNoted' || e.type === 'ReviewConducted');
    const target = targets[targets.length - 1];
    return target ? ({ type: 'FactRetracted', effectiveDate: '2003', data: { eventId: target.eventId, reason: 'retiré' }, source: SOURCE } as GovernanceEvent) : null;
  },
];

/** A history of `arbitraryHistory(max)` with up to `far` far-dated facts and corrections inserted at random places. */
export function arbitraryFarHistory(max = 30, far = 4): fc.Arbitrary<FrameworkHistory> {
  const insertion = fc.record({ at: fc.nat(1000), what: fc.nat(FAR.length - 1) });
  return fc.tuple(arbitraryHistory(max), fc.array(insertion, { minLength: 1, maxLength: far })).map(([base, inserts]) => {
    const [first, ...rest] = base.events;
    let history = record(initialHistory(base.frameworkId), first, first.eventId);
    const plan = new Map<number, number[]>();
    for (const { at, what } of inserts) plan.set(at % (rest.length + 1), [...(plan.get(at % (rest.length + 1)) ?? []), what]);
    const tryRecord = (event: GovernanceEvent, eventId: string) => {
      const decision = decide({ type: 'RecordEvent', event }, history);
      if (decision.ok) history = record(history, event, eventId);
    };
    let n = 0;
    rest.forEach((event, i) => {
      for (const what of plan.get(i) ?? []) {
        const proposal = FAR[what](history, n);
        if (proposal) tryRecord(proposal, `far-${n++}`);
      }
      const { eventId, frameworkId: _f, revision: _r, position: _p, recordedAt: _a, recordedBy: _b, ...body } = event;
      tryRecord(body as GovernanceEvent, eventId);
    });
    for (const what of plan.get(rest.length) ?? []) {
      const proposal = FAR[what](history, n);
      if (proposal) tryRecord(proposal, `far-${n++}`);
    }
    return history;
  });
}
