import type { Day } from '../../domain/dates/edtf-date.js';
import type { Confidence, RecordedEvent, Source } from '../../domain/events/framework.events.js';
import { knownFacts, type Fact } from '../../domain/facts/known-facts.js';
import { describeEvent, summaryContext } from '../../domain/facts/summary-context.js';
import { factSpan } from '../../domain/state/horizon.js';
import { buildTimeline } from '../../domain/timeline/fold.js';
import { inEffectiveOrder, lapseAfter } from '../../domain/timeline/time-queries.js';
import type { Timeline } from '../../domain/timeline/timeline.types.js';

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
  /** How the source supports the fact: its confidence (a fact recorded is never merely presumed). */
  evidence: Confidence;
  /** Parts of a stated fact that are only inferred (a convention's parties carried over, its supersession). */
  inferredParts?: ('parties' | 'supersedes')[];
  /** The last day the fact speaks of: its date, the term it states, the term it was adopted for; absent when open-ended. */
  attestedUntil?: Day;
  data: Record<string, unknown>;
  source: Source;
  recordedAt: string;
  recordedBy: string;
  correctedBy: string[];
  retractedBy?: string;
}

const HAPPENINGS = new Set(['ReviewConducted', 'MilestoneNoted', 'SourceConflictNoted', 'FrameworkEstablished']);

/** The last day a fact speaks of (undefined: open-ended, or something that happened and stays in the record). */
function lastDayOf(fact: Fact, timeline: Timeline): Day | undefined {
  if (HAPPENINGS.has(fact.type)) return undefined;
  if (fact.type === 'ConventionSigned' && fact.data.end === undefined) return undefined;
  const span = factSpan({ effectiveDate: fact.effective.edtf, data: fact.data });
  const lastsFor = fact.data.lastsFor as { kind: string } | undefined;
  if (lastsFor) {
    const key = ({ SupportMissionLaunched: 'missions', InstrumentAdopted: 'instruments', BodyCreated: 'bodies' } as const)[fact.type as string];
    const id = fact.data.missionId ?? fact.data.instrumentId ?? fact.data.bodyId;
    const thing = key === undefined ? undefined : timeline[key].get(id);
    const lapse = thing === undefined ? null : lapseAfter(timeline, thing);
    if (lapse !== null && lapse > span.to) return lapse;
  }
  return span.to;
}

function inferredParts(fact: Fact): ('parties' | 'supersedes')[] {
  if (fact.type !== 'ConventionSigned') return [];
  const parts: ('parties' | 'supersedes')[] = [];
  if (fact.data.partiesCarriedOverFrom !== undefined) parts.push('parties');
  if (fact.data.supersedes !== undefined && fact.data.supersessionConfidence === 'inferred') parts.push('supersedes');
  return fact.source.confidence === 'inferred' ? [] : parts;
}

/** The facts in effective-date order, as the record stood at `knownAt` (events in recorded order). */
export function timelineEntries(events: readonly RecordedEvent[], knownAt?: string): TimelineEntry[] {
  const known = knownFacts(events, knownAt);
  const retracted = new Map(known.retracted.map((r) => [r.fact.eventId, r.retractedBy]));
  const all = [...known.facts, ...known.retracted.map((r) => r.fact)];
  const context = summaryContext(events.filter((e) => knownAt === undefined || e.recordedAt <= knownAt));
  const timeline = buildTimeline(known.facts);
  return inEffectiveOrder(all).map((fact: Fact) => {
    const parts = inferredParts(fact);
    const until = lastDayOf(fact, timeline);
    return {
      eventId: fact.eventId,
      type: fact.type,
      ...describeEvent(fact, context),
      effectiveDate: fact.effective.edtf,
      from: fact.effective.first,
      to: fact.effective.last,
      approximate: fact.effective.approximate,
      evidence: fact.source.confidence,
      ...(parts.length > 0 ? { inferredParts: parts } : {}),
      ...(until === undefined ? {} : { attestedUntil: until }),
      data: fact.data,
      source: fact.source,
      recordedAt: fact.recordedAt,
      recordedBy: fact.recordedBy,
      correctedBy: fact.correctedBy,
      ...(retracted.has(fact.eventId) ? { retractedBy: retracted.get(fact.eventId) } : {}),
    };
  });
}
