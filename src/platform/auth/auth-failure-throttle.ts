import { isIP } from 'node:net';
import type { AuthFailureSettings } from '../config/app-config.js';

/**
 * Failed authentications per client address, in a sliding window. Once an address has failed
 * `limit` times within the window, its authenticated requests — right token or wrong — are
 * refused (429) until its oldest failure leaves the window: guessing tokens stays slow, and a
 * right guess cannot be told from a wrong one while refused. Requests that authenticate are
 * never counted, and reads need no token.
 *
 * Bounded: at most `maxClients` addresses are tracked; beyond, the one updated longest ago is
 * forgotten. IPv6 addresses count per /64 (one host usually holds a whole /64).
 */
export class AuthFailureThrottle {
  /** client → times of its recent failures (at most `limit`), oldest first; the Map's order is the update order. */
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly settings: AuthFailureSettings,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds the address must wait before its next authenticated request; 0: it may go on. */
  retryAfter(address: string | undefined): number {
    if (this.settings.limit === 0) return 0;
    const key = clientKey(address);
    const times = this.recent(key);
    if (times.length < this.settings.limit) return 0;
    const freeAt = times[times.length - this.settings.limit] + this.settings.windowSeconds * 1000;
    return Math.max(1, Math.ceil((freeAt - this.now()) / 1000));
  }

  /** Counts a failure of the address; answers whether it has now reached the limit. */
  fail(address: string | undefined): boolean {
    if (this.settings.limit === 0) return false;
    const key = clientKey(address);
    const times = this.recent(key);
    times.push(this.now());
    if (times.length > this.settings.limit) times.splice(0, times.length - this.settings.limit);
    this.failures.delete(key);
    if (this.failures.size >= this.settings.maxClients) this.evict();
    this.failures.set(key, times);
    return times.length >= this.settings.limit;
  }

  /** How many addresses are tracked (never more than `maxClients`). */
  get tracked(): number {
    return this.failures.size;
  }

  /** The failures of `key` still in the window (an address with none left is forgotten). */
  private recent(key: string): number[] {
    const times = this.failures.get(key);
    if (times === undefined) return [];
    const since = this.now() - this.settings.windowSeconds * 1000;
    const kept = times.filter((t) => t > since);
    if (kept.length === 0) this.failures.delete(key);
    else if (kept.length !== times.length) this.failures.set(key, kept);
    return kept;
  }

  /** Makes room for one address: those whose failures all left the window first, else the least recently updated. */
  private evict(): void {
    const since = this.now() - this.settings.windowSeconds * 1000;
    let scanned = 0;
    for (const [key, times] of this.failures) {
      if (times[times.length - 1] <= since) {
        this.failures.delete(key);
        return;
      }
      if (++scanned >= 64) break;
    }
    const oldest = this.failures.keys().next();
    if (!oldest.done) this.failures.delete(oldest.value);
  }
}

/** The address a client is counted under: IPv4 as is (also when mapped into IPv6), IPv6 by its /64. */
export function clientKey(address: string | undefined): string {
  if (address === undefined || address === '') return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (isIP(address) !== 6) return address;
  return `${expandIpv6(address).slice(0, 4).join(':')}::/64`;
}

function expandIpv6(address: string): string[] {
  const [head = '', tail] = address.split('%')[0].split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? left : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return groups.map((g) => (g.includes('.') ? g : g.toLowerCase().replace(/^0+(?=.)/, '')));
}
