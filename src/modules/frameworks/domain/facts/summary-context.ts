import { frenchDate } from '../../../../libs/french/french-dates.js';
import { definitionOf, factDefinitionOf } from '../events/event-catalogue.js';
import type { SummaryContext } from '../events/event-definition.js';
import type { RecordedEvent } from '../events/framework.events.js';
import type { ItemKind } from '../state/item-kinds.js';
import { knownFacts } from './known-facts.js';

/**
 * What the one-line summaries of a framework's events look up: the names its facts give to its
 * items (corrections applied), dates in French words, and each event by its position in the log.
 */
export function summaryContext(events: readonly RecordedEvent[]): SummaryContext {
  const names = new Map<string, string>();
  const positions = new Map(events.map((e) => [e.eventId, e.position]));
  for (const fact of knownFacts(events).facts) {
    const d = fact.data;
    const identity = factDefinitionOf(fact.type)?.identity;
    if (identity?.key && typeof d.name === 'string') names.set(`${identity.kind}:${d[identity.key]}`, d.name);
    for (const party of [...(Array.isArray(d.parties) ? d.parties : []), ...(d.party ? [d.party] : [])]) names.set(`party:${party.id}`, party.name);
  }
  return {
    nameOf: (kind: ItemKind, id: string) => names.get(`${kind}:${id}`) ?? id,
    date: frenchDate,
    fact: (eventId: string) => (positions.has(eventId) ? `fait n° ${positions.get(eventId)}` : `fait ${eventId}`),
  };
}

/** The French heading and one-line summary of an event. */
export function describeEvent(event: { type: RecordedEvent['type']; data: object }, context: SummaryContext): { label: string; summary: string } {
  const definition = definitionOf(event.type);
  return { label: definition.label, summary: definition.summary(event.data, context) };
}
