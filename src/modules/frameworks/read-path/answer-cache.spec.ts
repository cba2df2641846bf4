import { AnswerCache } from './answer-cache.js';

describe('answer cache', () => {
  it('computes an answer once per key and forgets the least recently used beyond its capacity', async () => {
    const cache = new AnswerCache<number>(2);
    let computed = 0;
    const answer = (key: string) => cache.get(key, async () => ++computed);
    expect(await answer('a')).toBe(1);
    expect(await answer('a')).toBe(1);
    expect(await answer('b')).toBe(2);
    await answer('a'); // a is now the most recently used
    expect(await answer('c')).toBe(3); // b is dropped
    expect(await answer('a')).toBe(1);
    expect(await answer('b')).toBe(4);
  });
});
