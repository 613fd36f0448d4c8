// One diagnosis post per message: Teams retries a slow submitAction and people double-click. The first
// invoke claims the message; later ones within the TTL find it claimed. A post that fails (the bot is
// not in the conversation, the connector is down) releases its claim, so the user can try again.
//
// With a state store the claim is also durable (`create` is create-if-absent in every store), so two bot
// instances sharing the store post once between them. The in-memory set stays in front: a double-click on
// this instance is answered without a store round trip.
import { createHash } from 'node:crypto';
import { createIfAbsent, isStoreConflict, replaceIfUnchanged } from '../../core/store.ts';
import { systemClock } from '../../core/clock.ts';
import type { Clock } from '../../core/clock.ts';
import type { StateStore } from '../../core/store.ts';
import type { Logger } from '../../log.ts';
import { errorFields } from '../../log.ts';
import { ExpiringKeys } from '../inbound/expiring-keys.ts';
import type { ExpiringKeysOptions } from '../inbound/expiring-keys.ts';

export interface PostClaimsOptions extends ExpiringKeysOptions {
  /** Shared by every bot instance: makes the claim hold across them. */
  store?: StateStore;
  /** Where a store that does not answer is reported (the claim then holds on this instance only). */
  logger?: Logger;
}

/** The message whose diagnosis is posted, and the conversation (thread) it is posted in. */
export interface PostTarget {
  conversationId: string;
  messageId: string;
}

/** What the store keeps for a claim: when it was made, so a claim left by a crashed instance expires. */
export interface StoredPostClaim {
  claimedAt: string;
}

const DEFAULT_TTL_MS = 10 * 60_000;
const MAX_KEY_LENGTH = 400;

function keySegment(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `message-action/<conversation id>/<message id>`, URI-encoded; hashed when Teams' ids make it too long. */
export function postClaimKey(target: PostTarget): string {
  const key = `message-action/${keySegment(target.conversationId)}/${keySegment(target.messageId)}`;
  if (key.length <= MAX_KEY_LENGTH) return key;
  const digest = createHash('sha256').update(`${target.conversationId}\u0000${target.messageId}`).digest('hex');
  return `message-action/sha256/${digest}`;
}

export class PostClaims {
  private readonly claims: ExpiringKeys;
  private readonly store: StateStore | undefined;
  private readonly log: Logger | undefined;
  private readonly clock: Clock;
  private readonly ttlMs: number;

  constructor(options: PostClaimsOptions = {}) {
    this.claims = new ExpiringKeys(options);
    this.store = options.store;
    this.log = options.logger;
    this.clock = options.clock ?? systemClock;
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  }

  /** True when the message was free (and is now claimed); false when someone claimed it within the TTL. */
  async claim(target: PostTarget): Promise<boolean> {
    const key = postClaimKey(target);
    if (!this.claims.add(key)) return false;
    if (!this.store) return true;
    try {
      if (await this.claimInStore(this.store, key)) return true;
      // Held by another instance: forget it here, so a retry after that instance's post failed asks the store again.
      this.claims.delete(key);
      return false;
    } catch (error) {
      // Fail open: the engineer gets the diagnosis; the worst case is a second card from another instance.
      this.log?.warn({ ...errorFields(error, { withMessage: false }) }, 'message action: the store did not answer; the claim holds on this instance only');
      return true;
    }
  }

  /** Frees the message for another attempt (never throws: it runs on the failure path). */
  async release(target: PostTarget): Promise<void> {
    const key = postClaimKey(target);
    this.claims.delete(key);
    if (!this.store) return;
    try {
      await this.store.delete(key);
    } catch (error) {
      this.log?.warn({ ...errorFields(error, { withMessage: false }) }, 'message action: the claim could not be released; it expires with its TTL');
    }
  }

  private async claimInStore(store: StateStore, key: string): Promise<boolean> {
    const now = this.clock.now();
    const value: StoredPostClaim = { claimedAt: new Date(now).toISOString() };
    try {
      await store.create(key, value);
      return true;
    } catch (error) {
      if (!isStoreConflict(error)) throw error;
    }
    const held = await store.get<StoredPostClaim>(key);
    if (held === undefined) return createIfAbsent(store, key, value);
    const claimedAt = Date.parse(held.value.claimedAt);
    if (Number.isFinite(claimedAt) && claimedAt + this.ttlMs > now) return false;
    // An expired claim (its instance crashed before posting or releasing): take it over with compare-and-set.
    return replaceIfUnchanged(store, key, value, held.eTag);
  }
}
