import type { Source } from '../events/framework.events.js';
import { knownFacts } from '../facts/known-facts.js';
import { ev, established, given, party, refusedWith, signed, SOURCE } from '../testing/given-when-then.js';
import { buildTimeline } from '../timeline/fold.js';
import { attestedUntil, evidenceOn, type Support } from './evidence.js';
import { horizonOf, HorizonTracker } from './horizon.js';
import { segmentsOf } from './segments.js';
import { stateAt } from './state-at.js';

const INFERRED: Source = { ...SOURCE, confidence: 'inferred', note: 'déduit' };
const stateOf = (history: ReturnType<typeof given>['history']) => (day: string) => stateAt(buildTimeline(knownFacts(history.events).facts), day);

describe('evidence of one item from its supports', () => {
  const s = (from: string, to: string | null, confidence: 'stated' | 'inferred'): Support => ({ from, to, confidence });

  it('is stated where a stated support covers the day, inferred where only an inferred one does', () => {
    const supports = [s('2003-01-01', '2005-12-31', 'stated'), s('2006-01-01', '2006-12-31', 'inferred')];
    expect(evidenceOn(supports, '2004-06-30')).toBe('stated');
    expect(evidenceOn(supports, '2006-06-30')).toBe('inferred');
    expect(evidenceOn([...supports, s('2006-01-01', '2006-03-31', 'stated')], '2006-02-01')).toBe('stated');
  });

  it('is inferred between two supports (nothing ended the item), presumed after the last one', () => {
    const supports = [s('2001-01-01', '2001-12-31', 'stated'), s('2008-01-01', '2010-12-31', 'stated')];
    expect(evidenceOn(supports, '2005-01-01')).toBe('inferred');
    expect(evidenceOn(supports, '2011-01-01')).toBe('presumed');
    expect(attestedUntil(supports)).toBe('2010-12-31');
  });

  it('has no attestedUntil when a support is open-ended by the source’s own words', () => {
    const supports = [s('1994-07-25', null, 'stated'), s('1994-07-25', '1994-12-31', 'inferred')];
    expect(attestedUntil(supports)).toBeUndefined();
    expect(evidenceOn(supports, '2030-01-01')).toBe('stated');
  });
});

describe('evidence of the items of a framework', () => {
  const base = [established('1990'), signed('c1', '2003', '2005', ['a', 'b'])];

  it('a convention: stated over its signed term, as a renewal says after it (inferred here), attested until the last term', () => {
    const { history } = given(...base, ev('ConventionRenewed', '2006', { conventionId: 'c1', newEnd: '2006' }, INFERRED));
    const at = stateOf(history);
    expect(at('2004-06-30').conventions[0]).toMatchObject({ evidence: 'stated', attestedUntil: '2006-12-31' });
    expect(at('2006-06-30').conventions[0]).toMatchObject({ evidence: 'inferred', attestedUntil: '2006-12-31' });
    expect(at('2006-06-30').conventions[0].termChanges[0]).toMatchObject({ kind: 'renewal', evidence: 'inferred' });
  });

  it('parties carried over: inferred, with the passage of the convention that binds them and where they come from', () => {
    const carried = { ...signed('c2', '2006', '2008', ['a', 'b'], 'c1'), source: { ...SOURCE, passage: 'Convention 2006 - 2008' } } as ReturnType<typeof signed>;
    (carried.data as Record<string, unknown>).partiesCarriedOverFrom = 'c1';
    const { history } = given(...base, carried);
    const state = stateOf(history)('2007-06-30');
    expect(state.conventions[0]).toMatchObject({ id: 'c2', evidence: 'stated', partiesCarriedOverFrom: 'c1', supersedes: 'c1', supersedesEvidence: 'stated' });
    expect(state.conventions[0].parties.map((p) => [p.id, p.evidence, p.attestedUntil, p.carriedOverFrom])).toEqual([
      ['a', 'inferred', '2008-12-31', 'c1'],
      ['b', 'inferred', '2008-12-31', 'c1'],
    ]);
    const a = state.parties.find((p) => p.id === 'a')!;
    expect(a).toMatchObject({ since: '2003-01-01', evidence: 'inferred', attestedUntil: '2008-12-31', carriedOverFrom: 'c1', eventId: 'e2' });
    expect(a.source.passage).toBe('Convention 2006 - 2008');
    // In 2004, the same party is bound by the signing that names it: stated, with that passage.
    expect(stateOf(history)('2004-06-30').parties.find((p) => p.id === 'a')).toMatchObject({ evidence: 'stated', eventId: 'e1' });
  });

  it('a party that joins: stated over its joining’s own date, then as the convention’s term says', () => {
    const { history } = given(
      ...base,
      ev('ConventionRenewed', '2006', { conventionId: 'c1', newEnd: '2007' }, INFERRED),
      ev('PartyJoined', '2006', { conventionId: 'c1', party: party('v') }),
    );
    const at = stateOf(history);
    expect(at('2006-06-30').parties.find((p) => p.id === 'v')).toMatchObject({ evidence: 'stated', eventId: 'e3' });
    expect(at('2007-06-30').parties.find((p) => p.id === 'v')).toMatchObject({ evidence: 'inferred', attestedUntil: '2007-12-31' });
  });

  it('a thing adopted for a convention’s term lapses when the term ends, extensions included, and is never presumed', () => {
    const rule = ev('InstrumentAdopted', '2003', { instrumentId: 'r', name: 'Règle', kind: 'funding-rule', lastsFor: { kind: 'convention', id: 'c1' } });
    const extended = given(...base, rule, ev('ConventionExtended', '2006', { conventionId: 'c1', newEnd: '2006' }, INFERRED));
    const at = stateOf(extended.history);
    expect(at('2004-06-30').instruments[0]).toMatchObject({ id: 'r', evidence: 'stated', attestedUntil: '2006-12-31', lastsFor: { kind: 'convention', id: 'c1' } });
    expect(at('2006-06-30').instruments[0]).toMatchObject({ evidence: 'inferred' });
    expect(at('2007-01-01').instruments).toEqual([]);
    expect(stateOf(given(...base, rule).history)('2006-01-01').instruments).toEqual([]);
  });

  it('a thing adopted for the time of a review lapses after the review', () => {
    const { history } = given(
      ...base,
      ev('ReviewConducted', '2009/2010', { reviewId: 'bilan', name: 'Bilan' }),
      ev('BodyCreated', '2009', { bodyId: 'g', name: 'Groupe', kind: 'working-group', lastsFor: { kind: 'review', id: 'bilan' } }, INFERRED),
    );
    expect(stateOf(history)('2010-06-30').bodies[0]).toMatchObject({ id: 'g', evidence: 'inferred', attestedUntil: '2010-12-31' });
    expect(stateOf(history)('2011-01-01').bodies).toEqual([]);
  });

  it('a thing with neither end nor term: supported by its own date, presumed after it, unless a later fact attests it', () => {
    const launched = ev('SupportMissionLaunched', '2001', { missionId: 'm', name: 'Mission', domains: ['social'] });
    const plain = stateOf(given(...base, launched).history);
    expect(plain('2001-06-30').missions[0]).toMatchObject({ evidence: 'stated', attestedUntil: '2001-12-31' });
    expect(plain('2030-01-01').missions[0]).toMatchObject({ evidence: 'presumed', attestedUntil: '2001-12-31' });
    const attested = stateOf(given(...base, launched, ev('ItemAttested', '2008/2010', { about: { kind: 'mission', id: 'm' } }, INFERRED)).history);
    expect(attested('2005-01-01').missions[0]).toMatchObject({ evidence: 'inferred', attestedUntil: '2010-12-31' });
    expect(attested('2009-01-01').missions[0]).toMatchObject({ evidence: 'inferred' });
    expect(attested('2011-01-01').missions[0]).toMatchObject({ evidence: 'presumed' });
  });

  it('a thing ended: supported until its end', () => {
    const { history } = given(
      ...base,
      ev('SupportMissionLaunched', '2001', { missionId: 'm', name: 'Mission', domains: ['social'] }),
      ev('SupportMissionEnded', '2009-06', { missionId: 'm' }),
    );
    expect(stateOf(history)('2008-01-01').missions[0]).toMatchObject({ evidence: 'stated', attestedUntil: '2009-05-31' });
  });

  it('reviews, milestones and conflicts happened and stay in the record: no attestedUntil', () => {
    const { history } = given(...base, ev('MilestoneNoted', '2004', { milestoneId: 'j', name: 'Jalon' }, INFERRED));
    expect(stateOf(history)('2030-01-01').milestones[0]).toEqual(expect.objectContaining({ evidence: 'inferred' }));
    expect(stateOf(history)('2030-01-01').milestones[0].attestedUntil).toBeUndefined();
  });

  it('splits the read models’ segments where the evidence changes', () => {
    const { history } = given(...base, ev('SupportMissionLaunched', '2001', { missionId: 'm', name: 'Mission', domains: ['social'] }));
    const segments = segmentsOf(buildTimeline(knownFacts(history.events).facts)).filter((seg) => seg.kind === 'mission');
    expect(segments.map((seg) => [seg.validFrom, seg.validTo, seg.payload.evidence])).toEqual([
      ['2001-01-01', '2002-01-01', 'stated'],
      ['2002-01-01', null, 'presumed'],
    ]);
  });
});

describe('rules of what lasts for a term, of attestations and of carried-over parties', () => {
  const base = [established('1990'), signed('c1', '2003', '2005', ['a'])];
  it('refuses a thing adopted for a convention not in force, or unknown', () => {
    const adopt = (date: string, id: string) => ev('InstrumentAdopted', date, { instrumentId: 'r', name: 'R', kind: 'other', lastsFor: { kind: 'convention', id } });
    expect(refusedWith(given(...base).when(adopt('2007', 'c1')))).toBe('convention-not-in-force');
    expect(refusedWith(given(...base).when(adopt('2004', 'nope')))).toBe('convention-unknown');
    expect(given(...base).when(adopt('2004', 'c1')).ok).toBe(true);
  });
  it('refuses a thing adopted for an unknown review, or for one already over', () => {
    const create = (date: string) => ev('BodyCreated', date, { bodyId: 'g', name: 'G', kind: 'working-group', lastsFor: { kind: 'review', id: 'bilan' } });
    expect(refusedWith(given(...base).when(create('2004')))).toBe('review-unknown');
    const reviewed = given(...base, ev('ReviewConducted', '2004', { reviewId: 'bilan', name: 'Bilan' }));
    expect(refusedWith(reviewed.when(create('2006')))).toBe('lasts-for-ended');
    expect(reviewed.when(create('2004')).ok).toBe(true);
  });
  it('refuses an attestation of an unknown thing, or of one not in force on its date', () => {
    const launched = ev('SupportMissionLaunched', '2004', { missionId: 'm', name: 'M', domains: ['social'] });
    const attest = (date: string) => ev('ItemAttested', date, { about: { kind: 'mission', id: 'm' } });
    expect(refusedWith(given(...base).when(attest('2005')))).toBe('mission-unknown');
    expect(refusedWith(given(...base, launched).when(attest('2003')))).toBe('attested-item-not-active');
    expect(refusedWith(given(...base, launched, ev('SupportMissionEnded', '2006', { missionId: 'm' })).when(attest('2007')))).toBe('attested-item-not-active');
    expect(given(...base, launched).when(attest('2005/2007')).ok).toBe(true);
  });
  it('refuses parties carried over from an unknown convention', () => {
    const carried = signed('c2', '2006', '2008', ['a'], 'c1');
    (carried.data as Record<string, unknown>).partiesCarriedOverFrom = 'nope';
    expect(refusedWith(given(...base).when(carried))).toBe('convention-unknown');
  });
});

describe('the horizon', () => {
  it('runs from the first day of the earliest fact to the last day of the latest date or term', () => {
    const { history } = given(established('198X'), signed('c1', '2015', '2017', ['a']), ev('MilestoneNoted', '2016', { milestoneId: 'j', name: 'J' }));
    expect(horizonOf(knownFacts(history.events).facts)).toEqual({ from: '1980-01-01', to: '2017-12-31' });
    const tracker = HorizonTracker.of(history.events);
    expect(tracker.horizon).toEqual({ from: '1980-01-01', to: '2017-12-31' });
    expect(tracker.history.map((h) => h.horizon?.to)).toEqual(['1989-12-31', '2017-12-31']);
  });
});
