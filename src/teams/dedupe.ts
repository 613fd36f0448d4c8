// Teams re-delivers an activity when the bot was slow to answer (and the SDK retries 5xx): the same activity
// id must produce one reply. Remembered per conversation for a short TTL, bounded in size.
import type { Clock } from '../failover/ports.ts';
import { systemClock } from '../failover/ports.ts';

export interface ActivityDeduplicatorOptions {
  ttlMs?: number;
  maxEntries?: number;
  clock?: Clock;
}

export class ActivityDeduplicator {
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly clock: Clock;
  /** key → expiry (ms); Map keeps insertion order, so the oldest entries come first. */
  private readonly seen = new Map<string, number>();

  constructor(options: ActivityDeduplicatorOptions = {}) {
    this.ttlMs = options.ttlMs ?? 10 * 60_000;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.clock = options.clock ?? systemClock;
  }

  /**
   * Records the activity and says whether it was already seen within the TTL. Activities without an id
   * cannot be recognised again and are never reported as duplicates.
   */
  isDuplicate(conversationId: string | undefined, activityId: string | undefined): boolean {
    if (!activityId) return false;
    const now = this.clock.now();
    this.evict(now);
    const key = `${conversationId ?? ''}\u0000${activityId}`;
    const expiry = this.seen.get(key);
    if (expiry !== undefined && expiry > now) return true;
    this.seen.delete(key);
    this.seen.set(key, now + this.ttlMs);
    if (this.seen.size > this.maxEntries) {
      const oldest = this.seen.keys().next();
      if (!oldest.done) this.seen.delete(oldest.value);
    }
    return false;
  }

  get size(): number {
    return this.seen.size;
  }

  private evict(now: number): void {
    for (const [key, expiry] of this.seen) {
      if (expiry > now) break;
      this.seen.delete(key);
    }
  }
}
