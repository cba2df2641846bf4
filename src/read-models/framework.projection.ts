import type { RecordedEvent } from '../domain/framework.events.js';
import { buildTimeline } from '../domain/framework.timeline.js';
import { knownFacts } from '../domain/known-facts.js';
import { segmentsOf } from '../domain/segments.js';
import type { FrameworkSummary, ProjectionChange, Segment } from './read-model.port.js';

/**
 * The bitemporal projection of one framework, as a pure function: given the events already
 * projected, the segments that are current knowledge, and a new event, what closes and what
 * opens at the new event's recorded instant.
 */
export function projectEvent(previous: readonly RecordedEvent[], event: RecordedEvent, current: readonly Segment[]): ProjectionChange {
  const events = [...previous, event];
  const timeline = buildTimeline(knownFacts(events).facts);
  const next = segmentsOf(timeline).map<Segment>((s) => ({ ...s, payload: s.payload as Record<string, unknown> }));

  const fingerprint = (s: Segment) => `${s.validTo ?? ''}|${JSON.stringify(s.payload)}`;
  const key = (s: Pick<Segment, 'kind' | 'itemId' | 'validFrom'>) => `${s.kind}|${s.itemId}|${s.validFrom}`;
  const before = new Map(current.map((s) => [key(s), fingerprint(s)]));
  const after = new Map(next.map((s) => [key(s), fingerprint(s)]));

  const close = current
    .filter((s) => after.get(key(s)) !== fingerprint(s))
    .map(({ kind, itemId, validFrom }) => ({ kind, itemId, validFrom }));
  const open = next.filter((s) => before.get(key(s)) !== fingerprint(s));

  const framework: FrameworkSummary = {
    id: event.frameworkId,
    name: timeline.established?.name ?? event.frameworkId,
    ...(timeline.established?.description ? { description: timeline.established.description } : {}),
    createdAt: events[0].recordedAt,
    revision: event.revision,
    eventCount: events.length,
    updatedAt: event.recordedAt,
  };
  return { position: event.position, event, framework, close, open };
}
