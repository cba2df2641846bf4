import { WriteRateLimiter } from './write-rate-limiter.js';

describe('write rate limiter', () => {
  it('lets an actor write up to its limit per minute, then says how long to wait', () => {
    let now = 1_000_000;
    const limiter = new WriteRateLimiter(3, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(60);
    expect(limiter.take('b')).toBe(0);
    now += 30_000;
    expect(limiter.take('a')).toBe(30);
    now += 30_001;
    expect(limiter.take('a')).toBe(0);
  });

  it('has no limit at 0', () => {
    const limiter = new WriteRateLimiter(0);
    for (let i = 0; i < 1000; i++) expect(limiter.take('a')).toBe(0);
  });
});
