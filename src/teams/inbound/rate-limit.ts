// Per-user rate limit of messages: a token bucket per user (Entra object id, else the channel account id).
// A user over the limit gets one polite notice per quiet interval and no diagnosis work is done; the HTTP
// answer stays 200 (Teams would re-deliver anything else, and the message was received fine).
//
// The Diagnose message action draws from the same bucket as messages, since it diagnoses a message just as
// a paste is; its dialog says so every time the user is over the limit (and counts as the notice of the
// quiet interval: a message refused right after is refused silently). Other invokes are not limited: card
// actions (Action.Execute) are compare-and-set transitions that are idempotent by design, must be answered
// within seconds with an invoke response (a refusal there shows the clicker an error and Teams re-sends the
// invoke), and are paced by human clicks.
import { MessageFactory } from 'botbuilder';
import type { Activity, TurnContext } from 'botbuilder';
import type { Clock } from '../../core/clock.ts';
import { systemClock } from '../../core/clock.ts';
import { plural, uiStrings } from '../../i18n/index.ts';
import { selectLocale } from '../../core/locale.ts';
import type { Logger } from '../../log.ts';
import { markTurnOutcome } from '../../observability/turn-trace.ts';

export interface TokenBucketPolicy {
  /** Messages a user may send at once (the burst). */
  capacity: number;
  /** Sustained rate: tokens added per minute. */
  refillPerMinute: number;
  /** After a notice, further refusals stay silent for this long. */
  noticeIntervalMs: number;
}

/** 5 messages at once, then 10 a minute: far above a person pasting errors, far below a script. */
export const DEFAULT_MESSAGE_RATE: TokenBucketPolicy = { capacity: 5, refillPerMinute: 10, noticeIntervalMs: 60_000 };

export interface BucketState {
  tokens: number;
  updatedAt: number;
  /** No notice before this time (ms since the epoch). */
  quietUntil: number;
}

export type RateDecision = { allowed: true } | { allowed: false; notify: boolean; retryAfterMs: number };

/** Pure core: the bucket after one message at `now`, and whether that message is allowed. */
export function takeToken(previous: BucketState | undefined, now: number, policy: TokenBucketPolicy): { state: BucketState; decision: RateDecision } {
  const elapsed = previous === undefined ? 0 : Math.max(0, now - previous.updatedAt);
  const available = previous === undefined ? policy.capacity : Math.min(policy.capacity, previous.tokens + (elapsed * policy.refillPerMinute) / 60_000);
  const quietUntil = previous?.quietUntil ?? 0;
  if (available >= 1) return { state: { tokens: available - 1, updatedAt: now, quietUntil }, decision: { allowed: true } };
  const retryAfterMs = Math.ceil(((1 - available) * 60_000) / policy.refillPerMinute);
  const notify = now >= quietUntil;
  return {
    state: { tokens: available, updatedAt: now, quietUntil: notify ? now + policy.noticeIntervalMs : quietUntil },
    decision: { allowed: false, notify, retryAfterMs },
  };
}

/** Milliseconds after which an untouched bucket is full again and can be forgotten. */
function idleAfterMs(policy: TokenBucketPolicy): number {
  return Math.max(policy.noticeIntervalMs, Math.ceil((policy.capacity * 60_000) / policy.refillPerMinute));
}

export interface UserRateLimiterOptions {
  policy?: TokenBucketPolicy;
  clock?: Clock;
  /** Buckets kept at most; the least recently used go first (a forgotten user starts with a full bucket). */
  maxUsers?: number;
}

export class UserRateLimiter {
  readonly policy: TokenBucketPolicy;
  private readonly clock: Clock;
  private readonly maxUsers: number;
  /** Map order = least recently used first. */
  private readonly buckets = new Map<string, BucketState>();

  constructor(options: UserRateLimiterOptions = {}) {
    this.policy = options.policy ?? DEFAULT_MESSAGE_RATE;
    if (!(this.policy.capacity >= 1) || !(this.policy.refillPerMinute > 0)) throw new Error('rate limit: capacity must be >= 1 and refillPerMinute > 0');
    this.clock = options.clock ?? systemClock;
    this.maxUsers = options.maxUsers ?? 10_000;
  }

  check(userKey: string): RateDecision {
    const now = this.clock.now();
    const { state, decision } = takeToken(this.buckets.get(userKey), now, this.policy);
    this.buckets.delete(userKey);
    this.buckets.set(userKey, state);
    this.forgetIdle(now);
    return decision;
  }

  get size(): number {
    return this.buckets.size;
  }

  private forgetIdle(now: number): void {
    const idle = idleAfterMs(this.policy);
    for (const [key, state] of this.buckets) {
      if (this.buckets.size <= this.maxUsers && now - state.updatedAt < idle) break;
      this.buckets.delete(key);
    }
  }
}

/** Whose bucket a message draws from: the Entra object id, else the channel account id, else the conversation. */
export function rateLimitKey(activity: Partial<Pick<Activity, 'from' | 'conversation'>>): string {
  const from: unknown = activity.from;
  if (from !== null && typeof from === 'object') {
    const { aadObjectId, id } = from as { aadObjectId?: unknown; id?: unknown };
    if (typeof aadObjectId === 'string' && aadObjectId !== '') return `aad:${aadObjectId.toLowerCase()}`;
    if (typeof id === 'string' && id !== '') return `id:${id}`;
  }
  const conversation: unknown = activity.conversation;
  const conversationId = conversation !== null && typeof conversation === 'object' ? (conversation as { id?: unknown }).id : undefined;
  return `conversation:${typeof conversationId === 'string' ? conversationId : ''}`;
}

export interface RateLimitMetrics {
  rateLimited(notified: boolean): void;
}

export type ActionAdmission = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** What the message handler asks before doing any work for a message, and the Diagnose action for an invoke. */
export interface MessageGate {
  /** True: go on. False: the message is refused (the notice, if due, has been sent). */
  admit(turn: TurnContext, log: Logger): Promise<boolean>;
  /** The same bucket, for the Diagnose message action: the caller words the refusal (in its dialog, every time). */
  admitAction(turn: TurnContext, log: Logger): ActionAdmission;
}

export class MessageRateGate implements MessageGate {
  private readonly limiter: UserRateLimiter;
  private readonly metrics: RateLimitMetrics | null;

  constructor(options: { limiter?: UserRateLimiter; metrics?: RateLimitMetrics } = {}) {
    this.limiter = options.limiter ?? new UserRateLimiter();
    this.metrics = options.metrics ?? null;
  }

  async admit(turn: TurnContext, log: Logger): Promise<boolean> {
    const decision = this.limiter.check(rateLimitKey(turn.activity));
    if (decision.allowed) return true;
    const retryAfterSeconds = secondsToWait(decision.retryAfterMs);
    markTurnOutcome('rate-limited');
    this.metrics?.rateLimited(decision.notify);
    log.info({ retryAfterSeconds, notified: decision.notify }, 'message refused: rate limit');
    if (decision.notify) {
      const locale = selectLocale(turn.activity.locale);
      await turn.sendActivity(MessageFactory.text(plural(locale, retryAfterSeconds, uiStrings(locale).rateLimit.notice)));
    }
    return false;
  }

  admitAction(turn: TurnContext, log: Logger): ActionAdmission {
    const decision = this.limiter.check(rateLimitKey(turn.activity));
    if (decision.allowed) return { allowed: true };
    const retryAfterSeconds = secondsToWait(decision.retryAfterMs);
    markTurnOutcome('rate-limited');
    log.info({ retryAfterSeconds }, 'message action refused: rate limit');
    return { allowed: false, retryAfterSeconds };
  }
}

function secondsToWait(retryAfterMs: number): number {
  return Math.max(1, Math.ceil(retryAfterMs / 1000));
}

/** The gate for the configured limit (RATE_LIMIT_MESSAGES_PER_MINUTE, RATE_LIMIT_BURST); none when the rate is 0. */
export function messageRateGateFor(settings: { messagesPerMinute: number; burst: number }, metrics?: RateLimitMetrics): MessageGate | undefined {
  if (settings.messagesPerMinute <= 0) return undefined;
  const policy: TokenBucketPolicy = { ...DEFAULT_MESSAGE_RATE, capacity: settings.burst, refillPerMinute: settings.messagesPerMinute };
  return new MessageRateGate({ limiter: new UserRateLimiter({ policy }), ...(metrics ? { metrics } : {}) });
}
