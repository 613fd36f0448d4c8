// The durable "one post per message" claim: shared by bot instances through the state store.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { StateStore } from '#src/core/store.ts';
import { createMemoryStore } from '#src/state/memory-store.ts';
import { PostClaims, postClaimKey } from '#src/teams/message-action/claims.ts';

function manualClock(start = 1_000_000): { now(): number; advance(ms: number): void } {
  let now = start;
  return { now: () => now, advance: (ms) => (now += ms) };
}

const MESSAGE = { conversationId: '19:ch@thread.tacv2;messageid=1732700000222', messageId: '1732700000222' };

describe('PostClaims with a state store', () => {
  it('keys the claim by conversation and message, within the store key rules', () => {
    assert.equal(postClaimKey(MESSAGE), 'message-action/19%3Ach%40thread.tacv2%3Bmessageid%3D1732700000222/1732700000222');
    const long = postClaimKey({ conversationId: 'a:'.padEnd(500, 'x'), messageId: '1' });
    assert.match(long, /^message-action\/sha256\/[0-9a-f]{64}$/);
  });

  it('lets one of two instances claim a message; a release frees it for the other', async () => {
    const store = createMemoryStore();
    const [first, second] = [new PostClaims({ store }), new PostClaims({ store })];
    assert.deepEqual(await Promise.all([first.claim(MESSAGE), second.claim(MESSAGE)]), [true, false]);
    assert.equal(await second.claim(MESSAGE), false);
    await first.release(MESSAGE);
    assert.equal(await store.get(postClaimKey(MESSAGE)), undefined);
    assert.equal(await second.claim(MESSAGE), true);
    assert.equal(await first.claim(MESSAGE), false);
  });

  it('takes over a claim older than the TTL (its instance went away without posting or releasing)', async () => {
    const store = createMemoryStore();
    const clock = manualClock();
    const [first, second] = [new PostClaims({ store, clock, ttlMs: 60_000 }), new PostClaims({ store, clock, ttlMs: 60_000 })];
    assert.equal(await first.claim(MESSAGE), true);
    clock.advance(59_999);
    assert.equal(await second.claim(MESSAGE), false);
    clock.advance(1);
    assert.equal(await second.claim(MESSAGE), true);
    assert.equal(await first.claim(MESSAGE), false, 'the takeover is a fresh claim');
  });

  it('holds the claim on this instance when the store does not answer', async () => {
    const down: StateStore = {
      ...createMemoryStore(),
      create: () => Promise.reject(new Error('store down')),
      delete: () => Promise.reject(new Error('store down')),
    };
    const claims = new PostClaims({ store: down });
    assert.equal(await claims.claim(MESSAGE), true);
    assert.equal(await claims.claim(MESSAGE), false);
    await claims.release(MESSAGE);
    assert.equal(await claims.claim(MESSAGE), true);
  });
});
