import fc from 'fast-check';
import { decide, initialHistory, type FrameworkHistory } from '../decider/framework.decider.js';
import type { GovernanceEvent } from '../events/framework.events.js';
import { record, SOURCE } from './given-when-then.js';

/** Facts the sources only imply: histories mix them with stated ones, so that every level of evidence comes up. */
const INFERRED = { ...SOURCE, confidence: 'inferred' as const, note: 'déduit' };

/**
 * Random valid histories for property tests: random operations are proposed to the decider
 * and only the accepted ones are recorded, so every history obeys the rules. Effective dates
 * are drawn at random (back-dated events happen often), with year, month and day precision,
 * and corrections and retractions of earlier facts are part of the mix.
 */

const op = fc.record({
  kind: fc.integer({ min: 0, max: 17 }),
  a: fc.nat(1000),
  b: fc.nat(1000),
  c: fc.nat(1000),
});

function dateFrom(n: number): string {
  const year = 1991 + (n % 25);
  const precision = Math.floor(n / 25) % 3;
  const month = String(1 + (n % 12)).padStart(2, '0');
  const day = String(1 + (n % 28)).padStart(2, '0');
  return precision === 0 ? `${year}` : precision === 1 ? `${year}-${month}` : `${year}-${month}-${day}`;
}

const pick = <T>(items: T[], n: number): T | undefined => (items.length === 0 ? undefined : items[n % items.length]);

function propose(history: FrameworkHistory, o: { kind: number; a: number; b: number; c: number }): GovernanceEvent {
  const ids = (type: string, key: string) =>
    history.events.filter((e) => e.type === type).map((e) => (e.data as Record<string, string>)[key]);
  const conventions = ids('ConventionSigned', 'conventionId');
  const target = pick(conventions, o.b) ?? 'c0';
  
  const signing = history.events.find((e) => e.type === 'ConventionSigned' && e.data.conventionId === target);
  // Facts about a convention mostly fall within a few years of its start, so that many are accepted.
  const forConvention = (o.kind === 9 || o.kind === 7) && o.c % 3 === 1;
  const date =
    ((o.kind >= 2 && o.kind <= 6) || forConvention) && signing && o.a % 4 !== 0
      ? dateFrom((Number((signing.data as { start: string }).start.slice(0, 4)) - 1991 + (o.c % 5)) % 25 + 25 * (o.a % 3))
      : dateFrom(o.a);
  const s = { source: o.c % 4 === 3 ? INFERRED : SOURCE, effectiveDate: date };
  const things = (type: string, key: string) => history.events.filter((e) => e.type === type).map((e) => (e.data as Record<string, string>)[key]);
  // Now and then a party comes under another name: the first one recorded (in effective order) is kept.
  const party = (n: number) => ({ id: `p${n % 6}`, name: `Party ${n % 6}${n % 7 === 3 ? ' (alias)' : ''}`, kind: 'commune' as const });
  switch (o.kind) {
    case 0:
    case 1: {
      const start = dateFrom(o.a);
      const endYear = Number(start.slice(0, 4)) + (o.b % 4);
      return {
        ...s,
        effectiveDate: start,
        type: 'ConventionSigned',
        data: {
          conventionId: `c${conventions.length}`,
          name: `Convention ${conventions.length}`,
          start,
          ...(o.c % 5 === 0 ? {} : { end: `${endYear}` }),
          parties: [...new Set([o.b % 6, o.c % 6, (o.b + 1) % 6])].map(party),
          ...(o.c % 2 === 0 && conventions.length > 0 ? { supersedes: pick(conventions, o.b)! } : {}),
          ...(o.a % 3 === 0 && conventions.length > 0 ? { partiesCarriedOverFrom: pick(conventions, o.a)! } : {}),
        },
      };
    }
    case 2:
      return { ...s, type: 'ConventionExtended', data: { conventionId: target, newEnd: `${Number(date.slice(0, 4)) + 1 + (o.c % 2)}` } };
    case 3:
      return { ...s, type: 'ConventionRenewed', data: { conventionId: target, newEnd: `${Number(date.slice(0, 4)) + (o.c % 2)}` } };
    case 4:
      return { ...s, type: 'ConventionEnded', data: { conventionId: target } };
    case 5:
      return { ...s, type: 'PartyJoined', data: { conventionId: target, party: party(o.c) } };
    case 6:
      return { ...s, type: 'PartyWithdrew', data: { conventionId: target, partyId: `p${o.c % 6}` } };
    case 7:
      return {
        ...s,
        type: 'SupportMissionLaunched',
        data: { missionId: `m${o.b % 4}`, name: `Mission ${o.b % 4}`, domains: ['social'], ...(forConvention ? { lastsFor: { kind: 'convention' as const, id: target } } : {}) },
      };
    case 8:
      return { ...s, type: 'SupportMissionEnded', data: { missionId: `m${o.b % 4}` } };
    case 9:
      return {
        ...s,
        type: 'InstrumentAdopted',
        data: {
          instrumentId: `i${o.b % 4}`,
          name: `Instrument ${o.b % 4}`,
          kind: 'funding-rule',
          figures: { percent: 100 + (o.c % 20) },
          ...(forConvention ? { lastsFor: { kind: 'convention' as const, id: target } } : {}),
        },
      };
    case 10:
      return {
        ...s,
        type: 'BodyCreated',
        data: { bodyId: `b${o.b % 3}`, name: `Body ${o.b % 3}`, kind: 'working-group', ...(o.c % 3 === 2 ? { lastsFor: { kind: 'review' as const, id: `r${o.a % 5}` } } : {}) },
      };
    case 11:
      return { ...s, type: 'ReviewConducted', data: { reviewId: `r${o.b % 5}`, name: `Review ${o.b % 5}` } };
    case 12: {
      const fact = pick(history.events.slice(1), o.b);
      return { ...s, type: 'FactCorrected', data: { eventId: fact?.eventId ?? 'none', effectiveDate: date, reason: 'date corrected' } };
    }
    case 13: {
      const fact = pick(history.events.filter((e) => e.type === 'InstrumentAdopted'), o.b);
      return { ...s, type: 'FactCorrected', data: { eventId: fact?.eventId ?? 'none', data: { figures: { percent: o.c } }, reason: 'figure corrected' } };
    }
    case 15: {
      const kinds = [
        ['mission', things('SupportMissionLaunched', 'missionId')],
        ['instrument', things('InstrumentAdopted', 'instrumentId')],
        ['body', things('BodyCreated', 'bodyId')],
      ] as const;
      const [kind, ids] = kinds[o.b % 3];
      return { ...s, type: 'ItemAttested', data: { about: { kind, id: pick([...ids], o.c) ?? 'none' } } };
    }
    case 16: {
      // The source's confidence corrected, either way.
      const fact = pick(history.events.slice(1), o.b);
      const source = fact?.source.confidence === 'stated' ? INFERRED : SOURCE;
      return { ...s, type: 'FactCorrected', data: { eventId: fact?.eventId ?? 'none', source, reason: 'confidence corrected' } };
    }
    case 17:
      return { ...s, type: 'InstrumentRepealed', data: { instrumentId: `i${o.b % 4}` } };
    default: {
      const fact = pick(history.events.slice(1), o.b);
      return { ...s, type: 'FactRetracted', data: { eventId: fact?.eventId ?? 'none', reason: 'retracted' } };
    }
  }
}

/** A valid history of up to `max` proposed operations. */
export function arbitraryHistory(max = 40): fc.Arbitrary<FrameworkHistory> {
  return fc.array(op, { minLength: Math.floor(max / 3), maxLength: max }).map((ops) => {
    let history = record(initialHistory('fw'), {
      type: 'FrameworkEstablished',
      effectiveDate: '1990',
      data: { name: 'Random framework' },
      source: SOURCE,
    });
    for (const o of ops) {
      const event = propose(history, o);
      const decision = decide({ type: 'RecordEvent', event }, history);
      if (decision.ok) history = record(history, event, `e${history.revision + 1}`);
    }
    return history;
  });
}

/** A day to ask about: across the whole span of the generated dates. */
export const arbitraryDay = fc
  .integer({ min: Date.parse('1989-06-01T00:00:00Z') / 86_400_000, max: Date.parse('2021-06-01T00:00:00Z') / 86_400_000 })
  .map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10));

/** A proposal of one more event for a given history (valid or not: the decider says). */
export const arbitraryEvent = op.map((o) => (history: FrameworkHistory) => propose(history, o));
