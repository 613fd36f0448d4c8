// The per-user token bucket: the pure core with an exact clock, the limiter's memory bounds, whose bucket a
// message draws from, and the gate's polite notice (once per quiet interval, localised, no work done).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TestAdapter, TurnContext } from 'botbuilder';
import type { Activity } from 'botbuilder';
import { ConfigError, describeConfig, loadConfig } from '#src/config.ts';
import { plural, uiStrings } from '#src/i18n/index.ts';
import { silentLogger } from '#src/log.ts';
import { newTurnTrace, runInTurn } from '#src/observability/turn-trace.ts';
import {
  DEFAULT_MESSAGE_RATE,
  MessageRateGate,
  UserRateLimiter,
  messageRateGateFor,
  rateLimitKey,
  takeToken,
} from '#src/teams/inbound/rate-limit.ts';
import type { BucketState, TokenBucketPolicy } from '#src/teams/inbound/rate-limit.ts';

const POLICY: TokenBucketPolicy = { capacity: 5, refillPerMinute: 10, noticeIntervalMs: 60_000 };

function manualClock(start = 1_000_000): { now(): number; advance(ms: number): void } {
  let now = start;
  return { now: () => now, advance: (ms) => (now += ms) };
}

describe('takeToken (pure core)', () => {
  it('allows a burst of `capacity` messages, then refuses and says when the next one would pass', () => {
    let state: BucketState | undefined;
    for (let i = 0; i < POLICY.capacity; i += 1) {
      const step = takeToken(state, 0, POLICY);
      assert.deepEqual(step.decision, { allowed: true }, `message ${i + 1}`);
      state = step.state;
    }
    const refused = takeToken(state, 0, POLICY);
    assert.deepEqual(refused.decision, { allowed: false, notify: true, retryAfterMs: 6_000 });
  });

  it('refills at refillPerMinute and never above capacity', () => {
    let state = takeToken(undefined, 0, POLICY).state;
    for (let i = 0; i < 4; i += 1) state = takeToken(state, 0, POLICY).state;
    assert.equal(takeToken(state, 5_999, POLICY).decision.allowed, false);
    assert.equal(takeToken(state, 6_000, POLICY).decision.allowed, true);
    // An hour of silence refills to capacity, not to 600 tokens.
    let later = takeToken(state, 3_600_000, POLICY).state;
    let allowed = 1;
    while (takeToken(later, 3_600_000, POLICY).decision.allowed) {
      later = takeToken(later, 3_600_000, POLICY).state;
      allowed += 1;
    }
    assert.equal(allowed, POLICY.capacity);
  });

  it('notifies once per quiet interval, however many messages are refused', () => {
    let state: BucketState | undefined;
    for (let i = 0; i < POLICY.capacity; i += 1) state = takeToken(state, 0, POLICY).state;
    const decisions = [];
    for (let t = 0; t < 60_000; t += 100) {
      const step = takeToken(state, t, POLICY);
      state = step.state;
      decisions.push(step.decision);
    }
    const notices = decisions.filter((decision) => !decision.allowed && decision.notify).length;
    assert.equal(notices, 1, 'one notice within the first minute of flooding');
    assert.ok(decisions.some((decision) => decision.allowed), 'the sustained rate still lets some through');
    const step = takeToken(state, 60_000, { ...POLICY, refillPerMinute: 0.0001 });
    assert.ok(!step.decision.allowed && step.decision.notify, 'a new notice once the quiet interval is over');
  });

  it('treats a clock going backwards as no time passing', () => {
    let state: BucketState | undefined;
    for (let i = 0; i < POLICY.capacity; i += 1) state = takeToken(state, 10_000, POLICY).state;
    assert.equal(takeToken(state, 0, POLICY).decision.allowed, false);
  });
});

describe('UserRateLimiter', () => {
  it('keeps one bucket per user: a flooding user does not limit another', () => {
    const clock = manualClock();
    const limiter = new UserRateLimiter({ clock });
    const flood = Array.from({ length: 50 }, () => limiter.check('aad:flooder'));
    assert.equal(flood.filter((decision) => decision.allowed).length, DEFAULT_MESSAGE_RATE.capacity);
    assert.equal(flood.filter((decision) => !decision.allowed && decision.notify).length, 1);
    assert.deepEqual(limiter.check('aad:someone-else'), { allowed: true });
  });

  it('forgets idle buckets and bounds the number it keeps', () => {
    const clock = manualClock();
    const limiter = new UserRateLimiter({ clock, maxUsers: 100 });
    for (let i = 0; i < 1_000; i += 1) limiter.check(`id:user-${i}`);
    assert.ok(limiter.size <= 100, `${limiter.size} buckets kept`);
    clock.advance(10 * 60_000);
    limiter.check('id:latecomer');
    assert.equal(limiter.size, 1, 'buckets idle long enough to be full again are dropped');
  });

  it('rejects a policy that could never allow a message', () => {
    assert.throws(() => new UserRateLimiter({ policy: { ...POLICY, capacity: 0 } }), /capacity/);
    assert.throws(() => new UserRateLimiter({ policy: { ...POLICY, refillPerMinute: 0 } }), /refillPerMinute/);
  });
});

describe('rateLimitKey', () => {
  it('prefers the Entra object id (case-insensitive), then the account id, then the conversation', () => {
    assert.equal(rateLimitKey({ from: { id: '29:a', name: 'A', aadObjectId: 'ABC-1' }, conversation: { id: 'c' } as Activity['conversation'] }), 'aad:abc-1');
    assert.equal(rateLimitKey({ from: { id: '29:a', name: 'A' }, conversation: { id: 'c' } as Activity['conversation'] }), 'id:29:a');
    assert.equal(rateLimitKey({ conversation: { id: 'c' } as Activity['conversation'] }), 'conversation:c');
  });

  it('copes with whatever a hostile activity puts there', () => {
    const odd = (from: unknown, conversation: unknown): string => rateLimitKey({ from, conversation } as unknown as Partial<Activity>);
    assert.equal(odd(null, null), 'conversation:');
    assert.equal(odd('29:a', 42), 'conversation:');
    assert.equal(odd({ aadObjectId: 7, id: ['x'] }, { id: 'c' }), 'conversation:c');
    assert.equal(odd({ aadObjectId: '', id: '29:b' }, {}), 'id:29:b');
  });
});

function turnFor(adapter: TestAdapter, locale: string, user = 'user-aad'): TurnContext {
  const activity: Partial<Activity> = {
    type: 'message',
    id: `m-${Math.random()}`,
    text: 'help',
    locale,
    channelId: 'msteams',
    serviceUrl: 'https://smba.example',
    from: { id: `29:${user}`, name: 'User', aadObjectId: user },
    recipient: { id: '28:bot', name: 'Bot' },
    conversation: { id: 'a:1personal', isGroup: false, conversationType: 'personal', name: '' },
  };
  return new TurnContext(adapter, activity);
}

describe('MessageRateGate', () => {
  it('lets the burst through, then sends one localised notice and refuses silently, marking the turn rate-limited', async () => {
    const adapter = new TestAdapter();
    const clock = manualClock();
    const counted: boolean[] = [];
    const gate = new MessageRateGate({ limiter: new UserRateLimiter({ clock }), metrics: { rateLimited: (notified) => counted.push(notified) } });
    const results: boolean[] = [];
    for (let i = 0; i < 8; i += 1) results.push(await gate.admit(turnFor(adapter, 'fr-FR'), silentLogger()));
    assert.deepEqual(results, [true, true, true, true, true, false, false, false]);
    assert.deepEqual(counted, [true, false, false]);
    assert.equal(adapter.activeQueue.length, 1, 'one notice for three refusals');
    assert.equal(adapter.activeQueue[0]?.text, plural('fr', 6, uiStrings('fr').rateLimit.notice));

    const trace = newTurnTrace({ activityId: 'x', conversationId: 'c' });
    await runInTurn(trace, () => gate.admit(turnFor(adapter, 'en-US'), silentLogger()));
    assert.equal(trace.outcome, 'rate-limited');
  });

  it('admits the Diagnose message action from the same bucket as messages; the action is told every time, and sends nothing itself', async () => {
    const adapter = new TestAdapter();
    const gate = new MessageRateGate({ limiter: new UserRateLimiter({ clock: manualClock(), policy: { ...POLICY, capacity: 3 } }) });
    assert.equal(await gate.admit(turnFor(adapter, 'en-US', 'shared'), silentLogger()), true);
    assert.deepEqual(gate.admitAction(turnFor(adapter, 'en-US', 'shared'), silentLogger()), { allowed: true });
    assert.equal(await gate.admit(turnFor(adapter, 'en-US', 'shared'), silentLogger()), true);
    assert.equal(await gate.admit(turnFor(adapter, 'en-US', 'shared'), silentLogger()), false, 'the action took the third token');
    assert.equal(adapter.activeQueue.length, 1, 'the message refusal sent its notice');
    const trace = newTurnTrace({ activityId: 'x', conversationId: 'c' });
    const refused = await runInTurn(trace, async () => gate.admitAction(turnFor(adapter, 'en-US', 'shared'), silentLogger()));
    assert.deepEqual(refused, { allowed: false, retryAfterSeconds: 6 });
    assert.equal(trace.outcome, 'rate-limited');
    assert.deepEqual(gate.admitAction(turnFor(adapter, 'en-US', 'shared'), silentLogger()), { allowed: false, retryAfterSeconds: 6 }, 'refused again, and said again (in its dialog)');
    assert.equal(adapter.activeQueue.length, 1, 'the action refusals sent nothing: the dialog answers');
    assert.deepEqual(gate.admitAction(turnFor(adapter, 'en-US', 'another'), silentLogger()), { allowed: true });
  });

  it('is not built when the configured rate is 0, and follows the configured burst otherwise', async () => {
    assert.equal(messageRateGateFor({ messagesPerMinute: 0, burst: 5 }), undefined);
    const gate = messageRateGateFor({ messagesPerMinute: 1, burst: 2 });
    assert.ok(gate);
    const adapter = new TestAdapter();
    const results = [];
    for (let i = 0; i < 3; i += 1) results.push(await gate.admit(turnFor(adapter, 'en-US', `burst-user`), silentLogger()));
    assert.deepEqual(results, [true, true, false]);
    assert.equal(adapter.activeQueue[0]?.text, plural('en', 60, uiStrings('en').rateLimit.notice));
  });
});

describe('RATE_LIMIT_* configuration', () => {
  it('defaults to 10 a minute with a burst of 5; 0 turns the limit off', () => {
    assert.deepEqual(loadConfig({}).rateLimit, { messagesPerMinute: 10, burst: 5 });
    assert.deepEqual(loadConfig({ RATE_LIMIT_MESSAGES_PER_MINUTE: '30', RATE_LIMIT_BURST: '8' }).rateLimit, { messagesPerMinute: 30, burst: 8 });
    const off = loadConfig({ RATE_LIMIT_MESSAGES_PER_MINUTE: '0' });
    assert.equal(describeConfig(off).rateLimit, 'off');
    assert.equal(messageRateGateFor(off.rateLimit), undefined);
  });

  it('names the variable when a value is not a whole number in range', () => {
    for (const [name, value] of [['RATE_LIMIT_MESSAGES_PER_MINUTE', 'ten'], ['RATE_LIMIT_MESSAGES_PER_MINUTE', '-1'], ['RATE_LIMIT_BURST', '0'], ['RATE_LIMIT_BURST', '1.5']] as const) {
      assert.throws(
        () => loadConfig({ [name]: value }),
        (error: unknown) => error instanceof ConfigError && error.variable === name,
        `${name}=${value}`,
      );
    }
  });
});
