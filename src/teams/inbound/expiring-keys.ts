// Keys remembered for a short TTL, at most a bounded number of them (the oldest go first when full): what
// recognises a re-delivered activity and a repeated Diagnose submit.
import type { Clock } from '../../core/clock.ts';
import { systemClock } from '../../core/clock.ts';

export interface ExpiringKeysOptions {
  ttlMs?: number;
  maxEntries?: number;
  clock?: Clock;
}

export class ExpiringKeys {
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly clock: Clock;
  /** key → expiry (ms); Map keeps insertion order, so the oldest entries come first. */
  private readonly keys = new Map<string, number>();

  constructor(options: ExpiringKeysOptions = {}) {
    this.ttlMs = options.ttlMs ?? 10 * 60_000;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.clock = options.clock ?? systemClock;
  }

  /** True when the key was not held within the TTL (it is held from now on); false when it already was. */
  add(key: string): boolean {
    const now = this.clock.now();
    this.evict(now);
    const expiry = this.keys.get(key);
    if (expiry !== undefined && expiry > now) return false;
    this.keys.delete(key);
    this.keys.set(key, now + this.ttlMs);
    if (this.keys.size > this.maxEntries) {
      const oldest = this.keys.keys().next();
      if (!oldest.done) this.keys.delete(oldest.value);
    }
    return true;
  }

  delete(key: string): void {
    this.keys.delete(key);
  }

  get size(): number {
    return this.keys.size;
  }

  private evict(now: number): void {
    for (const [key, expiry] of this.keys) {
      if (expiry > now) break;
      this.keys.delete(key);
    }
  }
}
