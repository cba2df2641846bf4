import type { GovernanceEvent, RecordedEvent } from '../../modules/frameworks/domain/events/framework.events.js';
import type { NewEvent, StoredEvent } from './event-store.port.js';

/** How framework events are laid in the event store: one stream per framework. */

const PREFIX = 'framework-';

export function streamIdOf(frameworkId: string): string {
  return `${PREFIX}${frameworkId}`;
}

export function frameworkIdOf(streamId: string): string | null {
  return streamId.startsWith(PREFIX) ? streamId.slice(PREFIX.length) : null;
}

export interface EventMetadata {
  /** Who recorded the event (the owner of the token). */
  actor: string;
  correlationId?: string;
  causationId?: string;
  /** The client's Idempotency-Key and a hash of its request, to answer a retry. */
  idempotencyKey?: string;
  requestHash?: string;
  [key: string]: unknown;
}

export function toNewEvent(event: GovernanceEvent, eventId: string, metadata: EventMetadata): NewEvent {
  return {
    eventId,
    type: event.type,
    data: { effectiveDate: event.effectiveDate, data: event.data, source: event.source },
    metadata,
  };
}

export function toRecordedEvent(stored: StoredEvent): RecordedEvent {
  const frameworkId = frameworkIdOf(stored.streamId);
  if (frameworkId === null) throw new Error(`stream ${stored.streamId} is not a framework stream`);
  const body = stored.data as { effectiveDate: string; data: unknown; source: unknown };
  return {
    type: stored.type,
    effectiveDate: body.effectiveDate,
    data: body.data,
    source: body.source,
    eventId: stored.eventId,
    frameworkId,
    revision: stored.revision,
    position: stored.position,
    recordedAt: stored.recordedAt,
    recordedBy: String((stored.metadata as EventMetadata).actor ?? 'unknown'),
  } as RecordedEvent;
}
