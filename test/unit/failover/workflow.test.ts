import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FailoverProgress } from '#src/failover/ports.ts';
import type { FailoverEligibility } from '#src/failover/types.ts';
import type { Actor, FailoverRequest, RefusalReason } from '#src/failover/types.ts';
import {
  JUSTIFICATION_MAX_LENGTH,
  UNREAD_TEXT_FACTOR,
  eligibleApprovers,
  isDue,
  newProposal,
  recordProblems,
  transition,
} from '#src/failover/workflow.ts';
import type { WorkflowCommand, WorkflowContext } from '#src/failover/workflow.ts';
import { APPROVERS, APPROVER_BOB, MINUTE, T0, alice, bob, carol, makeHub, mallory } from '#test/support/failover-fakes.ts';

const TTL = 30;
const LEASE = 60_000;
const iso = (ms: number): string => new Date(ms).toISOString();

function ctx(now: number, extra: Partial<WorkflowContext> = {}): WorkflowContext {
  return { now, approvers: APPROVERS, ttlMinutes: TTL, leaseMs: LEASE, ...extra };
}

function proposal(now = T0): FailoverRequest {
  return newProposal({
    id: 'req-00000000000000001',
    revision: 'rev-1',
    hub: makeHub(),
    kind: 'failover',
    conversation: { id: '19:channel@thread.tacv2;messageid=1', reference: { conversation: { id: 'x' } } },
    locale: 'en',
    proposedBy: alice,
    availabilityState: 'Unavailable',
    healthCheckedAt: iso(now),
    now,
    ttlMinutes: TTL,
  });
}

function apply(record: FailoverRequest, command: WorkflowCommand, context: WorkflowContext = ctx(T0)): FailoverRequest {
  const result = transition(record, command, context);
  if (!result.ok) throw new Error(`refused: ${result.refusal}`);
  assert.deepEqual(recordProblems(result.next), [], 'transition produced an inconsistent record');
  return result.next;
}

function refusal(record: FailoverRequest, command: WorkflowCommand, context: WorkflowContext = ctx(T0)): RefusalReason {
  const result = transition(record, command, context);
  assert.equal(result.ok, false, `expected a refusal for ${command.type} in ${record.state}`);
  return result.ok ? 'not-found' : result.refusal;
}

const progress = (status: FailoverProgress['status'], token: string, armRequestId = 'arm-1'): FailoverProgress => ({
  status,
  resumeToken: token,
  armRequestId,
  operationId: 'op-1',
  errorMessage: status === 'failed' ? 'it broke' : null,
});

const requested = (by: Actor = alice, at = T0): FailoverRequest => apply(proposal(at), { type: 'request', actor: by, justification: 'West Europe down, 500s' }, ctx(at));
const approved = (): FailoverRequest => apply(requested(), { type: 'approve', actor: bob });
const running = (runnerId = 'runner-a'): FailoverRequest => apply(approved(), { type: 'start', runnerId });

const ineligible: FailoverEligibility = {
  possible: false,
  reasons: ['cooldown'],
  details: { hubState: 'Active', availableAt: null, runningRequestId: null, failoversLast24h: 1, failbacksLast24h: 0, lastSuccessAt: null },
};

describe('proposal', () => {
  it('starts proposed, targets the secondary region, expires after the TTL', () => {
    const record = proposal();
    assert.equal(record.state, 'proposed');
    assert.equal(record.version, 1);
    assert.equal(record.failoverRegion, 'North Europe');
    assert.equal(record.hub.primaryLocation, 'West Europe');
    assert.equal(record.expiresAt, iso(T0 + TTL * MINUTE));
    assert.deepEqual(recordProblems(record), []);
  });

  it('cannot be made for a hub without a secondary', () => {
    assert.throws(() =>
      newProposal({
        id: 'req-00000000000000002',
        revision: 'rev-1',
        hub: makeHub({ locations: [{ location: 'Brazil South', role: 'primary' }] }),
        kind: 'failover',
        conversation: { id: 'c', reference: null },
        locale: 'en',
        proposedBy: null,
        availabilityState: null,
        healthCheckedAt: null,
        now: T0,
        ttlMinutes: TTL,
      }),
    );
  });
});

describe('request', () => {
  it('anyone may request with a justification; the TTL restarts at the request', () => {
    const later = T0 + 10 * MINUTE;
    const result = transition(proposal(), { type: 'request', actor: mallory, justification: '  region outage  ' }, ctx(later));
    assert.ok(result.ok);
    assert.equal(result.next.state, 'requested');
    assert.equal(result.next.version, 2);
    assert.deepEqual(result.next.requester, mallory);
    assert.equal(result.next.justification, 'region outage');
    assert.equal(result.next.requestedAt, iso(later));
    assert.equal(result.next.expiresAt, iso(later + TTL * MINUTE));
    assert.equal(result.audit.length, 1);
    assert.equal(result.audit[0]?.kind, 'requested');
    assert.equal(result.audit[0]?.justification, 'region outage');
    assert.deepEqual(result.audit[0]?.actor, { name: 'Mallory', aadObjectId: mallory.aadObjectId });
    assert.equal(result.audit[0]?.hubId, makeHub().id);
    assert.deepEqual(result.next.history.map((h) => h.event), ['requested']);
  });

  it('needs a non-empty justification of bounded length', () => {
    assert.equal(refusal(proposal(), { type: 'request', actor: alice, justification: '' }), 'justification-required');
    assert.equal(refusal(proposal(), { type: 'request', actor: alice, justification: ' \n\t ' }), 'justification-required');
    assert.equal(refusal(proposal(), { type: 'request', actor: alice, justification: 'x'.repeat(JUSTIFICATION_MAX_LENGTH + 1) }), 'justification-too-long');
    assert.equal(apply(proposal(), { type: 'request', actor: alice, justification: 'x'.repeat(JUSTIFICATION_MAX_LENGTH) }).state, 'requested');
  });

  it('is refused when the hub is not eligible', () => {
    assert.equal(refusal(proposal(), { type: 'request', actor: alice, justification: 'go' }, ctx(T0, { eligibility: ineligible })), 'ineligible');
  });

  it('a second request (double click) is a no-op refusal', () => {
    assert.equal(refusal(requested(), { type: 'request', actor: alice, justification: 'again' }), 'already-requested');
  });

  it('a proposal expires at expiresAt exactly', () => {
    const record = proposal();
    const at = Date.parse(record.expiresAt);
    assert.equal(apply(record, { type: 'request', actor: alice, justification: 'go' }, ctx(at - 1)).state, 'requested');
    assert.equal(refusal(record, { type: 'request', actor: alice, justification: 'go' }, ctx(at)), 'expired');
  });
});

describe('approve', () => {
  it('an approver approves someone else’s request', () => {
    const result = transition(requested(), { type: 'approve', actor: bob }, ctx(T0 + MINUTE));
    assert.ok(result.ok);
    assert.equal(result.next.state, 'approved');
    assert.deepEqual(result.next.approver, bob);
    assert.equal(result.next.decidedAt, iso(T0 + MINUTE));
    assert.deepEqual(result.audit.map((a) => [a.kind, a.actor?.name]), [['approved', 'Bob']]);
  });

  it('approver ids compare case-insensitively', () => {
    const upper: Actor = { ...bob, aadObjectId: APPROVER_BOB.toUpperCase() };
    assert.equal(apply(requested(), { type: 'approve', actor: upper }).state, 'approved');
  });

  it('a non-approver is refused, and so is a user without an Entra id', () => {
    assert.equal(refusal(requested(), { type: 'approve', actor: mallory }), 'not-an-approver');
    assert.equal(refusal(requested(), { type: 'approve', actor: { id: '29:x', name: 'X', aadObjectId: null } }), 'not-an-approver');
  });

  it('an empty approver list means nobody can approve', () => {
    assert.equal(refusal(requested(), { type: 'approve', actor: bob }, ctx(T0, { approvers: [] })), 'no-approvers-configured');
    assert.equal(refusal(requested(), { type: 'reject', actor: bob, reason: 'no' }, ctx(T0, { approvers: [] })), 'no-approvers-configured');
  });

  it('the requester can never approve their own request, even as an approver', () => {
    const own = requested(bob);
    assert.equal(refusal(own, { type: 'approve', actor: bob }), 'self-approval');
    // Same person seen without an Entra id on one side: matched by Teams id.
    const sameTeamsId = requested({ id: '29:bob', name: 'Bob', aadObjectId: null });
    assert.equal(refusal(sameTeamsId, { type: 'approve', actor: { ...bob, aadObjectId: null } }, ctx(T0, { approvers: APPROVERS })), 'not-an-approver');
    assert.equal(apply(own, { type: 'approve', actor: carol }).state, 'approved');
  });

  it('cannot approve a proposal nobody requested', () => {
    assert.equal(refusal(proposal(), { type: 'approve', actor: bob }), 'not-requested');
  });

  it('a second approval (double click, Teams retry, second approver) is already-approved', () => {
    const record = approved();
    assert.equal(refusal(record, { type: 'approve', actor: bob }), 'already-approved');
    assert.equal(refusal(record, { type: 'approve', actor: carol }), 'already-approved');
  });

  it('is refused when the hub is not eligible', () => {
    assert.equal(refusal(requested(), { type: 'approve', actor: bob }, ctx(T0, { eligibility: ineligible })), 'ineligible');
  });
});

describe('expiry at the exact boundary', () => {
  const record = requested(alice, T0);
  const expiresAt = Date.parse(record.expiresAt);

  it('1 ms before expiresAt: approvable, not due', () => {
    assert.equal(isDue(record, expiresAt - 1), false);
    assert.equal(apply(record, { type: 'approve', actor: bob }, ctx(expiresAt - 1)).state, 'approved');
    assert.equal(refusal(record, { type: 'expire' }, ctx(expiresAt - 1)), 'not-due');
  });

  it('at expiresAt: expired (approve refused, expire applies)', () => {
    assert.equal(isDue(record, expiresAt), true);
    assert.equal(refusal(record, { type: 'approve', actor: bob }, ctx(expiresAt)), 'expired');
    assert.equal(refusal(record, { type: 'reject', actor: bob, reason: 'late' }, ctx(expiresAt)), 'expired');
    const result = transition(record, { type: 'expire' }, ctx(expiresAt));
    assert.ok(result.ok);
    assert.equal(result.next.state, 'expired');
    assert.equal(result.next.finishedAt, iso(expiresAt));
    assert.deepEqual(result.audit.map((a) => [a.kind, a.actor]), [['expired', null]]);
  });

  it('1 ms after: expired', () => {
    assert.equal(apply(record, { type: 'expire' }, ctx(expiresAt + 1)).state, 'expired');
    assert.equal(refusal(record, { type: 'approve', actor: bob }, ctx(expiresAt + 1)), 'expired');
  });

  it('approved requests do not expire', () => {
    assert.equal(refusal(approved(), { type: 'expire' }, ctx(expiresAt + 1)), 'already-approved');
  });
});

describe('reject', () => {
  it('an approver rejects with a reason', () => {
    const result = transition(requested(), { type: 'reject', actor: carol, reason: ' not an outage ' }, ctx(T0));
    assert.ok(result.ok);
    assert.equal(result.next.state, 'rejected');
    assert.equal(result.next.rejectReason, 'not an outage');
    assert.deepEqual(result.next.rejectedBy, carol);
    assert.deepEqual(result.audit.map((a) => [a.kind, a.reason]), [['rejected', 'not an outage']]);
  });

  it('needs a reason, an approver, and a pending request', () => {
    assert.equal(refusal(requested(), { type: 'reject', actor: carol, reason: '  ' }), 'reason-required');
    assert.equal(refusal(requested(), { type: 'reject', actor: mallory, reason: 'no' }), 'not-an-approver');
    assert.equal(refusal(proposal(), { type: 'reject', actor: carol, reason: 'no' }), 'not-requested');
    assert.equal(refusal(approved(), { type: 'reject', actor: carol, reason: 'no' }), 'already-approved');
  });
});

describe('typed text is redacted before it is validated, stored or audited', () => {
  const KEY = 'q2Zk3uT4mVb9WcXyA1sD5fG7hJ8kL0pO9iU8yT7rE6w=';
  const CONNECTION_STRING = `HostName=contoso-hub.azure-devices.net;DeviceId=gateway-7;SharedAccessKey=${KEY}`;
  const SAS_TOKEN = 'SharedAccessSignature sr=contoso-hub.azure-devices.net&sig=Lr6XYkF4nWkQ1d8d1bOqkQq1K5g7u0Gx5m0F2xJkPmE%3D&se=1798761600';
  const withoutSecrets = (value: unknown): void => {
    const text = JSON.stringify(value);
    assert.equal(text.includes(KEY) || text.includes('Lr6XYkF4nWkQ'), false, text);
  };

  it('a justification holding only a secret is refused as empty, with its own reason; a reject reason too', () => {
    assert.equal(refusal(proposal(), { type: 'request', actor: alice, justification: CONNECTION_STRING }), 'justification-only-secret');
    assert.equal(refusal(proposal(), { type: 'request', actor: alice, justification: `  ${SAS_TOKEN}  ` }), 'justification-only-secret');
    assert.equal(refusal(requested(), { type: 'reject', actor: carol, reason: SAS_TOKEN }), 'reason-only-secret');
  });

  it('the record, the history and the audit draft hold the redacted justification and which kinds were removed', () => {
    const result = transition(proposal(), { type: 'request', actor: alice, justification: `Gateways down, tried ${CONNECTION_STRING}` }, ctx(T0));
    assert.ok(result.ok);
    assert.equal(result.next.justification, 'Gateways down, tried HostName=contoso-hub.azure-devices.net;DeviceId=gateway-7;SharedAccessKey=[REDACTED]');
    assert.deepEqual(result.next.secretsRemoved, { justification: ['shared-access-key'], reason: [] });
    assert.equal(result.audit[0]?.justification, result.next.justification);
    assert.equal(result.audit[0]?.detail, 'secrets-removed:shared-access-key');
    withoutSecrets(result);
    const approval = transition(result.next, { type: 'approve', actor: bob }, ctx(T0));
    assert.ok(approval.ok);
    withoutSecrets(approval);
  });

  it('a reject reason is redacted the same way, and the justification’s removal is kept', () => {
    const asked = apply(proposal(), { type: 'request', actor: alice, justification: `Gateways down, tried ${CONNECTION_STRING}` });
    const result = transition(asked, { type: 'reject', actor: carol, reason: `Works for me with ${SAS_TOKEN}` }, ctx(T0));
    assert.ok(result.ok);
    assert.match(result.next.rejectReason ?? '', /^Works for me with SharedAccessSignature sr=contoso-hub\.azure-devices\.net&sig=\[REDACTED\]&se=1798761600$/);
    assert.deepEqual(result.next.secretsRemoved, { justification: ['shared-access-key'], reason: ['sas-signature'] });
    assert.deepEqual(result.audit.map((draft) => [draft.reason, draft.detail]), [[result.next.rejectReason, 'secrets-removed:sas-signature']]);
    withoutSecrets(result);
  });

  it('the length limit applies to the redacted text; text far over it is refused unread', () => {
    // 970 characters and a key: 1031 typed, 997 once the key is redacted.
    const long = `${'x'.repeat(970)} SharedAccessKey=${KEY}`;
    assert.ok(long.length > JUSTIFICATION_MAX_LENGTH);
    assert.equal(apply(proposal(), { type: 'request', actor: alice, justification: long }).justification?.length, 997);
    assert.equal(refusal(proposal(), { type: 'request', actor: alice, justification: `SharedAccessKey=${'a'.repeat(JUSTIFICATION_MAX_LENGTH * UNREAD_TEXT_FACTOR)}` }), 'justification-too-long');
  });

  it('every audit draft names the conversation of the request', () => {
    const result = transition(proposal(), { type: 'request', actor: alice, justification: 'go' }, ctx(T0));
    assert.ok(result.ok);
    assert.deepEqual(result.audit.map((draft) => draft.conversationId), ['19:channel@thread.tacv2;messageid=1']);
  });
});

describe('cancel', () => {
  it('the requester or an approver may cancel before running; nobody else', () => {
    assert.equal(apply(requested(), { type: 'cancel', actor: alice }).state, 'cancelled');
    assert.equal(apply(requested(), { type: 'cancel', actor: carol }).state, 'cancelled');
    assert.equal(refusal(requested(), { type: 'cancel', actor: mallory }), 'not-allowed-to-cancel');
    assert.equal(apply(approved(), { type: 'cancel', actor: alice }).state, 'cancelled');
    assert.equal(refusal(running(), { type: 'cancel', actor: alice }), 'already-running');
  });

  it('a proposal may be dismissed by who proposed it or an approver', () => {
    assert.equal(apply(proposal(), { type: 'cancel', actor: alice }).state, 'cancelled');
    assert.equal(apply(proposal(), { type: 'cancel', actor: bob }).state, 'cancelled');
    assert.equal(refusal(proposal(), { type: 'cancel', actor: mallory }), 'not-allowed-to-cancel');
  });

  it('writes who cancelled to the audit', () => {
    const result = transition(requested(), { type: 'cancel', actor: alice }, ctx(T0));
    assert.ok(result.ok);
    assert.deepEqual(result.audit.map((a) => [a.kind, a.actor?.name]), [['cancelled', 'Alice']]);
  });
});

describe('runner commands', () => {
  it('start claims an approved request once', () => {
    const record = running('runner-a');
    assert.equal(record.state, 'running');
    assert.equal(record.operation, null);
    assert.deepEqual(record.claim, { runnerId: 'runner-a', until: iso(T0 + LEASE) });
    assert.equal(refusal(record, { type: 'start', runnerId: 'runner-b' }), 'already-running');
    assert.equal(refusal(requested(), { type: 'start', runnerId: 'runner-a' }), 'not-approved');
  });

  it('the first progress audits the start with the ARM ids; later ones renew the lease silently', () => {
    const first = transition(running(), { type: 'progress', runnerId: 'runner-a', progress: progress('running', 't0', 'arm-post') }, ctx(T0 + 1000));
    assert.ok(first.ok);
    assert.deepEqual(first.audit.map((a) => [a.kind, a.armRequestId, a.operationId]), [['started', 'arm-post', 'op-1']]);
    assert.equal(first.next.operation?.resumeToken, 't0');
    assert.equal(first.next.operation?.polls, 1);
    const second = transition(first.next, { type: 'progress', runnerId: 'runner-a', progress: progress('running', 't1', 'arm-poll') }, ctx(T0 + 20_000));
    assert.ok(second.ok);
    assert.deepEqual(second.audit, []);
    assert.equal(second.next.operation?.resumeToken, 't1');
    assert.equal(second.next.operation?.polls, 2);
    assert.equal(second.next.claim?.until, iso(T0 + 20_000 + LEASE));
  });

  it('only the claim owner may report; a status other than running is not progress', () => {
    assert.equal(refusal(running('runner-a'), { type: 'progress', runnerId: 'runner-b', progress: progress('running', 't') }), 'not-owner');
    assert.equal(refusal(running('runner-a'), { type: 'progress', runnerId: 'runner-a', progress: progress('succeeded', 't') }), 'invalid-progress');
    assert.equal(refusal(approved(), { type: 'progress', runnerId: 'runner-a', progress: progress('running', 't') }), 'not-running');
  });

  it('another runner takes over only when the lease has run out', () => {
    const record = running('runner-a');
    assert.equal(refusal(record, { type: 'resume', runnerId: 'runner-b' }, ctx(T0 + LEASE - 1)), 'lease-held');
    assert.equal(apply(record, { type: 'resume', runnerId: 'runner-b' }, ctx(T0 + LEASE)).claim?.runnerId, 'runner-b');
    assert.equal(apply(record, { type: 'resume', runnerId: 'runner-a' }, ctx(T0 + 1)).claim?.until, iso(T0 + 1 + LEASE));
  });

  it('succeed and fail end the run and release the claim', () => {
    const started = apply(running(), { type: 'progress', runnerId: 'runner-a', progress: progress('running', 't0') });
    const ok = transition(started, { type: 'succeed', runnerId: 'runner-a', progress: progress('succeeded', 't9', 'arm-9'), detail: null }, ctx(T0 + HOUR_MS));
    assert.ok(ok.ok);
    assert.equal(ok.next.state, 'succeeded');
    assert.equal(ok.next.claim, null);
    assert.equal(ok.next.finishedAt, iso(T0 + HOUR_MS));
    assert.deepEqual(ok.audit.map((a) => [a.kind, a.armRequestId]), [['succeeded', 'arm-9']]);

    const bad = transition(started, { type: 'fail', runnerId: 'runner-a', progress: progress('failed', 't9'), cause: { kind: 'operation-failed', message: 'it broke' } }, ctx(T0));
    assert.ok(bad.ok);
    assert.equal(bad.next.state, 'failed');
    assert.deepEqual(bad.next.failure, { kind: 'operation-failed', message: 'it broke' });
    assert.deepEqual(bad.audit.map((a) => [a.kind, a.reason]), [['failed', 'it broke']]);
  });

  it('a POST answered at once with success audits both the start and the success', () => {
    const result = transition(running(), { type: 'succeed', runnerId: 'runner-a', progress: progress('succeeded', 't0', 'arm-post'), detail: null }, ctx(T0));
    assert.ok(result.ok);
    assert.deepEqual(result.audit.map((a) => a.kind), ['started', 'succeeded']);
  });

  it('an ARM rejection keeps the ARM request id in the audit', () => {
    const result = transition(
      running(),
      { type: 'fail', runnerId: 'runner-a', progress: null, cause: { kind: 'arm-rejected', statusCode: 400, armCode: 'Bad', armRequestId: 'arm-x', message: 'nope' } },
      ctx(T0),
    );
    assert.ok(result.ok);
    assert.deepEqual(result.audit.map((a) => [a.kind, a.armRequestId, a.reason]), [['failed', 'arm-x', 'nope']]);
  });

  it('refuse turns an approved request into failed with the checks that failed', () => {
    const checks = [{ kind: 'hub-changed' as const, primaryLocation: 'North Europe', secondaryLocation: 'West Europe' }];
    const result = transition(approved(), { type: 'refuse', checks }, ctx(T0));
    assert.ok(result.ok);
    assert.equal(result.next.state, 'failed');
    assert.deepEqual(result.next.failure, { kind: 'refused', checks });
    assert.deepEqual(result.audit.map((a) => [a.kind, a.reason]), [['refused', 'hub-changed']]);
    assert.equal(refusal(running(), { type: 'refuse', checks }), 'already-running');
  });
});

const HOUR_MS = 60 * MINUTE;

describe('terminal states accept nothing', () => {
  const terminals: FailoverRequest[] = [
    apply(approved(), { type: 'cancel', actor: alice }),
    apply(requested(), { type: 'reject', actor: bob, reason: 'no' }),
    apply(requested(), { type: 'expire' }, ctx(T0 + TTL * MINUTE)),
    apply(running(), { type: 'succeed', runnerId: 'runner-a', progress: null, detail: null }),
    apply(running(), { type: 'fail', runnerId: 'runner-a', progress: null, cause: { kind: 'outcome-unknown', why: 'post-unanswered' } }),
  ];
  const commands: WorkflowCommand[] = [
    { type: 'request', actor: alice, justification: 'x' },
    { type: 'approve', actor: bob },
    { type: 'reject', actor: bob, reason: 'x' },
    { type: 'cancel', actor: alice },
    { type: 'expire' },
    { type: 'start', runnerId: 'runner-a' },
    { type: 'resume', runnerId: 'runner-a' },
    { type: 'progress', runnerId: 'runner-a', progress: progress('running', 't') },
    { type: 'succeed', runnerId: 'runner-a', progress: null, detail: null },
    { type: 'fail', runnerId: 'runner-a', progress: null, cause: { kind: 'operation-failed', message: null } },
    { type: 'refuse', checks: [] },
  ];
  for (const record of terminals) {
    it(`${record.state}: every command answers already-${record.state}`, () => {
      for (const command of commands) assert.equal(refusal(record, command, ctx(T0 + 10 * HOUR_MS)), `already-${record.state}`);
    });
  }
});

describe('approvers shown the buttons', () => {
  it('are the approvers minus the requester', () => {
    assert.deepEqual(eligibleApprovers(requested(bob), APPROVERS), APPROVERS.filter((id) => id !== APPROVER_BOB));
    assert.deepEqual(eligibleApprovers(requested(alice), APPROVERS), APPROVERS);
  });
});
