import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { StoredEvent } from '../../../infrastructure/event-store/event-store.port.js';
import { SqliteEventStore } from '../../../infrastructure/event-store/sqlite/sqlite-event-store.adapter.js';
import { toExportLine, type ExportLine } from '../../frameworks/queries/export-log/export-format.js';
import { canonicalJson } from './canonical-json.js';
import { eventLeafHash, leafData, leafDataOfExportLine, NotLosslessExportLine } from './leaf-data.js';
import { hashLeaf } from './merkle.js';

const EVENT: StoredEvent = {
  position: 7,
  eventId: '0b7c3f52-1f0e-4d8e-9a63-3b0d2f6c9e11',
  streamId: 'framework-cccs13',
  revision: 6,
  type: 'PartyJoined',
  recordedAt: '2026-01-02T03:04:05.678Z',
  data: { source: { passage: 'la Région « rejoint » la convention', document: 'CR', confidence: 'stated' }, effectiveDate: '2006', data: { party: { name: 'Région', kind: 'region', id: 'region' }, conventionId: 'cc-2003' } },
  metadata: { requestHash: 'ab', actor: 'secrétariat' },
};

describe('canonical JSON', () => {
  it('sorts the keys at every depth, keeps array order, writes no whitespace', () => {
    expect(canonicalJson({ b: [3, { z: 1, a: null }], a: 'x', é: true, A: 1.5 })).toBe('{"A":1.5,"a":"x","b":[3,{"a":null,"z":1}],"é":true}');
  });

  it('leaves out what JSON leaves out, and refuses what has no JSON form', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, () => 1], c: Number.NaN, d: new Date(0) })).toBe('{"b":[null,null],"c":null,"d":"1970-01-01T00:00:00.000Z"}');
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(TypeError);
    // The same object twice is not a cycle.
    const shared = { x: 1 };
    expect(canonicalJson([shared, shared])).toBe('[{"x":1},{"x":1}]');
  });

  it('gives the text of a JSON round trip, whatever the key order (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        const reversed = JSON.parse(JSON.stringify(value), (_key, v) =>
          v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
        );
        expect(canonicalJson(reversed)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('leaf data of a stored event', () => {
  it('is the canonical JSON of its record, in UTF-8', () => {
    const text = leafData(EVENT).toString('utf8');
    expect(text).toBe(
      '{"data":{"data":{"conventionId":"cc-2003","party":{"id":"region","kind":"region","name":"Région"}},"effectiveDate":"2006",' +
        '"source":{"confidence":"stated","document":"CR","passage":"la Région « rejoint » la convention"}},' +
        '"eventId":"0b7c3f52-1f0e-4d8e-9a63-3b0d2f6c9e11","metadata":{"actor":"secrétariat","requestHash":"ab"},"position":7,' +
        '"recordedAt":"2026-01-02T03:04:05.678Z","revision":6,"streamId":"framework-cccs13","type":"PartyJoined"}',
    );
    expect(leafData(EVENT).length).toBe(Buffer.byteLength(text, 'utf8'));
    expect(Buffer.from(eventLeafHash(EVENT)).equals(hashLeaf(leafData(EVENT)))).toBe(true);
  });

  it('changes with every field of the record', () => {
    const base = leafData(EVENT);
    const changed: StoredEvent[] = [
      { ...EVENT, position: 8 },
      { ...EVENT, eventId: randomUUID() },
      { ...EVENT, streamId: 'framework-other' },
      { ...EVENT, revision: 5 },
      { ...EVENT, type: 'PartyWithdrew' },
      { ...EVENT, recordedAt: '2026-01-02T03:04:05.679Z' },
      { ...EVENT, data: { ...EVENT.data, effectiveDate: '2007' } },
      { ...EVENT, metadata: { ...EVENT.metadata, actor: 'intrus' } },
    ];
    for (const event of changed) expect(leafData(event).equals(base)).toBe(false);
  });
});

describe('leaf data from a lossless export line', () => {
  let store: SqliteEventStore;
  beforeEach(() => {
    store = SqliteEventStore.open(':memory:');
  });
  afterEach(() => store.close());

  it('equals the stored event\'s, for events as the service and the import record them', async () => {
    const body = (i: number) => ({ effectiveDate: `200${i}`, data: { milestoneId: `m${i}`, name: `Étape ${i} — « ${'x'.repeat(i)} »` }, source: { document: 'CR', passage: 'p', confidence: 'stated' } });
    await store.append('framework-a', [{ eventId: randomUUID(), type: 'MilestoneNoted', data: body(1), metadata: { actor: 'admin', requestHash: 'h', correlationId: 'c', idempotencyKey: 'k' } }], 'no_stream');
    // An imported event: `original` written before `importedBy`, keys in a non-sorted order.
    await store.append('framework-b', [{ eventId: randomUUID(), type: 'MilestoneNoted', data: body(2), metadata: { importedBy: 'ops', actor: 'ana', original: { recordedBy: 'ana', recordedAt: '2020-01-01T00:00:00.000Z' }, correlationId: 'x' } }], 'no_stream');
    await store.append('framework-a', [{ eventId: randomUUID(), type: 'MilestoneNoted', data: { source: body(3).source, data: body(3).data, effectiveDate: '2003' }, metadata: { actor: 'admin' } }], 0);
    const stored = await store.readAll(null, 10);
    expect(stored).toHaveLength(3);
    for (const event of stored) {
      const line = JSON.parse(JSON.stringify(toExportLine(event, { lossless: true }))) as ExportLine;
      expect(leafDataOfExportLine(line).toString('utf8')).toBe(leafData(event).toString('utf8'));
    }
  });

  it('refuses a line that is not lossless (no position or no stored metadata)', async () => {
    await store.append('framework-a', [{ eventId: randomUUID(), type: 'MilestoneNoted', data: { effectiveDate: '2001', data: {}, source: {} }, metadata: { actor: 'admin' } }], 'no_stream');
    const [event] = await store.readAll(null, 1);
    const plain = toExportLine(event)!;
    expect(() => leafDataOfExportLine(plain)).toThrow(NotLosslessExportLine);
    expect(() => leafDataOfExportLine({ ...plain, position: event.position })).toThrow(NotLosslessExportLine);
    expect(() => leafDataOfExportLine({ ...plain, storedMetadata: event.metadata })).toThrow(NotLosslessExportLine);
  });
});
