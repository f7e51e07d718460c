/**
 * Failed sign-ins per client address: at most `limit` in a sliding window (10 in 15 minutes), then
 * `POST /login` answers 429 with Retry-After until the oldest failure leaves the window, so the
 * dashboard token cannot be guessed at network speed. The address is the connection's own: a
 * client-IP header is anyone's to forge, so behind a proxy every client shares the proxy's budget.
 * Memory is bounded: past `maxAddresses` the address seen longest ago is forgotten.
 *
 *   const wait = throttle.waitMs(address);     // 0: may try now
 *   if (!cookie) throttle.failed(address);
 */
import type { Clock } from '../src/ports.js';

export interface LoginThrottleOptions {
  limit?: number;
  windowMs?: number;
  maxAddresses?: number;
}

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly maxAddresses: number;

  constructor(
    private readonly clock: Clock,
    opts: LoginThrottleOptions = {},
  ) {
    this.limit = opts.limit ?? 10;
    this.windowMs = opts.windowMs ?? 15 * 60_000;
    this.maxAddresses = opts.maxAddresses ?? 10_000;
  }

  /** Milliseconds until `address` may try again; 0 when it may now. */
  waitMs(address: string): number {
    const recent = this.recent(address);
    if (recent.length < this.limit) return 0;
    const oldest = recent[recent.length - this.limit] ?? 0;
    return Math.max(1, oldest + this.windowMs - this.clock.now().getTime());
  }

  failed(address: string): void {
    const recent = this.recent(address);
    recent.push(this.clock.now().getTime());
    this.failures.delete(address); // re-inserted last: the Map's order is "seen longest ago" first
    this.failures.set(address, recent.slice(-this.limit));
    while (this.failures.size > this.maxAddresses) {
      const first = this.failures.keys().next().value;
      if (first === undefined) break;
      this.failures.delete(first);
    }
  }

  private recent(address: string): number[] {
    const since = this.clock.now().getTime() - this.windowMs;
    return (this.failures.get(address) ?? []).filter((at) => at > since);
  }
}
