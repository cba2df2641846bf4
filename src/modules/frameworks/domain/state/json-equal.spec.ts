import fc from 'fast-check';
import { jsonEqual } from './json-equal.js';

/** Plain values as views hold them, with what JSON leaves out or rewrites (undefined, NaN, -0). */
const plain = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, undefined, true, false, 0, -0, 1, NaN, Infinity, 'a', 'b', ''),
    fc.string({ maxLength: 3 }),
    fc.integer({ min: -3, max: 3 }),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('value'), { maxKeys: 3 }),
  ),
})).value;

describe('jsonEqual', () => {
  it('says whether two values have the same JSON text (property)', () => {
    fc.assert(
      fc.property(plain, plain, (a, b) => {
        expect(jsonEqual(a, b)).toBe(JSON.stringify(a) === JSON.stringify(b));
        expect(jsonEqual(a, structuredClone(a))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('compares keys in order, leaves out undefined members, writes them null in arrays', () => {
    expect(jsonEqual({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual([undefined], [null])).toBe(true);
    expect(jsonEqual({ a: [1, { b: 'x' }] }, { a: [1, { b: 'y' }] })).toBe(false);
    expect(jsonEqual({ a: NaN }, { a: null })).toBe(true);
  });
});
