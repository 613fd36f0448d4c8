import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ActivityDeduplicator } from '#src/teams/inbound/dedupe.ts';

function manualClock(start = 1_000_000): { now(): number; advance(ms: number): void } {
  let now = start;
  return { now: () => now, advance: (ms) => void (now += ms) };
}

describe('ActivityDeduplicator', () => {
  it('reports a re-delivered activity as a duplicate within the TTL', () => {
    const clock = manualClock();
    const dedupe = new ActivityDeduplicator({ ttlMs: 60_000, clock });
    assert.equal(dedupe.isDuplicate('conv-1', 'a1'), false);
    clock.advance(59_999);
    assert.equal(dedupe.isDuplicate('conv-1', 'a1'), true);
  });

  it('forgets an activity after the TTL', () => {
    const clock = manualClock();
    const dedupe = new ActivityDeduplicator({ ttlMs: 60_000, clock });
    dedupe.isDuplicate('conv-1', 'a1');
    clock.advance(60_000);
    assert.equal(dedupe.isDuplicate('conv-1', 'a1'), false);
    assert.equal(dedupe.size, 1);
  });

  it('keys by conversation: the same id in another conversation is new', () => {
    const dedupe = new ActivityDeduplicator({ clock: manualClock() });
    assert.equal(dedupe.isDuplicate('conv-1', 'a1'), false);
    assert.equal(dedupe.isDuplicate('conv-2', 'a1'), false);
    assert.equal(dedupe.isDuplicate('conv-2', 'a1'), true);
  });

  it('never reports activities without an id', () => {
    const dedupe = new ActivityDeduplicator({ clock: manualClock() });
    assert.equal(dedupe.isDuplicate('conv-1', undefined), false);
    assert.equal(dedupe.isDuplicate('conv-1', undefined), false);
    assert.equal(dedupe.size, 0);
  });

  it('stays bounded, dropping the oldest entries first', () => {
    const dedupe = new ActivityDeduplicator({ maxEntries: 3, clock: manualClock() });
    for (const id of ['a', 'b', 'c', 'd']) dedupe.isDuplicate('conv', id);
    assert.equal(dedupe.size, 3);
    assert.equal(dedupe.isDuplicate('conv', 'd'), true);
    assert.equal(dedupe.isDuplicate('conv', 'a'), false);
  });

  it('evicts expired entries as time passes', () => {
    const clock = manualClock();
    const dedupe = new ActivityDeduplicator({ ttlMs: 1_000, clock });
    for (const id of ['a', 'b', 'c']) dedupe.isDuplicate('conv', id);
    clock.advance(1_000);
    dedupe.isDuplicate('conv', 'z');
    assert.equal(dedupe.size, 1);
  });
});
