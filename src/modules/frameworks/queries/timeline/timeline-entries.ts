import type { RecordedEvent, Source } from '../../domain/events/framework.events.js';
import { inEffectiveOrder } from '../../domain/timeline/time-queries.js';
import { knownFacts, type Fact } from '../../domain/facts/known-facts.js';
import { describeEvent, summaryContext } from '../../domain/facts/summary-context.js';

/** One fact of the timeline: corrections applied, retracted facts kept and marked. */
export interface TimelineEntry {
  eventId: string;
  type: string;
  /** The event type in French (« Convention prorogée »). */
  label: string;
  /** One line in French saying what the fact says. */
  summary: string;
  effectiveDate: string;
  /** First and last day of the effective date. */
  from: string;
  to: string;
  approximate: boolean;
  data: Record<string, unknown>;
  source: Source;
  recordedAt: string;
  recordedBy: string;
  correctedBy: string[];
  retractedBy?: string;
}

/** The facts in effective-date order, as the record stood at `knownAt` (events in recorded order). */
export function timelineEntries(events: readonly RecordedEvent[], knownAt?: string): TimelineEntry[] {
  const known = knownFacts(events, knownAt);
  const retracted = new Map(known.retracted.map((r) => [r.fact.eventId, r.retractedBy]));
  const all = [...known.facts, ...known.retracted.map((r) => r.fact)];
  const context = summaryContext(events.filter((e) => knownAt === undefined || e.recordedAt <= knownAt));
  return inEffectiveOrder(all).map((fact: Fact) => ({
    eventId: fact.eventId,
    type: fact.type,
    ...describeEvent(fact, context),
    effectiveDate: fact.effective.edtf,
    from: fact.effective.first,
    to: fact.effective.last,
    approximate: fact.effective.approximate,
    data: fact.data,
    source: fact.source,
    recordedAt: fact.recordedAt,
    recordedBy: fact.recordedBy,
    correctedBy: fact.correctedBy,
    ...(retracted.has(fact.eventId) ? { retractedBy: retracted.get(fact.eventId) } : {}),
  }));
}
