// One diagnosis post per message: Teams retries a slow submitAction and people double-click. The first
// invoke claims the message; later ones within the TTL find it claimed. A post that fails (the bot is
// not in the conversation, the connector is down) releases its claim, so the user can try again.
import type { Clock } from '../failover/ports.ts';
import { systemClock } from '../failover/ports.ts';

export interface PostClaimsOptions {
  ttlMs?: number;
  maxEntries?: number;
  clock?: Clock;
}

export class PostClaims {
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly clock: Clock;
  /** key → expiry (ms); Map keeps insertion order, so the oldest entries come first. */
  private readonly claims = new Map<string, number>();

  constructor(options: PostClaimsOptions = {}) {
    this.ttlMs = options.ttlMs ?? 10 * 60_000;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.clock = options.clock ?? systemClock;
  }

  /** True when the key was free (and is now claimed); false when someone claimed it within the TTL. */
  claim(key: string): boolean {
    const now = this.clock.now();
    this.evict(now);
    const expiry = this.claims.get(key);
    if (expiry !== undefined && expiry > now) return false;
    this.claims.delete(key);
    this.claims.set(key, now + this.ttlMs);
    if (this.claims.size > this.maxEntries) {
      const oldest = this.claims.keys().next();
      if (!oldest.done) this.claims.delete(oldest.value);
    }
    return true;
  }

  release(key: string): void {
    this.claims.delete(key);
  }

  private evict(now: number): void {
    for (const [key, expiry] of this.claims) {
      if (expiry > now) break;
      this.claims.delete(key);
    }
  }
}
