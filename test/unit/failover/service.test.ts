import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ActInput } from '#src/failover/service.ts';
import { sameConversation } from '#src/failover/service.ts';
import type { Actor } from '#src/failover/types.ts';
import type { Sleep } from '#src/core/clock.ts';
import { HOUR, MINUTE, alice, armRejection, bob, carol, fakeClock, fakeDirectory, fakeSleep, makeHub, mallory, swapped } from '#test/support/failover-fakes.ts';
import { CONVERSATION, freezingSleep, harness, proposeAndRequest, waitFor } from '#test/support/failover-harness.ts';
import type { Harness } from '#test/support/failover-harness.ts';

const approve = (h: Harness, requestId: string, actor: Actor = bob, conversationId = CONVERSATION) =>
  h.service.act({ verb: 'failover.approve', requestId, actor, conversationId, inputs: {} });

async function auditKinds(h: Harness): Promise<string[]> {
  return (await h.audit.latest(100)).reverse().map((record) => record.kind);
}

describe('failover service: the happy path', () => {
  it('request → approve → running → succeeded with exactly one POST, progress saved at every poll', async () => {
    const h = harness();
    h.executor.onSucceeded = () => {
      h.directory.hub = swapped(h.directory.hub);
    };
    let releaseStart = (): void => undefined;
    h.executor.startGate = new Promise((resolve) => {
      releaseStart = resolve;
    });
    const requested = await proposeAndRequest(h);
    assert.equal(requested.state, 'requested');
    assert.equal((await h.service.attachCard(requested.id, 'activity-1'))?.conversation.cardActivityId, 'activity-1');

    // The approval is answered while the POST is still in flight: the invoke never waits for ARM.
    const approved = await approve(h, requested.id);
    assert.equal(approved.outcome, 'ok');
    assert.equal(approved.record?.state, 'approved');
    await waitFor(() => h.executor.starts.length === 1);
    assert.equal((await h.service.get(requested.id))?.state, 'running');
    releaseStart();
    await h.service.settled();

    const done = await h.service.get(requested.id);
    assert.equal(done?.state, 'succeeded');
    assert.equal(h.executor.starts.length, 1);
    assert.equal(h.executor.starts[0]?.region, 'North Europe');
    // Each poll resumed from the token saved by the previous one.
    assert.deepEqual(h.executor.polls, ['token-0', 'token-1', 'token-2']);
    assert.equal(done?.operation?.polls, 4);
    assert.equal(done?.operation?.resumeToken, 'token-3');
    assert.deepEqual(await auditKinds(h), ['requested', 'approved', 'started', 'succeeded']);
    const started = (await h.audit.latest(10)).find((record) => record.kind === 'started');
    assert.equal(started?.armRequestId, 'arm-post-1');
    assert.equal(started?.operationId, 'op-1');

    // Everyone's card followed every step; the outcome was announced once.
    const versions = h.notifier.changed.map((record) => record.version);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b));
    assert.equal(h.notifier.changed.at(-1)?.state, 'succeeded');
    assert.equal(h.notifier.announced.length, 1);
    assert.equal(h.notifier.announced[0]?.state, 'succeeded');
    assert.notEqual((await h.service.get(requested.id))?.outcomeAnnouncedAt, null);
    assert.deepEqual(await h.service.listActive(), []);
  });

  it('card.refresh returns the current record without changing it', async () => {
    const h = harness();
    const requested = await proposeAndRequest(h);
    const refreshed = await h.service.act({ verb: 'card.refresh', requestId: requested.id, actor: mallory, conversationId: CONVERSATION, inputs: {} });
    assert.equal(refreshed.outcome, 'ok');
    assert.deepEqual(refreshed.record, requested);
  });
});

describe('failover service: exactly once', () => {
  it('20 concurrent approvals (two approvers) → one transition, one POST', async () => {
    const h = harness();
    const requested = await proposeAndRequest(h);
    const results = await Promise.all(Array.from({ length: 20 }, (_u, i) => approve(h, requested.id, i % 2 === 0 ? bob : carol)));
    assert.equal(results.filter((result) => result.outcome === 'ok').length, 1);
    // Late clicks see the request approved, or already claimed by the runner: both are "show the current card".
    for (const result of results.filter((r) => r.outcome !== 'ok')) assert.match(result.outcome, /^already-(approved|running|succeeded)$/);
    await h.service.settled();
    assert.equal(h.executor.starts.length, 1);
    assert.equal((await h.service.get(requested.id))?.state, 'succeeded');
    assert.equal((await auditKinds(h)).filter((kind) => kind === 'approved').length, 1);
  });

  it('the same click delivered 20 times at the same instant (Teams retries) → one transition', async () => {
    const h = harness();
    const requested = await proposeAndRequest(h);
    const results = await Promise.all(Array.from({ length: 20 }, () => approve(h, requested.id, bob)));
    assert.equal(results.filter((result) => result.outcome === 'ok').length, 1);
    await h.service.settled();
    assert.equal(h.executor.starts.length, 1);
    assert.equal((await auditKinds(h)).filter((kind) => kind === 'approved').length, 1);
  });

  it('a double click is a no-op that returns the current record', async () => {
    const h = harness();
    const requested = await proposeAndRequest(h);
    const again = await h.service.act({ verb: 'failover.request', requestId: requested.id, actor: alice, conversationId: CONVERSATION, inputs: { justification: 'again' } });
    assert.equal(again.outcome, 'already-requested');
    assert.equal(again.record?.version, requested.version);
    const first = await approve(h, requested.id);
    const second = await approve(h, requested.id);
    assert.equal(first.outcome, 'ok');
    assert.equal(second.outcome, 'already-approved');
    assert.ok(second.record);
    await h.service.settled();
    assert.equal(h.executor.starts.length, 1);
    assert.deepEqual(await auditKinds(h), ['requested', 'approved', 'started', 'succeeded']);
  });

  it('two bot instances sharing one store, approvals through both → one POST', async () => {
    const clock = fakeClock();
    const a = harness({ clock, instanceId: 'instance-a' });
    const b = harness({ clock, store: a.store, directory: a.directory, instanceId: 'instance-b' });
    const requested = await proposeAndRequest(a);
    const results = await Promise.all([
      ...Array.from({ length: 10 }, () => approve(a, requested.id, bob)),
      ...Array.from({ length: 10 }, () => approve(b, requested.id, carol)),
    ]);
    assert.equal(results.filter((result) => result.outcome === 'ok').length, 1);
    await Promise.all([a.service.settled(), b.service.settled()]);
    assert.equal(a.executor.starts.length + b.executor.starts.length, 1);
    assert.equal((await a.service.get(requested.id))?.state, 'succeeded');
  });

  it('two requests for the same hub approved at once through two instances → one failover (hub lock)', async () => {
    const clock = fakeClock();
    const a = harness({ clock, instanceId: 'instance-a' });
    const b = harness({ clock, store: a.store, directory: a.directory, instanceId: 'instance-b' });
    for (const h of [a, b]) {
      h.executor.onSucceeded = () => {
        a.directory.hub = swapped(a.directory.hub);
      };
    }
    const first = await proposeAndRequest(a);
    const second = await proposeAndRequest(b, mallory);
    const results = await Promise.all([approve(a, first.id, bob), approve(b, second.id, carol)]);
    await Promise.all([a.service.settled(), b.service.settled()]);
    assert.equal(a.executor.starts.length + b.executor.starts.length, 1);
    const states = [(await a.service.get(first.id))?.state, (await a.service.get(second.id))?.state];
    assert.equal(states.filter((state) => state === 'succeeded').length, 1);
    // The other one was stopped: refused at approval (ineligible) or by the runner's checks / the lock.
    const loser = results[0]?.outcome === 'ok' && results[1]?.outcome === 'ok' ? states.find((state) => state !== 'succeeded') : 'refused-at-approval';
    assert.ok(loser === 'failed' || loser === 'refused-at-approval', String(loser));
  });
});

describe('failover service: one running failover per hub', () => {
  it('while one request runs, another approved request for the same hub is refused by the hub lock', async () => {
    const h = harness();
    let answer = (): void => undefined;
    h.executor.startGate = new Promise((resolve) => {
      answer = resolve;
    });
    const first = await proposeAndRequest(h);
    const second = await proposeAndRequest(h, mallory);
    // Approved in the same instant: neither approval saw the other, so both stand.
    const results = await Promise.all([approve(h, first.id, bob), approve(h, second.id, carol)]);
    assert.deepEqual(results.map((result) => result.outcome), ['ok', 'ok']);
    await waitFor(async () => {
      const states = [(await h.service.get(first.id))?.state, (await h.service.get(second.id))?.state];
      return states.includes('running') && states.includes('failed');
    });
    const loser = [await h.service.get(first.id), await h.service.get(second.id)].find((record) => record?.state === 'failed');
    const winner = [await h.service.get(first.id), await h.service.get(second.id)].find((record) => record?.state === 'running');
    assert.deepEqual(loser?.failure, { kind: 'refused', checks: [{ kind: 'failover-running', requestId: winner?.id }] });
    answer();
    await h.service.settled();
    assert.equal(h.executor.starts.length, 1);
    assert.equal((await h.service.get(winner?.id ?? ''))?.state, 'succeeded');
  });
});

describe('failover service: who may do what', () => {
  it('the requester cannot approve their own request; a non-approver cannot approve', async () => {
    const h = harness();
    const own = await proposeAndRequest(h, bob);
    assert.equal((await approve(h, own.id, bob)).outcome, 'self-approval');
    assert.equal((await approve(h, own.id, mallory)).outcome, 'not-an-approver');
    assert.equal((await h.service.get(own.id))?.state, 'requested');
    assert.equal(h.executor.starts.length, 0);
  });

  it('with no approvers configured a failover is impossible: no proposal, so nothing to request or approve', async () => {
    const h = harness({ config: { approvers: [] } });
    const eligibility = await h.service.eligibility(h.directory.hub);
    assert.ok(!eligibility.possible && eligibility.reasons.includes('no-approvers'));
    const proposed = await h.service.propose({ hub: h.directory.hub, kind: 'failover', conversation: { id: CONVERSATION, reference: {} }, locale: 'en', requester: alice });
    assert.ok(!proposed.ok);
    assert.deepEqual(proposed.reasons, ['no-approvers']);
    assert.equal(h.executor.starts.length, 0);
  });

  it('a request id from another conversation is not found, and nothing leaks', async () => {
    const h = harness();
    const requested = await proposeAndRequest(h);
    const stolen = await approve(h, requested.id, bob, '19:other-team@thread.tacv2');
    assert.deepEqual(stolen, { record: null, outcome: 'not-found' });
    const refreshed = await h.service.act({ verb: 'card.refresh', requestId: requested.id, actor: bob, conversationId: 'a:personal-chat', inputs: {} });
    assert.deepEqual(refreshed, { record: null, outcome: 'not-found' });
    assert.deepEqual(await approve(h, 'AAAAAAAAAAAAAAAAAAAAAA', bob), { record: null, outcome: 'not-found' });
    assert.deepEqual(await approve(h, '../../failover/active', bob), { record: null, outcome: 'not-found' });
    assert.equal((await h.service.get(requested.id))?.state, 'requested');
  });

  it('the same channel in another thread is the same conversation', () => {
    assert.ok(sameConversation('19:c@thread.tacv2;messageid=1', '19:c@thread.tacv2;messageid=2'));
    assert.ok(sameConversation('19:c@thread.tacv2;messageid=1', '19:c@thread.tacv2'));
    assert.ok(!sameConversation('19:c@thread.tacv2', '19:d@thread.tacv2'));
  });

  it('reject needs a reason and ends the request; cancel by the requester ends it', async () => {
    const h = harness();
    const one = await proposeAndRequest(h);
    const reject = (reason: string): ActInput => ({ verb: 'failover.reject', requestId: one.id, actor: carol, conversationId: CONVERSATION, inputs: { reason } });
    assert.equal((await h.service.act(reject(''))).outcome, 'reason-required');
    const rejected = await h.service.act(reject('Not a regional outage: see the status page'));
    assert.equal(rejected.record?.state, 'rejected');
    const two = await proposeAndRequest(h);
    const cancelled = await h.service.act({ verb: 'failover.cancel', requestId: two.id, actor: alice, conversationId: CONVERSATION, inputs: {} });
    assert.equal(cancelled.record?.state, 'cancelled');
    await h.service.settled();
    assert.deepEqual(await h.service.listActive(), []);
    assert.deepEqual(await auditKinds(h), ['requested', 'rejected', 'requested', 'cancelled']);
    assert.equal((await h.audit.latest(10)).find((record) => record.kind === 'rejected')?.reason, 'Not a regional outage: see the status page');
  });
});

describe('failover service: expiry', () => {
  it('an approval arriving at expiresAt finds the request expired', async () => {
    const h = harness();
    const requested = await proposeAndRequest(h);
    h.clock.set(Date.parse(requested.expiresAt));
    const late = await approve(h, requested.id);
    assert.equal(late.outcome, 'already-expired');
    assert.equal(late.record?.state, 'expired');
    assert.deepEqual(await auditKinds(h), ['requested', 'expired']);
    assert.equal(h.executor.starts.length, 0);
  });

  it('the sweeper expires what is due and nothing else', async () => {
    const h = harness();
    const early = await proposeAndRequest(h);
    h.clock.advance(10 * MINUTE);
    const later = await proposeAndRequest(h);
    h.clock.set(Date.parse(early.expiresAt) - 1);
    assert.deepEqual((await h.service.expireDue()).expired, []);
    h.clock.set(Date.parse(early.expiresAt));
    assert.deepEqual((await h.service.expireDue()).expired, [early.id]);
    assert.equal((await h.service.get(later.id))?.state, 'requested');
    await h.service.settled();
    assert.deepEqual((await h.service.listActive()).map((record) => record.id), [later.id]);
    assert.equal(h.notifier.changed.at(-1)?.state, 'expired');
  });
});

describe('failover service: failures', () => {
  it('a failover that fails ends failed, with the reason on the record and in the audit', async () => {
    const h = harness();
    h.executor.final = 'failed';
    const requested = await proposeAndRequest(h);
    await approve(h, requested.id);
    await h.service.settled();
    const record = await h.service.get(requested.id);
    assert.equal(record?.state, 'failed');
    assert.deepEqual(record?.failure, { kind: 'operation-failed', message: 'Failover failed: internal error' });
    assert.deepEqual(await auditKinds(h), ['requested', 'approved', 'started', 'failed']);
    assert.equal(h.notifier.announced.length, 1);
    assert.equal(h.executor.starts.length, 1);
  });

  it('ARM refusing the POST ends failed with the ARM request id, and is never retried', async () => {
    const h = harness();
    h.executor.startError = armRejection();
    const requested = await proposeAndRequest(h);
    await approve(h, requested.id);
    await h.service.settled();
    const record = await h.service.get(requested.id);
    assert.equal(record?.failure?.kind, 'arm-rejected');
    assert.equal(h.executor.starts.length, 1);
    assert.equal(h.executor.polls.length, 0);
    const failed = (await h.audit.latest(1))[0];
    assert.equal(failed?.kind, 'failed');
    assert.equal(failed?.armRequestId, 'arm-rejected-1');
  });

  it('refuses before the POST when the hub changed since the approval', async () => {
    const h = harness();
    const requested = await proposeAndRequest(h);
    h.directory.hub = swapped(h.directory.hub); // someone failed it over from the portal
    await approve(h, requested.id);
    await h.service.settled();
    const record = await h.service.get(requested.id);
    assert.equal(record?.state, 'failed');
    assert.equal(record?.failure?.kind, 'refused');
    assert.deepEqual(record?.failure?.kind === 'refused' ? record.failure.checks.map((check) => check.kind) : [], ['hub-changed']);
    assert.equal(h.executor.starts.length, 0);
    assert.deepEqual(await auditKinds(h), ['requested', 'approved', 'refused']);
    assert.equal(h.notifier.announced.length, 1);
  });

  it('refuses before the POST when the hub has recovered, or is no longer active', async () => {
    const h = harness();
    const recovered = await proposeAndRequest(h);
    h.health.state = 'Available';
    await approve(h, recovered.id);
    await h.service.settled();
    const first = await h.service.get(recovered.id);
    assert.deepEqual(first?.failure?.kind === 'refused' ? first.failure.checks.map((check) => check.kind) : [], ['hub-recovered']);

    h.health.state = 'Unavailable';
    const inactive = await proposeAndRequest(h);
    h.directory.hub = { ...h.directory.hub, state: 'Transitioning' };
    await approve(h, inactive.id);
    await h.service.settled();
    const second = await h.service.get(inactive.id);
    assert.deepEqual(
      second?.failure?.kind === 'refused' ? second.failure.checks : [],
      [{ kind: 'ineligible', reasons: ['hub-not-active'], availableAt: null }],
    );
    assert.equal(h.executor.starts.length, 0);
  });

  it('notifier failures are retried and never touch the workflow state', async () => {
    const h = harness();
    h.notifier.failures = 3;
    const requested = await proposeAndRequest(h);
    await approve(h, requested.id);
    await h.service.settled();
    assert.equal((await h.service.get(requested.id))?.state, 'succeeded');
    assert.ok(h.logs.some((log) => log.event === 'failover.notify.failed'));
    assert.equal(h.notifier.announced.length, 1);
    assert.equal(h.notifier.changed.at(-1)?.state, 'succeeded');
  });
});

describe('failover service: limits from the audit trail', () => {
  it('after a failover: failback refused for one hour (exact boundary), then possible; proposals say why', async () => {
    const h = harness();
    h.executor.onSucceeded = () => {
      h.directory.hub = swapped(h.directory.hub);
    };
    const requested = await proposeAndRequest(h);
    await approve(h, requested.id);
    await h.service.settled();
    const done = await h.service.get(requested.id);
    assert.equal(done?.state, 'succeeded');
    const finishedAt = Date.parse(done?.finishedAt ?? '');
    const hub = h.directory.hub;

    h.clock.set(finishedAt + HOUR - 1);
    const early = await h.service.eligibility(hub, 'failback');
    assert.ok(!early.possible);
    assert.deepEqual(early.reasons, ['cooldown']);
    assert.equal(early.details.availableAt, new Date(finishedAt + HOUR).toISOString());
    const refused = await h.service.propose({ hub, kind: 'failback', conversation: { id: CONVERSATION, reference: null }, locale: 'fr' });
    assert.ok(!refused.ok);
    assert.deepEqual(refused.reasons, ['cooldown']);

    h.clock.set(finishedAt + HOUR);
    assert.deepEqual(await h.service.eligibility(hub, 'failback'), { possible: true });
    const failback = await h.service.propose({ hub, kind: 'failback', conversation: { id: CONVERSATION, reference: null }, locale: 'fr' });
    assert.ok(failback.ok);
    assert.equal(failback.record.failoverRegion, 'West Europe');
    assert.equal(failback.record.kind, 'failback');
  });

  it('a third failover within 24 h is refused', async () => {
    const h = harness();
    h.executor.onSucceeded = () => {
      h.directory.hub = swapped(h.directory.hub);
    };
    for (let i = 0; i < 2; i++) {
      const requested = await proposeAndRequest(h);
      await approve(h, requested.id);
      await h.service.settled();
      assert.equal((await h.service.get(requested.id))?.state, 'succeeded');
      h.clock.advance(2 * HOUR);
      h.executor.polls = [];
    }
    const third = await h.service.eligibility(h.directory.hub, 'failover');
    assert.ok(!third.possible);
    assert.deepEqual(third.reasons, ['daily-limit']);
    assert.equal(third.details.failoversLast24h, 2);
    assert.deepEqual(await h.service.eligibility(h.directory.hub, 'failback'), { possible: true });
  });
});

describe('failover service: restart and crash recovery', () => {
  it('a new instance on the same store resumes polling from the saved token: no second POST', async () => {
    const clock = fakeClock();
    const directory = fakeDirectory(makeHub());
    const crashed = harness({ clock, directory, sleep: freezingSleep(clock, 2), instanceId: 'instance-old' });
    crashed.executor.runningPolls = 5;
    const requested = await proposeAndRequest(crashed);
    await approve(crashed, requested.id);
    await waitFor(async () => (await crashed.service.get(requested.id))?.operation?.polls === 3);
    // The old process is frozen (killed): it never polls again. A new process starts with another id.
    const restarted = harness({ clock, directory, store: crashed.store, instanceId: 'instance-new' });
    restarted.executor.runningPolls = 0;
    assert.deepEqual(await restarted.service.resumeInFlight(), { resumed: [requested.id] });
    await restarted.service.settled();
    const record = await restarted.service.get(requested.id);
    assert.equal(record?.state, 'succeeded');
    assert.equal(crashed.executor.starts.length, 1);
    assert.equal(restarted.executor.starts.length, 0);
    assert.deepEqual(restarted.executor.polls, ['token-2']);
    assert.ok(restarted.logs.some((log) => log.event === 'failover.runner.took-over'));
    assert.equal((await restarted.audit.latest(20)).filter((entry) => entry.kind === 'started').length, 1);
    await crashed.service.shutdown();
  });

  it('restarting under the same instance id resumes at once, without waiting for the lease', async () => {
    const clock = fakeClock();
    const directory = fakeDirectory(makeHub());
    const crashed = harness({ clock, directory, sleep: freezingSleep(clock, 1), instanceId: 'bot-host-1' });
    crashed.executor.runningPolls = 5;
    const requested = await proposeAndRequest(crashed);
    await approve(crashed, requested.id);
    await waitFor(async () => (await crashed.service.get(requested.id))?.operation?.polls === 2);
    const before = clock.now();
    const restarted = harness({ clock, directory, store: crashed.store, instanceId: 'bot-host-1', config: { pollSeconds: 15 } });
    restarted.executor.runningPolls = 0;
    await restarted.service.resumeInFlight();
    await restarted.service.settled();
    assert.equal((await restarted.service.get(requested.id))?.state, 'succeeded');
    assert.equal(clock.now() - before, 15_000); // one poll interval, no lease wait
    assert.equal(restarted.executor.starts.length, 0);
    await crashed.service.shutdown();
  });

  it('a crash between the POST and saving its answer: never re-POSTed; the outcome is read from the hub', async () => {
    const clock = fakeClock();
    const directory = fakeDirectory(makeHub());
    const crashed = harness({ clock, directory, instanceId: 'instance-old' });
    let answer = (): void => undefined;
    crashed.executor.startGate = new Promise((resolve) => {
      answer = resolve;
    });
    const requested = await proposeAndRequest(crashed);
    await approve(crashed, requested.id);
    await waitFor(() => crashed.executor.starts.length === 1);
    const inFlight = await crashed.service.get(requested.id);
    assert.equal(inFlight?.state, 'running');
    assert.equal(inFlight?.operation, null);

    const restarted = harness({ clock, directory, store: crashed.store, instanceId: 'instance-new' });
    await restarted.service.resumeInFlight();
    // ARM did run the failover: the hub's roles swap a few minutes later.
    await waitFor(() => directory.refreshes >= 3);
    directory.hub = swapped(directory.hub);
    await restarted.service.settled();
    const record = await restarted.service.get(requested.id);
    assert.equal(record?.state, 'succeeded');
    assert.equal(restarted.executor.starts.length, 0);
    assert.equal((await restarted.audit.latest(1))[0]?.detail, 'verified-from-hub-locations');

    // The old process's POST answer arrives late: it is ignored, nothing changes.
    answer();
    await crashed.service.shutdown();
    assert.equal((await restarted.service.get(requested.id))?.version, record?.version);
    assert.equal(crashed.executor.starts.length, 1);
  });

  it('…and if the hub never shows the failover, it ends failed with outcome unknown, still without a second POST', async () => {
    const clock = fakeClock();
    const directory = fakeDirectory(makeHub());
    const crashed = harness({ clock, directory, instanceId: 'instance-old' });
    crashed.executor.startGate = new Promise(() => undefined);
    const requested = await proposeAndRequest(crashed);
    await approve(crashed, requested.id);
    await waitFor(() => crashed.executor.starts.length === 1);
    const restarted = harness({ clock, directory, store: crashed.store, instanceId: 'instance-new', config: { maxRunMinutes: 30 } });
    await restarted.service.resumeInFlight();
    await restarted.service.settled();
    const record = await restarted.service.get(requested.id);
    assert.equal(record?.state, 'failed');
    assert.deepEqual(record?.failure, { kind: 'outcome-unknown', why: 'post-unanswered' });
    assert.equal(restarted.executor.starts.length, 0);
    assert.equal(restarted.notifier.announced.length, 1);
  });

  it('shutdown stops polling with the progress saved', async () => {
    const h = harness({ sleep: freezingSleep(fakeClock(), 1) });
    h.executor.runningPolls = 10;
    const requested = await proposeAndRequest(h);
    await approve(h, requested.id);
    await waitFor(async () => (await h.service.get(requested.id))?.operation?.polls === 2);
    await h.service.shutdown();
    const record = await h.service.get(requested.id);
    assert.equal(record?.state, 'running');
    assert.equal(record?.operation?.resumeToken, 'token-1');
  });
});

describe('failover service: the failback offer', () => {
  async function succeededFailover(h: Harness) {
    h.executor.onSucceeded = () => {
      h.directory.hub = swapped(h.directory.hub);
    };
    const requested = await proposeAndRequest(h);
    await h.service.attachCard(requested.id, 'activity-1');
    await approve(h, requested.id);
    await h.service.settled();
    const done = await h.service.get(requested.id);
    assert.equal(done?.state, 'succeeded');
    return done;
  }

  it('says when before the one-hour gap, then proposes one failback on the same message, whoever asks first', async () => {
    const h = harness();
    const failover = await succeededFailover(h);
    const early = await h.service.offerFailback({ failover, actor: carol });
    assert.equal(early.outcome, 'not-yet');
    assert.deepEqual(await h.service.failbackOffer(failover), { kind: 'from', at: early.outcome === 'not-yet' ? early.at : '' });

    h.clock.advance(HOUR);
    const [first, second] = await Promise.all([h.service.offerFailback({ failover, actor: carol }), h.service.offerFailback({ failover, actor: alice })]);
    const outcomes = [first.outcome, second.outcome].sort();
    assert.deepEqual(outcomes, ['nothing', 'proposed'], 'one proposal, the other click finds it');
    const proposed = first.outcome === 'proposed' ? first : second.outcome === 'proposed' ? second : null;
    assert.ok(proposed && proposed.outcome === 'proposed');
    assert.equal(proposed.failback.kind, 'failback');
    assert.equal(proposed.failback.conversation.cardActivityId, 'activity-1');
    assert.equal(proposed.failover.failbackRequestId, proposed.failback.id);

    const stored = await h.service.get(failover.id);
    assert.ok(stored);
    assert.deepEqual(await h.service.failbackOffer(stored), { kind: 'proposed', record: await h.service.get(proposed.failback.id) });
    // A later click proposes nothing more.
    assert.equal((await h.service.offerFailback({ failover: stored, actor: mallory })).outcome, 'nothing');
  });
});

describe("failover service: the demo's approver (demo mode only)", () => {
  const demoApproval = { approver: carol, delayMs: 5_000 };

  it('approves a request once its delay has passed, through the workflow, and the failover runs', async () => {
    const clock = fakeClock();
    const sleep = fakeSleep(clock);
    const h = harness({ demoApproval, clock, sleep });
    const requested = await proposeAndRequest(h);
    assert.equal(requested.state, 'requested', 'the click is answered with the request, not the approval');
    await h.service.settled();
    const done = await h.service.get(requested.id);
    assert.equal(done?.state, 'succeeded');
    assert.deepEqual(done?.approver, carol);
    assert.ok(sleep.slept.includes(5_000), 'the approval came after the announced delay');
    const approved = (await h.audit.latest(20)).filter((record) => record.kind === 'approved');
    assert.deepEqual(approved.map((record) => record.actor?.aadObjectId), [carol.aadObjectId], 'one approval, by the demo approver');
    assert.equal(h.executor.starts.length, 1);
  });

  it('never approves its own request, nor one decided meanwhile', async () => {
    const own = harness({ demoApproval });
    const byDemoApprover = await proposeAndRequest(own, carol);
    await own.service.settled();
    assert.equal((await own.service.get(byDemoApprover.id))?.state, 'requested', 'self-approval is refused to the demo approver too');
    assert.ok(own.logs.some((entry) => entry.event === 'failover.demo.approval' && entry.fields['outcome'] === 'self-approval'));

    // The requester cancels while the demo approver is still "reading" (her pause ends only when woken).
    let wake = (): void => undefined;
    const pause: Sleep = () =>
      new Promise<void>((resolve) => {
        wake = resolve;
      });
    const cancelled = harness({ demoApproval, sleep: pause });
    const requested = await proposeAndRequest(cancelled);
    await cancelled.service.act({ verb: 'failover.cancel', requestId: requested.id, actor: alice, conversationId: CONVERSATION, inputs: {} });
    wake();
    await cancelled.service.settled();
    assert.equal((await cancelled.service.get(requested.id))?.state, 'cancelled');
    assert.ok(cancelled.logs.some((entry) => entry.event === 'failover.demo.approval' && entry.fields['outcome'] === 'already-cancelled'));
    assert.equal(cancelled.executor.starts.length, 0);
  });

  it('a restarted demo approves the requests still waiting', async () => {
    const first = harness();
    const requested = await proposeAndRequest(first);
    await first.service.shutdown();
    const restarted = harness({ store: first.store, clock: first.clock, demoApproval });
    await restarted.service.resumeInFlight();
    await restarted.service.settled();
    assert.equal((await restarted.service.get(requested.id))?.approver?.aadObjectId, carol.aadObjectId);
  });

  it("without it (outside the demo), a request waits for an approver's own click", async () => {
    const h = harness();
    const requested = await proposeAndRequest(h);
    await h.service.settled();
    assert.equal((await h.service.get(requested.id))?.state, 'requested');
    assert.ok(!h.logs.some((entry) => entry.event.startsWith('failover.demo')));
    assert.equal((await approve(h, requested.id, bob)).outcome, 'ok');
  });
});
