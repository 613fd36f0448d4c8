// Teams re-delivers an activity when the bot was slow to answer (and the SDK retries 5xx): the same activity
// id must produce one reply. Remembered per conversation for a short TTL, bounded in size.
import { ExpiringKeys } from './expiring-keys.ts';
import type { ExpiringKeysOptions } from './expiring-keys.ts';

export type ActivityDeduplicatorOptions = ExpiringKeysOptions;

export class ActivityDeduplicator {
  private readonly seen: ExpiringKeys;

  constructor(options: ActivityDeduplicatorOptions = {}) {
    this.seen = new ExpiringKeys(options);
  }

  /**
   * Records the activity and says whether it was already seen within the TTL. Activities without an id
   * cannot be recognised again and are never reported as duplicates.
   */
  isDuplicate(conversationId: string | undefined, activityId: string | undefined): boolean {
    if (!activityId) return false;
    return !this.seen.add(`${conversationId ?? ''}\u0000${activityId}`);
  }

  get size(): number {
    return this.seen.size;
  }
}
