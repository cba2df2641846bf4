import { isUuid } from '../../libs/uuid.js';
import { isRecord } from '../../libs/records.js';
import { EventIdConflict, type ExpectedRevision, type NewEvent } from './event-store.port.js';

/** Checks shared by the adapters on the arguments of the port's calls (programming errors, not refusals). */

/** UUIDs compare case-insensitively; they are kept in lower case (as KurrentDB returns them). */
export function normalizeEventId(eventId: string): string {
  return typeof eventId === 'string' ? eventId.toLowerCase() : eventId;
}

export function isExpectedRevision(expected: unknown): expected is ExpectedRevision {
  return (
    expected === 'any' ||
    expected === 'no_stream' ||
    expected === 'stream_exists' ||
    (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0)
  );
}

/**
 * Throws a TypeError (or EventIdConflict for an id given twice) on malformed arguments; returns
 * the events with their ids normalized. `check` adds an adapter's own rules for one event.
 */
export function checkAppendArguments(
  streamId: string,
  events: NewEvent[],
  expected: ExpectedRevision,
  check: (event: NewEvent) => void = () => undefined,
): NewEvent[] {
  if (typeof streamId !== 'string' || streamId.length === 0) throw new TypeError('append: streamId must be a non-empty string');
  if (!Array.isArray(events) || events.length === 0) throw new Error(`append to ${streamId}: no events to append`);
  if (!isExpectedRevision(expected)) throw new TypeError(`append to ${streamId}: invalid expected revision ${String(expected)}`);
  const seen = new Set<string>();
  return events.map((event) => {
    const eventId = normalizeEventId(event.eventId);
    if (!isUuid(eventId)) throw new TypeError(`append to ${streamId}: event id ${String(event.eventId)} is not a UUID`);
    if (seen.has(eventId)) throw new EventIdConflict(eventId);
    seen.add(eventId);
    if (typeof event.type !== 'string' || event.type.length === 0) throw new TypeError(`event ${eventId}: type must be a non-empty string`);
    if (!isRecord(event.data)) throw new TypeError(`event ${eventId}: data must be an object`);
    if (!isRecord(event.metadata)) throw new TypeError(`event ${eventId}: metadata must be an object`);
    const normalized = { ...event, eventId };
    check(normalized);
    return normalized;
  });
}

export function checkReadAllLimit(limit: number): void {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`readAll: limit must be a positive integer, got ${limit}`);
}
