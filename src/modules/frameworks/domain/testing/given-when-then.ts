import { decide, evolve, initialHistory, type Decision, type FrameworkCommand, type FrameworkHistory } from '../decider/framework.decider.js';
import type { GovernanceEvent, RecordedEvent, Source } from '../events/framework.events.js';

/** Test helpers for the decider: given recorded events, when a command, then events or a refusal. */

export const SOURCE: Source = { document: 'test', passage: 'test passage', confidence: 'stated' };

let clock = Date.parse('2026-01-01T00:00:00.000Z');

export function record(history: FrameworkHistory, event: GovernanceEvent, eventId?: string): FrameworkHistory {
  clock += 1000;
  const recorded = {
    ...event,
    eventId: eventId ?? `e${history.revision + 1}`,
    frameworkId: history.frameworkId,
    revision: history.revision + 1,
    position: history.revision + 1,
    recordedAt: new Date(clock).toISOString(),
    recordedBy: 'tester',
  } as RecordedEvent;
  return evolve(history, recorded);
}

export function given(...events: (GovernanceEvent | [GovernanceEvent, string])[]): {
  history: FrameworkHistory;
  when: (command: FrameworkCommand | GovernanceEvent) => Decision;
} {
  let history = initialHistory('fw');
  for (const item of events) history = Array.isArray(item) ? record(history, item[0], item[1]) : record(history, item);
  return {
    history,
    when: (command) => decide('event' in command ? command : { type: 'RecordEvent', event: command }, history),
  };
}

export const ev = <T extends GovernanceEvent['type']>(
  type: T,
  effectiveDate: string,
  data: Extract<GovernanceEvent, { type: T }>['data'],
  source: Source = SOURCE,
): GovernanceEvent => ({ type, effectiveDate, data, source }) as GovernanceEvent;

export const established = (date = '1990') => ev('FrameworkEstablished', date, { name: 'Test framework' });

export const party = (id: string) => ({ id, name: id.toUpperCase(), kind: 'commune' as const });

export const signed = (id: string, start: string, end: string | undefined, parties: string[], supersedes?: string) =>
  ev('ConventionSigned', start, {
    conventionId: id,
    name: `Convention ${id}`,
    start,
    ...(end === undefined ? {} : { end }),
    parties: parties.map(party),
    ...(supersedes === undefined ? {} : { supersedes }),
  });

export function refusedWith(decision: Decision): string {
  if (decision.ok) throw new Error(`expected a refusal, got ${JSON.stringify(decision.events)}`);
  return decision.refusal.rule;
}
