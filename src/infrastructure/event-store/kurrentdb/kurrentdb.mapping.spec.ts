import { randomUUID } from 'node:crypto';
import {
  AccessDeniedError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  jsonEvent,
  type AllStreamResolvedEvent,
} from '@kurrent/kurrentdb-client';
import { EventIdConflict, WrongExpectedRevision, type NewEvent } from '../event-store.port.js';
import {
  MAX_PORT_POSITION,
  PositionOutOfRange,
  UnreadableEvent,
  actualRevisionOf,
  describeError,
  floorPosition,
  fromResolvedEvent,
  isStreamNotFound,
  isSystemEvent,
  isTransientError,
  numberToPosition,
  positionToNumber,
  prepareAppend,
  revisionToNumber,
  toEventData,
  toStoredEvent,
  toStreamState,
  toWrongExpectedRevision,
  type PendingEvent,
  type RecordedEventLike,
} from './kurrentdb.mapping.js';
import { decideReplay } from './kurrentdb-replay.js';

/** A recorded event shaped like the client's `AllStreamRecordedEvent` for a JSON event. */
function recorded(overrides: Partial<RecordedEventLike> = {}): RecordedEventLike {
  return {
    streamId: 'framework-cccs13',
    id: 'A1B2C3D4-0000-4000-8000-00000000000A',
    type: 'ConventionSigned',
    revision: 3n,
    created: new Date('2026-03-01T10:00:00.123Z'),
    isJson: true,
    data: { conventionId: 'cccs-2003', parties: ['State', 'CAF13'] },
    metadata: { actor: 'secretariat', source: { document: 'seed', confidence: 'stated' } },
    position: { commit: 4242n, prepare: 4242n },
    ...overrides,
  };
}

function newEvent(data: Record<string, unknown> = {}): NewEvent {
  return { eventId: randomUUID(), type: 'Tested', data, metadata: {} };
}

describe('KurrentDB mapping', () => {
  describe('recorded event → stored event', () => {
    it('maps every field of a resolved event from $all', () => {
      const resolved: AllStreamResolvedEvent = {
        event: recorded() as AllStreamResolvedEvent['event'],
        commitPosition: 4242n,
      };
      expect(fromResolvedEvent(resolved)).toEqual({
        eventId: 'a1b2c3d4-0000-4000-8000-00000000000a',
        streamId: 'framework-cccs13',
        type: 'ConventionSigned',
        revision: 3,
        position: 4242,
        recordedAt: '2026-03-01T10:00:00.123Z',
        data: { conventionId: 'cccs-2003', parties: ['State', 'CAF13'] },
        metadata: { actor: 'secretariat', source: { document: 'seed', confidence: 'stated' } },
      });
    });

    it('stamps recordedAt with the server’s created date, as an ISO instant with milliseconds', () => {
      const stored = toStoredEvent(recorded({ created: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)), metadata: { recordedAt: '1999-01-01T00:00:00.000Z' } }));
      expect(stored.recordedAt).toBe('2026-01-02T03:04:05.006Z');
      expect(stored.metadata).toEqual({ recordedAt: '1999-01-01T00:00:00.000Z' });
    });

    it('reads missing metadata as an empty object', () => {
      expect(toStoredEvent(recorded({ metadata: undefined })).metadata).toEqual({});
    });

    it('refuses events this service cannot have written', () => {
      expect(() => toStoredEvent(recorded({ position: undefined }))).toThrow(UnreadableEvent);
      expect(() => toStoredEvent(recorded({ isJson: false, data: new Uint8Array([1, 2]) }))).toThrow(/not a JSON object/);
      expect(() => toStoredEvent(recorded({ data: ['a', 'list'] }))).toThrow(/data is not a JSON object/);
      expect(() => toStoredEvent(recorded({ metadata: new Uint8Array([1]) }))).toThrow(/metadata is not a JSON object/);
      expect(() => toStoredEvent(recorded({ created: new Date(Number.NaN) }))).toThrow(/creation date/);
    });

    it('leaves out what the port never shows: system events, missing and resolved links', () => {
      expect(fromResolvedEvent({ event: recorded({ streamId: '$stats-127.0.0.1:2113', type: 'StatsCollected' }) })).toBeNull();
      expect(fromResolvedEvent({ event: recorded({ type: '$metadata' }) })).toBeNull();
      expect(fromResolvedEvent({ event: recorded({ streamId: '$$framework-cccs13', type: '$metadata' }) })).toBeNull();
      expect(fromResolvedEvent({ event: recorded({ type: '$>' }) })).toBeNull();
      expect(fromResolvedEvent({ commitPosition: 1n })).toBeNull();
      expect(fromResolvedEvent({ event: recorded(), link: recorded({ type: '$>' }) })).toBeNull();
    });

    it('strips the seal from the metadata, and keeps recordedAt from going back before it', () => {
      const seal = { v: 1, append: 'a-1', link: 'ab12', notBefore: '2026-03-01T10:00:05.000Z' };
      const stored = toStoredEvent(recorded({ metadata: { actor: 'secretariat', governanceLog: seal } }));
      expect(stored.metadata).toEqual({ actor: 'secretariat' });
      expect(stored.recordedAt).toBe('2026-03-01T10:00:05.000Z'); // created 10:00:00.123, the leader's clock behind
      expect(toStoredEvent(recorded({ metadata: { governanceLog: { ...seal, notBefore: '2026-03-01T09:00:00.000Z' } } })).recordedAt).toBe('2026-03-01T10:00:00.123Z');
      // Not a seal of ours: kept as the caller's metadata.
      expect(toStoredEvent(recorded({ metadata: { governanceLog: 'x' } })).metadata).toEqual({ governanceLog: 'x' });
    });

    it('leaves out events of other streams than the store’s own, given its prefixes', () => {
      expect(fromResolvedEvent({ event: recorded({ streamId: 'billing-1' }) }, ['framework-'])).toBeNull();
      expect(fromResolvedEvent({ event: recorded() }, ['framework-'])).not.toBeNull();
      expect(fromResolvedEvent({ event: recorded({ streamId: 'billing-1' }) })).not.toBeNull();
    });

    it('tells system events apart by stream name or event type', () => {
      expect(isSystemEvent('$settings', 'update-default-acl')).toBe(true);
      expect(isSystemEvent('framework-cccs13', '$streamDeleted')).toBe(true);
      expect(isSystemEvent('framework-cccs13', 'ConventionSigned')).toBe(false);
      expect(isSystemEvent('framework-$x', 'Type$')).toBe(false);
    });
  });

  describe('positions and revisions', () => {
    it('maps a self-committed $all position to its commit position, and back', () => {
      expect(positionToNumber({ commit: 0n, prepare: 0n })).toBe(0);
      expect(positionToNumber({ commit: 123_456n, prepare: 123_456n })).toBe(123_456);
      expect(numberToPosition(123_456)).toEqual({ commit: 123_456n, prepare: 123_456n });
      for (const n of [0, 1, 987_654_321, Number.MAX_SAFE_INTEGER]) expect(positionToNumber(numberToPosition(n))).toBe(n);
    });

    it('refuses positions above 2^53 - 1 with a clear error', () => {
      expect(positionToNumber({ commit: MAX_PORT_POSITION, prepare: MAX_PORT_POSITION })).toBe(Number.MAX_SAFE_INTEGER);
      const above = MAX_PORT_POSITION + 1n;
      expect(() => positionToNumber({ commit: above, prepare: above })).toThrow(PositionOutOfRange);
      expect(() => positionToNumber({ commit: above, prepare: above })).toThrow(/above 2\^53 - 1/);
      expect(() => toStoredEvent(recorded({ position: { commit: 2n ** 60n, prepare: 2n ** 60n } }))).toThrow(PositionOutOfRange);
    });

    it('refuses positions it cannot number: none, or shared by an explicit transaction', () => {
      const none = 2n ** 64n - 1n;
      expect(() => positionToNumber({ commit: none, prepare: none }, 'e-1')).toThrow(/no commit position for event e-1/);
      expect(() => positionToNumber({ commit: 500n, prepare: 420n })).toThrow(/explicit transaction/);
    });

    it('refuses invalid port positions', () => {
      for (const bad of [-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1]) expect(() => numberToPosition(bad)).toThrow(RangeError);
    });

    it('maps revisions to numbers', () => {
      expect(revisionToNumber(0n)).toBe(0);
      expect(revisionToNumber(1199n)).toBe(1199);
      expect(() => revisionToNumber(-1n)).toThrow(RangeError);
      expect(() => revisionToNumber(2n ** 53n)).toThrow(RangeError);
    });

    it('finds the nearest event position at or before a port position', () => {
      const positions = [10, 20, 35, 90];
      expect(floorPosition(positions, 9)).toBeNull();
      expect(floorPosition(positions, 10)).toBe(10);
      expect(floorPosition(positions, 34)).toBe(20);
      expect(floorPosition(positions, 35)).toBe(35);
      expect(floorPosition(positions, 1000)).toBe(90);
      expect(floorPosition([], 5)).toBeNull();
    });
  });

  describe('expected revisions', () => {
    it('maps each expected revision to the client’s stream state', () => {
      expect(toStreamState('any')).toBe('any');
      expect(toStreamState('no_stream')).toBe('no_stream');
      expect(toStreamState('stream_exists')).toBe('stream_exists');
      expect(toStreamState(0)).toBe(0n);
      expect(toStreamState(41)).toBe(41n);
      expect(() => toStreamState(-1)).toThrow(TypeError);
      expect(() => toStreamState(1.5)).toThrow(TypeError);
    });

    it('maps the current stream state back to a revision, -1 when there is no stream', () => {
      expect(actualRevisionOf('no_stream')).toBe(-1);
      expect(actualRevisionOf(undefined)).toBe(-1);
      expect(actualRevisionOf(0n)).toBe(0);
      expect(actualRevisionOf(7n)).toBe(7);
      expect(actualRevisionOf(-5n)).toBe(-1); // deleted stream
    });
  });

  describe('errors', () => {
    it('maps the client’s WrongExpectedVersionError to WrongExpectedRevision with the actual revision', () => {
      const existing = new WrongExpectedVersionError(undefined, { streamName: 's', expected: 0n, current: 2n });
      const mapped = toWrongExpectedRevision(existing, 's', 0);
      expect(mapped).toBeInstanceOf(WrongExpectedRevision);
      expect(mapped).toMatchObject({ streamId: 's', expected: 0, actual: 2 });

      const missing = new WrongExpectedVersionError(undefined, { streamName: 's', expected: 'stream_exists', current: 'no_stream' });
      expect(toWrongExpectedRevision(missing, 's', 'stream_exists')).toMatchObject({ expected: 'stream_exists', actual: -1 });
    });

    it('leaves other errors alone', () => {
      expect(toWrongExpectedRevision(new StreamNotFoundError(undefined, 's'), 's', 'any')).toBeNull();
      expect(toWrongExpectedRevision(new Error('boom'), 's', 'any')).toBeNull();
      expect(toWrongExpectedRevision(undefined, 's', 'any')).toBeNull();
    });

    it('recognises a missing stream', () => {
      expect(isStreamNotFound(new StreamNotFoundError(undefined, 'framework-x'))).toBe(true);
      expect(isStreamNotFound(new UnavailableError())).toBe(false);
      expect(isStreamNotFound(null)).toBe(false);
    });

    it('tells connection failures (retried by subscriptions) from other failures', () => {
      expect(isTransientError(new UnavailableError())).toBe(true);
      expect(isTransientError(Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 }))).toBe(true);
      expect(isTransientError(Object.assign(new Error('4 DEADLINE_EXCEEDED'), { code: 4 }))).toBe(true);
      expect(isTransientError(new AccessDeniedError())).toBe(false);
      expect(isTransientError(new Error('handler failed'))).toBe(false);
      expect(isTransientError('unavailable')).toBe(false);
    });

    it('describes errors for /health', () => {
      expect(describeError(new Error('connect ECONNREFUSED'))).toBe('connect ECONNREFUSED');
      expect(describeError(new UnavailableError())).toMatch(/unavailable/);
      expect(describeError('text')).toBe('text');
    });
  });

  describe('new events', () => {
    it('builds the same event data as the client’s jsonEvent, with the port’s event id', () => {
      const pending: PendingEvent = {
        eventId: randomUUID(),
        type: 'PartyJoined',
        data: { partyId: 'fasild', at: '2001' },
        metadata: { actor: 'secretariat', source: 'seed' },
      };
      expect(toEventData(pending)).toEqual(
        jsonEvent({ id: pending.eventId, type: pending.type, data: pending.data, metadata: pending.metadata }),
      );
    });

    it('validates and normalizes an append before anything reaches the server', () => {
      const upper = { ...newEvent({ n: 1 }), eventId: randomUUID().toUpperCase() };
      expect(prepareAppend('s', [upper], 'any')).toEqual([{ eventId: upper.eventId.toLowerCase(), type: 'Tested', data: { n: 1 }, metadata: {} }]);

      expect(() => prepareAppend('s', [], 'any')).toThrow(/no events/);
      expect(() => prepareAppend('', [newEvent()], 'any')).toThrow(TypeError);
      expect(() => prepareAppend('$system', [newEvent()], 'any')).toThrow(/system stream/);
      expect(() => prepareAppend('s', [newEvent()], -1)).toThrow(TypeError);
      expect(() => prepareAppend('s', [{ ...newEvent(), eventId: 'nope' }], 'any')).toThrow(TypeError);
      expect(() => prepareAppend('s', [{ ...newEvent(), type: '' }], 'any')).toThrow(TypeError);
      expect(() => prepareAppend('s', [{ ...newEvent(), type: '$metadata' }], 'any')).toThrow(/reserved/);
      expect(() => prepareAppend('s', [{ ...newEvent(), data: [] as never }], 'any')).toThrow(TypeError);
      expect(() => prepareAppend('s', [{ ...newEvent(), metadata: null as never }], 'any')).toThrow(TypeError);
      const twice = newEvent();
      expect(() => prepareAppend('s', [twice, { ...twice, eventId: twice.eventId.toUpperCase() }], 'any')).toThrow(EventIdConflict);
    });
  });

  describe('replays', () => {
    const pending = (count: number) => prepareAppend('s', Array.from({ length: count }, () => newEvent()), 'any');

    it('replays ids stored in this stream at consecutive revisions, in order', () => {
      expect(decideReplay('s', pending(2), [{ streamId: 's', revision: 4 }, { streamId: 's', revision: 5 }])).toEqual({ fromRevision: 4 });
      expect(decideReplay('s', pending(1), [{ streamId: 's', revision: 0 }])).toEqual({ fromRevision: 0 });
    });

    it('refuses ids stored in another stream', () => {
      const events = pending(1);
      expect(() => decideReplay('s', events, [{ streamId: 't', revision: 0 }])).toThrow(EventIdConflict);
    });

    it('refuses an append where only some ids are stored, naming the stored one', () => {
      const events = pending(2);
      const error = captureError(() => decideReplay('s', events, [{ streamId: 's', revision: 0 }, undefined]));
      expect(error).toBeInstanceOf(EventIdConflict);
      expect(error).toMatchObject({ eventId: events[0].eventId });

      const later = captureError(() => decideReplay('s', events, [undefined, { streamId: 's', revision: 0 }]));
      expect(later).toMatchObject({ eventId: events[1].eventId });
    });

    it('refuses stored ids given in another order or with gaps', () => {
      const events = pending(2);
      expect(() => decideReplay('s', events, [{ streamId: 's', revision: 1 }, { streamId: 's', revision: 0 }])).toThrow(EventIdConflict);
      expect(() => decideReplay('s', events, [{ streamId: 's', revision: 0 }, { streamId: 's', revision: 2 }])).toThrow(EventIdConflict);
    });
  });
});

function captureError(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
