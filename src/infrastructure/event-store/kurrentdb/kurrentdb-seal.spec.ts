import { canonicalJson, chainLink, eventHash, GENESIS, sealAppend, sealOf, SEAL_KEY } from './kurrentdb-seal.js';

/** The seal the KurrentDB adapter keeps in each event's metadata: hashes and chain links. */
describe('KurrentDB seal', () => {
  const event = { eventId: 'e-1', type: 'MilestoneNoted', data: { b: 1, a: [{ d: 2, c: 3 }] }, metadata: { actor: 'secretariat' } };

  it('hashes the value, not its key order, and what a reader gets back (JSON)', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 1, e: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"e":2,"f":1}]},"b":1}');
    const fields = { ...event, streamId: 's', revision: 0 };
    expect(eventHash({ ...fields, data: { a: [{ c: 3, d: 2 }], b: 1 } })).toBe(eventHash(fields));
    expect(eventHash({ ...fields, metadata: { actor: 'secretariat', gone: undefined } })).toBe(eventHash(fields));
    expect(eventHash({ ...fields, revision: 1 })).not.toBe(eventHash(fields));
    expect(eventHash({ ...fields, data: { ...fields.data, b: 2 } })).not.toBe(eventHash(fields));
  });

  it('chains each event of an append to the one before, the first to the stream head', () => {
    const head = { revision: 4, link: 'f00d', recordedAt: '2026-01-01T00:00:00.000Z' };
    const metadata = sealAppend('s', [event, { ...event, eventId: 'e-2' }], head, 'append-1', head.recordedAt);
    const seals = metadata.map((m) => sealOf(m)!);
    expect(seals[0].link).toBe(chainLink('f00d', eventHash({ ...event, streamId: 's', revision: 5 })));
    expect(seals[1].link).toBe(chainLink(seals[0].link, eventHash({ ...event, eventId: 'e-2', streamId: 's', revision: 6 })));
    expect(seals.map((s) => [s.append, s.notBefore, s.v])).toEqual([
      ['append-1', head.recordedAt, 1],
      ['append-1', head.recordedAt, 1],
    ]);
    expect(metadata[0]).toMatchObject({ actor: 'secretariat' });
    expect(sealOf(sealAppend('s', [event], { revision: -1, link: GENESIS, recordedAt: null }, 'a', null)[0])).not.toHaveProperty('notBefore');
  });

  it('reads a seal only where the metadata holds one of ours', () => {
    expect(sealOf({ [SEAL_KEY]: { v: 1, append: 'a', link: 'l' } })).toEqual({ v: 1, append: 'a', link: 'l' });
    expect(sealOf({ [SEAL_KEY]: { v: 1, append: 'a' } })).toBeNull();
    expect(sealOf({ [SEAL_KEY]: { v: 1, append: 'a', link: 'l', notBefore: 5 } })).toBeNull();
    expect(sealOf({ actor: 'x' })).toBeNull();
    expect(sealOf(undefined)).toBeNull();
  });
});
