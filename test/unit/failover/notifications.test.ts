import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createNotificationQueue } from '#src/failover/notifications.ts';
import type { FailoverNotifier } from '#src/failover/ports.ts';
import type { FailoverRequest } from '#src/failover/types.ts';
import { newProposal } from '#src/failover/workflow.ts';
import { T0, fakeClock, fakeSleep, makeHub } from '#test/support/failover-fakes.ts';

function record(version: number, state: FailoverRequest['state'] = 'running'): FailoverRequest {
  const base = newProposal({
    id: 'req-00000000000000001',
    revision: 'r',
    hub: makeHub(),
    kind: 'failover',
    conversation: { id: 'c', reference: null },
    locale: 'en',
    proposedBy: null,
    availabilityState: null,
    healthCheckedAt: null,
    now: T0,
    ttlMinutes: 30,
  });
  return { ...base, version, state };
}

function recorder(failFirst = 0): FailoverNotifier & { calls: string[] } {
  let failures = failFirst;
  const calls: string[] = [];
  return {
    calls,
    async requestChanged(r) {
      if (failures-- > 0) throw new Error('502');
      calls.push(`card v${r.version}`);
    },
    async announceOutcome(r) {
      if (failures-- > 0) throw new Error('502');
      calls.push(`announce ${r.state}`);
    },
  };
}

describe('notification queue', () => {
  it('coalesces card updates to the newest version and announces after the last card', async () => {
    const notifier = recorder();
    const announced: number[] = [];
    const queue = createNotificationQueue({ notifier, sleep: fakeSleep(fakeClock()), log: () => undefined, onAnnounced: async (r) => void announced.push(r.version) });
    queue.changed(record(2));
    queue.changed(record(3));
    queue.changed(record(5, 'succeeded'));
    queue.changed(record(4));
    queue.announce(record(5, 'succeeded'));
    queue.announce(record(5, 'succeeded'));
    await queue.idle();
    assert.deepEqual(notifier.calls, ['card v2', 'card v5', 'announce succeeded']);
    assert.deepEqual(announced, [5]);
    queue.announce(record(5, 'succeeded'));
    await queue.idle();
    assert.equal(notifier.calls.filter((call) => call.startsWith('announce')).length, 1);
  });

  it('retries a failing notifier with the configured pauses, logging each failure', async () => {
    const notifier = recorder(2);
    const clock = fakeClock();
    const sleep = fakeSleep(clock);
    const logs: string[] = [];
    const queue = createNotificationQueue({ notifier, sleep, log: (event) => logs.push(event), onAnnounced: async () => undefined, retryDelaysMs: [100, 200] });
    queue.changed(record(2));
    await queue.idle();
    assert.deepEqual(notifier.calls, ['card v2']);
    assert.deepEqual(sleep.slept, [100, 200]);
    assert.deepEqual(logs, ['failover.notify.failed', 'failover.notify.failed']);
  });

  it('gives up after the last pause without throwing, and does not mark an unsent announcement', async () => {
    const notifier = recorder(10);
    const announced: number[] = [];
    const queue = createNotificationQueue({
      notifier,
      sleep: fakeSleep(fakeClock()),
      log: () => undefined,
      onAnnounced: async (r) => void announced.push(r.version),
      retryDelaysMs: [1],
    });
    queue.announce(record(5, 'failed'));
    await queue.idle();
    assert.deepEqual(announced, []);
    assert.deepEqual(notifier.calls, []);
  });

  it('stop() ends the retries', async () => {
    const notifier = recorder(1000);
    const never: Parameters<typeof createNotificationQueue>[0]['sleep'] = (_ms, signal) =>
      new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true }));
    const queue = createNotificationQueue({ notifier, sleep: never, log: () => undefined, onAnnounced: async () => undefined });
    queue.changed(record(2));
    await new Promise((resolve) => setImmediate(resolve));
    await queue.stop();
    await queue.idle();
  });
});
