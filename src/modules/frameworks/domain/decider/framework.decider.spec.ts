import { ev, established, given, party, refusedWith, signed } from '../testing/given-when-then.js';

describe('framework decider', () => {
  describe('establishing a framework', () => {
    it('accepts the first event of a stream when it establishes the framework', () => {
      const decision = given().when({ type: 'EstablishFramework', event: established() as any });
      expect(decision).toEqual({ ok: true, events: [established()] });
    });
    it('refuses to establish a framework twice', () => {
      expect(refusedWith(given(established()).when({ type: 'EstablishFramework', event: established() as any }))).toBe(
        'framework-already-exists',
      );
      expect(refusedWith(given(established()).when(established()))).toBe('framework-already-established');
    });
    it('refuses any other fact on a framework that is not established', () => {
      expect(refusedWith(given().when(signed('c1', '2000', '2002', ['a'])))).toBe('framework-not-established');
    });
    it('refuses a fact dated before the framework was established', () => {
      expect(refusedWith(given(established('1990')).when(signed('c1', '1985', '1987', ['a'])))).toBe(
        'before-framework-established',
      );
    });
  });

  describe('signing a convention', () => {
    it('accepts a convention with its term and parties', () => {
      const event = signed('c1', '2000-05-19', '2002', ['a', 'b']);
      expect(given(established()).when(event)).toEqual({ ok: true, events: [event] });
    });
    it('refuses an end before the start', () => {
      expect(refusedWith(given(established()).when(signed('c1', '2003', '2002', ['a'])))).toBe('end-before-start');
    });
    it('refuses the same convention id twice', () => {
      expect(refusedWith(given(established(), signed('c1', '2000', '2002', ['a'])).when(signed('c1', '2003', '2005', ['a'])))).toBe(
        'convention-already-exists',
      );
    });
    it('refuses a party listed twice and a convention without parties', () => {
      expect(refusedWith(given(established()).when(signed('c1', '2000', '2002', ['a', 'a'])))).toBe('party-listed-twice');
      expect(refusedWith(given(established()).when(signed('c1', '2000', '2002', [])))).toBe('convention-without-parties');
    });
    it('refuses to supersede an unknown, a later, or an already superseded convention', () => {
      const base = given(established(), signed('c1', '2000', undefined, ['a']));
      expect(refusedWith(base.when(signed('c2', '2003', '2005', ['a'], 'nope')))).toBe('convention-unknown');
      expect(refusedWith(base.when(signed('c0', '1995', '1999', ['a'], 'c1')))).toBe('supersedes-later-convention');
      const superseded = given(established(), signed('c1', '2000', undefined, ['a']), signed('c2', '2003', '2005', ['a'], 'c1'));
      expect(refusedWith(superseded.when(signed('c3', '2004', '2006', ['a'], 'c1')))).toBe('convention-already-superseded');
    });
    it('refuses a superseding convention that would leave a later fact of the old one out of force', () => {
      const history = given(
        established(),
        signed('c1', '2000', undefined, ['a']),
        ev('PartyJoined', '2004', { conventionId: 'c1', party: party('b') }),
      );
      const decision = history.when(signed('c2', '2003', '2005', ['a'], 'c1'));
      expect(refusedWith(decision)).toBe('convention-not-in-force');
      expect(decision.ok || decision.refusal.conflictingEventId).toBe('e2');
    });
  });

  describe('extending (prorogation) and renewing (reconduction)', () => {
    const base = () => given(established(), signed('c1', '2011', '2012', ['a']));
    it('accepts an extension while the convention is in force', () => {
      expect(base().when(ev('ConventionExtended', '2012-11', { conventionId: 'c1', newEnd: '2013' })).ok).toBe(true);
    });
    it('accepts a renewal taking effect the day after the term ends', () => {
      expect(base().when(ev('ConventionRenewed', '2013', { conventionId: 'c1', newEnd: '2013' })).ok).toBe(true);
    });
    it('refuses to extend a convention that is not in force on that date', () => {
      expect(refusedWith(base().when(ev('ConventionExtended', '2015', { conventionId: 'c1', newEnd: '2016' })))).toBe(
        'convention-not-in-force',
      );
      expect(refusedWith(base().when(ev('ConventionExtended', '2010', { conventionId: 'c1', newEnd: '2016' })))).toBe(
        'convention-not-in-force',
      );
    });
    it('refuses to extend an unknown convention', () => {
      expect(refusedWith(base().when(ev('ConventionExtended', '2012', { conventionId: 'zz', newEnd: '2016' })))).toBe(
        'convention-unknown',
      );
    });
    it('refuses a new end that does not extend the term', () => {
      expect(refusedWith(base().when(ev('ConventionRenewed', '2012', { conventionId: 'c1', newEnd: '2012-06' })))).toBe(
        'extension-must-extend',
      );
    });
    it('refuses to extend an open-ended convention', () => {
      const open = given(established(), signed('c1', '2000', undefined, ['a']));
      expect(refusedWith(open.when(ev('ConventionExtended', '2001', { conventionId: 'c1', newEnd: '2005' })))).toBe(
        'convention-open-ended',
      );
    });
    it('refuses to extend a convention ended early', () => {
      const ended = given(established(), signed('c1', '2011', '2012', ['a']), ev('ConventionEnded', '2011-06', { conventionId: 'c1' }));
      expect(refusedWith(ended.when(ev('ConventionExtended', '2012', { conventionId: 'c1', newEnd: '2013' })))).toBe(
        'convention-not-in-force',
      );
    });
    it('chains extensions: the second one counts from the first one’s end', () => {
      const once = given(established(), signed('c1', '2011', '2012', ['a']), ev('ConventionExtended', '2013', { conventionId: 'c1', newEnd: '2013' }));
      expect(once.when(ev('ConventionExtended', '2014', { conventionId: 'c1', newEnd: '2014' })).ok).toBe(true);
    });
  });

  describe('ending a convention', () => {
    it('accepts ending a convention in force; refuses one not in force', () => {
      const base = given(established(), signed('c1', '2011', '2012', ['a']));
      expect(base.when(ev('ConventionEnded', '2012-03-01', { conventionId: 'c1' })).ok).toBe(true);
      expect(refusedWith(base.when(ev('ConventionEnded', '2014', { conventionId: 'c1' })))).toBe('convention-not-in-force');
      expect(refusedWith(base.when(ev('ConventionEnded', '2012', { conventionId: 'nope' })))).toBe('convention-unknown');
    });
    it('refuses a back-dated end that would leave a later extension without a convention in force', () => {
      const history = given(
        established(),
        signed('c1', '2011', '2012', ['a']),
        ev('ConventionExtended', '2012-12', { conventionId: 'c1', newEnd: '2013' }),
      );
      const decision = history.when(ev('ConventionEnded', '2012-01', { conventionId: 'c1' }));
      expect(refusedWith(decision)).toBe('convention-not-in-force');
      expect(decision.ok || decision.refusal.message).toContain('ConventionExtended');
    });
  });

  describe('parties joining and withdrawing', () => {
    const base = () => given(established(), signed('c1', '2003', '2005', ['a']));
    it('accepts a new party while the convention is in force', () => {
      expect(base().when(ev('PartyJoined', '2004', { conventionId: 'c1', party: party('v') })).ok).toBe(true);
    });
    it('refuses a party joining twice', () => {
      expect(refusedWith(base().when(ev('PartyJoined', '2004', { conventionId: 'c1', party: party('a') })))).toBe(
        'party-already-joined',
      );
    });
    it('refuses joining a convention not in force or unknown', () => {
      expect(refusedWith(base().when(ev('PartyJoined', '2007', { conventionId: 'c1', party: party('v') })))).toBe(
        'convention-not-in-force',
      );
      expect(refusedWith(base().when(ev('PartyJoined', '2004', { conventionId: 'c9', party: party('v') })))).toBe(
        'convention-unknown',
      );
    });
    it('accepts a withdrawal of a bound party; refuses one of a party not bound', () => {
      expect(base().when(ev('PartyWithdrew', '2004', { conventionId: 'c1', partyId: 'a' })).ok).toBe(true);
      expect(refusedWith(base().when(ev('PartyWithdrew', '2004', { conventionId: 'c1', partyId: 'zz' })))).toBe('party-not-bound');
      expect(refusedWith(base().when(ev('PartyWithdrew', '2004', { conventionId: 'c9', partyId: 'a' })))).toBe('convention-unknown');
    });
    it('accepts a party rejoining after it withdrew', () => {
      const withdrawn = given(
        established(),
        signed('c1', '2003', '2005', ['a']),
        ev('PartyWithdrew', '2004-01', { conventionId: 'c1', partyId: 'a' }),
      );
      expect(withdrawn.when(ev('PartyJoined', '2004-06', { conventionId: 'c1', party: party('a') })).ok).toBe(true);
    });
  });

  describe('missions, instruments, bodies, reviews, milestones', () => {
    const base = () =>
      given(
        established(),
        ev('SupportMissionLaunched', '2001', { missionId: 'm1', name: 'Mission', domains: ['accounting', 'financial'] }),
        ev('InstrumentAdopted', '2003', { instrumentId: 'i1', name: 'Dossier unique', kind: 'procedure' }),
        ev('BodyCreated', '2011', { bodyId: 'b1', name: 'Instance', kind: 'evaluation' }),
        ev('ReviewConducted', '2009/2010', { reviewId: 'r1', name: 'Bilan' }),
        ev('MilestoneNoted', '199X', { milestoneId: 'ms1', name: 'Prémices' }),
      );
    it.each([
      ['SupportMissionLaunched', { missionId: 'm1', name: 'x', domains: ['social'] }, 'mission-already-exists'],
      ['InstrumentAdopted', { instrumentId: 'i1', name: 'x', kind: 'other' }, 'instrument-already-exists'],
      ['BodyCreated', { bodyId: 'b1', name: 'x', kind: 'other' }, 'body-already-exists'],
      ['ReviewConducted', { reviewId: 'r1', name: 'x' }, 'review-already-exists'],
      ['MilestoneNoted', { milestoneId: 'ms1', name: 'x' }, 'milestone-already-exists'],
    ])('refuses a second %s with the same id', (type, data, rule) => {
      expect(refusedWith(base().when(ev(type as any, '2015', data as any)))).toBe(rule);
    });
    it.each([
      ['SupportMissionEnded', { missionId: 'm1' }, '2000', 'mission-not-active'],
      ['SupportMissionEnded', { missionId: 'mx' }, '2005', 'mission-unknown'],
      ['InstrumentRepealed', { instrumentId: 'i1' }, '2002', 'instrument-not-active'],
      ['InstrumentRepealed', { instrumentId: 'ix' }, '2005', 'instrument-unknown'],
      ['BodyDissolved', { bodyId: 'b1' }, '2010', 'body-not-active'],
      ['BodyDissolved', { bodyId: 'bx' }, '2012', 'body-unknown'],
    ])('refuses %s %j on %s (%s)', (type, data, date, rule) => {
      expect(refusedWith(base().when(ev(type as any, date, data as any)))).toBe(rule);
    });
    it('accepts ending what is active, and refuses ending it twice', () => {
      expect(base().when(ev('SupportMissionEnded', '2005', { missionId: 'm1' })).ok).toBe(true);
      const ended = given(...base().history.events.map((e) => [e, e.eventId] as [any, string]), [
        ev('InstrumentRepealed', '2010', { instrumentId: 'i1' }),
        'x1',
      ]);
      expect(refusedWith(ended.when(ev('InstrumentRepealed', '2012', { instrumentId: 'i1' })))).toBe('instrument-not-active');
    });
  });

  describe('source conflicts', () => {
    it('accepts a conflict about known subjects and refuses one about unknown subjects', () => {
      const base = given(established(), signed('c1', '2000', undefined, ['fasild']));
      const conflict = (id: string) =>
        ev('SourceConflictNoted', '2000', {
          conflictId: 'k1',
          subject: 'FASILD',
          about: [{ kind: 'party', id }],
          accounts: [
            { claim: 'party', passage: 'p1' },
            { claim: 'not a party', passage: 'p2' },
          ],
        });
      expect(base.when(conflict('fasild')).ok).toBe(true);
      expect(refusedWith(base.when(conflict('nobody')))).toBe('conflict-subject-unknown');
    });
  });

  describe('corrections and retractions', () => {
    const base = () =>
      given(
        established(),
        [signed('c1', '2003', '2005', ['a']), 'sig'],
        [ev('ConventionRenewed', '2006', { conventionId: 'c1', newEnd: '2006' }), 'ren'],
      );
    it('accepts a correction of the effective date of a fact', () => {
      expect(base().when(ev('FactCorrected', '2006', { eventId: 'ren', effectiveDate: '2005-12', reason: 'typo' })).ok).toBe(true);
    });
    it('refuses a correction that would break a later fact', () => {
      const decision = base().when(
        ev('FactCorrected', '2003', { eventId: 'sig', data: { end: '2003' }, reason: 'shorter term' }),
      );
      expect(refusedWith(decision)).toBe('convention-not-in-force');
    });
    it('refuses to correct or retract an unknown fact, a correction, or a retracted fact', () => {
      expect(refusedWith(base().when(ev('FactRetracted', '2006', { eventId: 'nope', reason: 'x' })))).toBe('fact-unknown');
      const corrected = given(...base().history.events.map((e) => [e, e.eventId] as [any, string]), [
        ev('FactCorrected', '2006', { eventId: 'ren', effectiveDate: '2005-12', reason: 'typo' }),
        'fix',
      ]);
      expect(refusedWith(corrected.when(ev('FactRetracted', '2006', { eventId: 'fix', reason: 'x' })))).toBe('correction-of-correction');
      const retracted = given(...base().history.events.map((e) => [e, e.eventId] as [any, string]), [
        ev('FactRetracted', '2006', { eventId: 'ren', reason: 'x' }),
        'gone',
      ]);
      expect(refusedWith(retracted.when(ev('FactRetracted', '2006', { eventId: 'ren', reason: 'x' })))).toBe('fact-already-retracted');
    });
    it('refuses a retraction that leaves a later fact without its ground', () => {
      expect(refusedWith(base().when(ev('FactRetracted', '2003', { eventId: 'sig', reason: 'never signed' })))).toBe(
        'convention-unknown',
      );
    });
    it('refuses an empty correction and a correction of an identity', () => {
      expect(refusedWith(base().when(ev('FactCorrected', '2003', { eventId: 'sig', reason: 'x' })))).toBe('correction-empty');
      expect(refusedWith(base().when(ev('FactCorrected', '2003', { eventId: 'sig', data: { conventionId: 'c2' }, reason: 'x' })))).toBe(
        'identity-not-correctable',
      );
    });
    it('refuses to retract the establishment of the framework', () => {
      const history = given([established(), 'est']);
      expect(refusedWith(history.when(ev('FactRetracted', '1990', { eventId: 'est', reason: 'x' })))).toBe('framework-not-retractable');
    });
  });
});
