import { decide, initialHistory } from '../domain/decider/framework.decider.js';
import { buildTimeline } from '../domain/timeline/fold.js';
import { knownFacts } from '../domain/facts/known-facts.js';
import { stateAt } from '../domain/state/state-at.js';
import { record } from '../domain/testing/given-when-then.js';
import { CCCS13_SEED } from './cccs13.seed.js';

/** The seed history obeys every rule, and answers the questions its readers ask. */
describe('the CCCS13 history', () => {
  let history = initialHistory('cccs13');
  for (const { key, ...event } of CCCS13_SEED) {
    const decision = decide({ type: 'RecordEvent', event }, history);
    if (!decision.ok) throw new Error(`seed event ${key} refused: ${decision.refusal.message}`);
    history = record(history, event, key);
  }
  const timeline = buildTimeline(knownFacts(history.events).facts);
  const names = (list: { name: string }[]) => list.map((item) => item.name);

  it('is accepted by the decider, event after event', () => {
    expect(history.events).toHaveLength(CCCS13_SEED.length);
  });

  it('in 1995: the Marseille convention, bound by three parties', () => {
    const state = stateAt(timeline, '1995-01-01');
    expect(state.conventions.map((c) => c.id)).toEqual(['cc-1994']);
    expect(state.parties.map((p) => p.id).sort()).toEqual(['caf13', 'etat', 'marseille']);
    expect(state.conventions[0].approximate).toBe(false);
  });

  it('in 2000, after 19 May: the departmental convention and its twelve parties, FASILD disputed', () => {
    const state = stateAt(timeline, '2000-06-30');
    expect(state.conventions.map((c) => c.id)).toEqual(['cc-2000']);
    expect(state.parties).toHaveLength(12);
    expect(state.parties.find((p) => p.id === 'fasild')?.conflicts?.length).toBeGreaterThan(0);
    expect(stateAt(timeline, '2000-05-18').conventions.map((c) => c.id)).toEqual(['cc-1994']);
  });

  it('on 2007-06-30: the 2003 convention, renewed, with Vitrolles and Salon-de-Provence', () => {
    const state = stateAt(timeline, '2007-06-30');
    expect(state.conventions.map((c) => c.id)).toEqual(['cc-2003']);
    const convention = state.conventions[0];
    expect(convention.end).toBe('2007-12-31');
    expect(convention.termChanges.map((t) => t.kind)).toEqual(['renewal', 'renewal']);
    expect(convention.approximate).toBe(true);
    expect(names(state.parties)).toEqual(expect.arrayContaining(['Vitrolles', 'Salon-de-Provence']));
    expect(state.parties).toHaveLength(14);
    const vitrolles = state.parties.find((p) => p.id === 'vitrolles')!;
    expect(vitrolles).toMatchObject({ since: '2006-01-01', approximate: true });
    const marseille = state.parties.find((p) => p.id === 'marseille')!;
    expect(marseille).toMatchObject({ since: '1994-07-25', approximate: false });
    expect(state.instruments.map((i) => i.id)).toEqual(
      expect.arrayContaining(['dossier-unique-financement', 'procedure-recrutement-directeurs']),
    );
  });

  it('in 2013: the 2011 convention, extended once, the evaluation body and the website; the 112 % rule lapsed with its convention', () => {
    const state = stateAt(timeline, '2013-06-30');
    expect(state.conventions.map((c) => c.id)).toEqual(['cc-2011']);
    expect(state.conventions[0]).toMatchObject({ end: '2013-12-31', endEdtf: '2013' });
    expect(state.bodies.map((b) => b.id)).toContain('instance-evaluation');
    expect(state.instruments.map((i) => i.kind)).toContain('website');
    expect(state.instruments.map((i) => i.kind)).not.toContain('funding-rule');
    expect(state.missions.length).toBe(2);
  });

  it('keeps the 112 % funding rule’s figures as data', () => {
    const rule = stateAt(timeline, '2009-01-01').instruments.find((i) => i.kind === 'funding-rule')!;
    expect(rule.figures).toMatchObject({ ceilingPercent: 112 });
  });

  it('records the contradictions of the source', () => {
    const conflicts = stateAt(timeline, '2020-01-01').conflicts;
    expect(conflicts.length).toBeGreaterThanOrEqual(3);
    for (const conflict of conflicts) expect((conflict.accounts as unknown[]).length).toBeGreaterThanOrEqual(2);
  });

  it('has nothing in force before the first convention', () => {
    expect(stateAt(timeline, '1990-01-01').conventions).toEqual([]);
  });
});
