import { AuthFailureThrottle, clientKey } from './auth-failure-throttle.js';

describe('failed-authentication throttle', () => {
  let now: number;
  const throttle = (limit = 3, windowSeconds = 60, maxClients = 100) => new AuthFailureThrottle({ limit, windowSeconds, maxClients }, () => now);
  beforeEach(() => {
    now = 1_000_000;
  });

  it('refuses an address once it failed `limit` times in the window, until the oldest failure leaves it', () => {
    const t = throttle();
    expect([t.fail('10.0.0.1'), t.fail('10.0.0.1')]).toEqual([false, false]);
    expect(t.retryAfter('10.0.0.1')).toBe(0);
    now += 10_000;
    expect(t.fail('10.0.0.1')).toBe(true);
    expect(t.retryAfter('10.0.0.1')).toBe(50); // the first failure leaves the window 50 s from now
    expect(t.retryAfter('10.0.0.2')).toBe(0);
    now += 50_001;
    expect(t.retryAfter('10.0.0.1')).toBe(0);
    expect(t.fail('10.0.0.1')).toBe(false); // the two later ones are still in the window: 3 again
  });

  it('counts nothing and refuses nothing at limit 0', () => {
    const t = throttle(0);
    for (let i = 0; i < 1000; i++) t.fail('10.0.0.1');
    expect([t.retryAfter('10.0.0.1'), t.tracked]).toEqual([0, 0]);
  });

  it('never tracks more than maxClients addresses: expired ones go first, then the least recently updated', () => {
    const t = throttle(3, 60, 50);
    for (let i = 0; i < 10_000; i++) t.fail(`10.0.${i >> 8}.${i & 255}`);
    expect(t.tracked).toBe(50);
    // The most recent addresses are still counted.
    t.fail('10.0.39.15');
    t.fail('10.0.39.15');
    expect(t.retryAfter('10.0.39.15')).toBeGreaterThan(0);
    now += 61_000;
    t.fail('192.168.0.1');
    expect(t.tracked).toBeLessThanOrEqual(50);
    expect(t.retryAfter('10.0.39.15')).toBe(0);
  });

  it('counts IPv4-mapped addresses as IPv4, IPv6 addresses by their /64', () => {
    expect(clientKey('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(clientKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey(undefined)).toBe('unknown');
    const t = throttle(2);
    t.fail('2001:db8:1:2::1');
    t.fail('2001:db8:1:2::2');
    expect(t.retryAfter('2001:db8:1:2::3')).toBeGreaterThan(0);
    expect(t.retryAfter('2001:db8:1:3::1')).toBe(0);
  });
});
