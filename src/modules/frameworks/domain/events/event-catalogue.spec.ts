import { validate } from '../../../../libs/schema/schema.js';
import { decide, evolve, initialHistory, type FrameworkHistory } from '../decider/framework.decider.js';
import { knownFacts } from '../facts/known-facts.js';
import { describeEvent, summaryContext } from '../facts/summary-context.js';
import { segmentsOf } from '../state/segments.js';
import { buildTimeline } from '../timeline/fold.js';
import type { Catalogue } from './event-catalogue.js';
import { CATALOGUE, EVENT_TYPES, factDefinitionOf, type EventType } from './event-catalogue.js';
import { eventBodyProblems, parseEventBody } from './event-body.js';
import type { GovernanceEvent, RecordedEvent } from './framework.events.js';

const SOURCE = { document: 'compte rendu', passage: 'il est décidé', confidence: 'stated' as const };

/** One event of every type, in an order the rules accept: each is checked in turn. */
function scenario(ids: { [T in EventType]?: string } = {}): GovernanceEvent[] {
  const body = (type: EventType, effectiveDate: string, data: Record<string, unknown>) => ({ type, effectiveDate, data, source: SOURCE }) as GovernanceEvent;
  return [
    body('FrameworkEstablished', '1990', { name: 'Dispositif' }),
    body('ConventionSigned', '2000', { conventionId: 'c1', name: 'Convention cadre 2000', start: '2000', end: '2002', parties: [{ id: 'etat', name: 'État', kind: 'state' }] }),
    body('ConventionExtended', '2002-06', { conventionId: 'c1', newEnd: '2003' }),
    body('ConventionRenewed', '2003-06', { conventionId: 'c1', newEnd: '2004' }),
    body('PartyJoined', '2003-07', { conventionId: 'c1', party: { id: 'caf', name: 'CAF', kind: 'family-allowance-fund' } }),
    body('PartyWithdrew', '2003-08', { conventionId: 'c1', partyId: 'caf' }),
    body('SupportMissionLaunched', '2003-09', { missionId: 'm1', name: 'Mission', domains: ['social'] }),
    body('ItemAttested', '2003-09', { about: { kind: 'mission', id: 'm1' }, description: 'la mission fonctionne' }),
    body('SupportMissionEnded', '2003-10', { missionId: 'm1' }),
    body('InstrumentAdopted', '2003-10', { instrumentId: 'i1', name: 'Règle', kind: 'funding-rule', figures: { ceilingPercent: 112 }, lastsFor: { kind: 'convention', id: 'c1' } }),
    body('InstrumentRepealed', '2003-11', { instrumentId: 'i1' }),
    body('BodyCreated', '2003-11', { bodyId: 'b1', name: 'Instance', kind: 'evaluation' }),
    body('BodyDissolved', '2003-12', { bodyId: 'b1' }),
    body('ReviewConducted', '2004-01', { reviewId: 'r1', name: 'Bilan', findings: ['constat'] }),
    body('MilestoneNoted', '2004-02', { milestoneId: 'j1', name: 'Site internet' }),
    body('SourceConflictNoted', '2004-03', { conflictId: 'x1', subject: 'Date', about: [{ kind: 'mission', id: 'm1' }], accounts: [{ claim: 'a', passage: 'p' }, { claim: 'b', passage: 'q' }] }),
    body('ConventionEnded', '2004-04', { conventionId: 'c1' }),
    body('FactCorrected', '2004-05', { eventId: ids.MilestoneNoted ?? 'milestone', data: { name: 'Site internet du dispositif' }, reason: 'nom exact' }),
    body('FactRetracted', '2004-06', { eventId: ids.ReviewConducted ?? 'review', reason: 'doublon' }),
  ];
}

describe('the event catalogue', () => {
  it('describes every event type once, under its own name, with a French label and a data schema', () => {
    expect(Object.keys(CATALOGUE).sort()).toEqual([...EVENT_TYPES].sort());
    for (const type of EVENT_TYPES) {
      const definition = (CATALOGUE as Catalogue)[type];
      expect([type, definition.type]).toEqual([type, type]);
      expect([type, definition.label]).toEqual([type, expect.stringMatching(/^[A-ZÉ][^.]+$/)]);
      expect([type, definition.data.json().type]).toEqual([type, 'object']);
    }
  });

  it('covers every type everywhere: HTTP validation, the rules, the fold, the read models, the one-line summaries', () => {
    const ids = Object.fromEntries(EVENT_TYPES.map((type) => [type, `00000000-0000-4000-8000-${String(EVENT_TYPES.indexOf(type)).padStart(12, '0')}`]));
    const events = scenario(ids as Record<EventType, string>);
    expect(events.map((e) => e.type).sort()).toEqual([...EVENT_TYPES].sort());
    let history: FrameworkHistory = initialHistory('fw');
    for (const [i, event] of events.entries()) {
      // HTTP validation: the body is accepted as it is, and a body without its data is refused naming the field.
      expect([event.type, eventBodyProblems(event)]).toEqual([event.type, []]);
      expect(parseEventBody(event)).toEqual(event);
      expect(eventBodyProblems({ ...event, data: {} }).length).toBeGreaterThan(0);
      // The rules: accepted in this order.
      const command = i === 0 ? ({ type: 'EstablishFramework', event } as never) : { type: 'RecordEvent' as const, event };
      const decision = decide(command, history);
      expect([event.type, decision.ok]).toEqual([event.type, true]);
      history = evolve(history, {
        ...event,
        eventId: ids[event.type],
        frameworkId: 'fw',
        revision: i,
        position: i + 1,
        recordedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
        recordedBy: 'test',
      } as RecordedEvent);
    }
    const facts = knownFacts(history.events).facts;
    const timeline = buildTimeline(facts);
    const segments = segmentsOf(timeline);
    const context = summaryContext(history.events);
    // The fold and the read models: every item a fact that counts touches has segments.
    for (const fact of facts) {
      for (const ref of factDefinitionOf(fact.type)!.affects(fact.data, timeline)) {
        expect([fact.type, ref, segments.some((s) => s.kind === ref.kind && s.itemId === ref.id)]).toEqual([fact.type, ref, true]);
      }
    }
    expect(facts.map((f) => f.type)).not.toContain('ReviewConducted'); // retracted
    for (const event of history.events) {
      // The summaries the CLI and the page show.
      const { label, summary } = describeEvent(event, context);
      expect([event.type, label.length > 0, summary.length > 0]).toEqual([event.type, true, true]);
    }
    expect(describeEvent(history.events[4], context).summary).toBe('CAF rejoint la Convention cadre 2000');
    expect(describeEvent(history.events[2], context).summary).toBe('la Convention cadre 2000 : fin portée à fin 2003');
    expect(describeEvent(history.events[7], context).summary).toBe('Mission : la mission fonctionne');
    expect(describeEvent(history.events[17], context).summary).toBe('fait n° 15 : nom exact');
  });

  it('validates each type’s data with its own schema (unknown fields refused, named under data.)', () => {
    for (const type of EVENT_TYPES) {
      const problems = validate(CATALOGUE[type].data, { surprise: 1 }, 'data');
      expect([type, problems.some((p) => p.field === 'data.surprise')]).toEqual([type, true]);
    }
  });
});

// A catalogue that misses one event type is not a catalogue: the type check (npm run typecheck) says so.
const { FactRetracted: _left, ...incomplete } = CATALOGUE;
// @ts-expect-error -- FactRetracted has no definition here
export const notACatalogue: Catalogue = incomplete;
