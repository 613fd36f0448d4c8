// Property: whatever commands arrive, in whatever order and timing, the record stays consistent, only
// allowed edges are taken, terminal states stay terminal and there is never more than one start.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { FailoverProgress } from '#src/failover/ports.ts';
import type { Actor, FailoverRequest, FailoverState } from '#src/failover/types.ts';
import { isApprover, isTerminal, newProposal, recordProblems, sameActor, transition } from '#src/failover/workflow.ts';
import type { WorkflowCommand } from '#src/failover/workflow.ts';
import { APPROVERS, T0, alice, bob, carol, makeHub, mallory } from '#test/support/failover-fakes.ts';

const noAad: Actor = { id: '29:guest', name: 'Guest', aadObjectId: null };
const actor = fc.constantFrom(alice, bob, carol, mallory, noAad);
const runnerId = fc.constantFrom('runner-a', 'runner-b');
const text = fc.oneof({ arbitrary: fc.constant('region down'), weight: 6 }, fc.constantFrom('', '   ', 'x'.repeat(1001)));
const progress = (status: FailoverProgress['status']): fc.Arbitrary<FailoverProgress> =>
  fc.record({
    status: fc.constant(status),
    resumeToken: fc.string({ minLength: 1, maxLength: 8 }),
    armRequestId: fc.option(fc.constantFrom('arm-1', 'arm-2')),
    operationId: fc.option(fc.constantFrom('op-1', 'op-2')),
    errorMessage: fc.constant(null),
  });

const command: fc.Arbitrary<WorkflowCommand> = fc.oneof(
  fc.record({ type: fc.constant('request' as const), actor, justification: text }),
  fc.record({ type: fc.constant('approve' as const), actor }),
  fc.record({ type: fc.constant('reject' as const), actor, reason: text }),
  fc.record({ type: fc.constant('cancel' as const), actor }),
  fc.constant({ type: 'expire' as const }),
  fc.record({ type: fc.constant('start' as const), runnerId }),
  fc.record({ type: fc.constant('resume' as const), runnerId }),
  fc.record({ type: fc.constant('progress' as const), runnerId, progress: fc.oneof(progress('running'), progress('succeeded')) }),
  fc.record({ type: fc.constant('succeed' as const), runnerId, progress: fc.option(progress('succeeded')), detail: fc.constant(null) }),
  fc.record({
    type: fc.constant('fail' as const),
    runnerId,
    progress: fc.option(progress('failed')),
    cause: fc.constant({ kind: 'operation-failed' as const, message: null }),
  }),
  fc.constant<WorkflowCommand>({ type: 'refuse', checks: [] }),
);

// Mostly small steps (so requests get decided before they expire), sometimes big ones (expiry, lease takeover).
const advanceMs = fc.oneof({ arbitrary: fc.nat({ max: 90_000 }), weight: 8 }, { arbitrary: fc.nat({ max: 40 * 60_000 }), weight: 1 });
const step = fc.record({ command, advanceMs });

const ALLOWED: Record<FailoverState, FailoverState[]> = {
  proposed: ['requested', 'cancelled', 'expired'],
  requested: ['approved', 'rejected', 'cancelled', 'expired'],
  approved: ['running', 'cancelled', 'failed'],
  running: ['running', 'succeeded', 'failed'],
  succeeded: [],
  failed: [],
  rejected: [],
  expired: [],
  cancelled: [],
};

function initial(proposedBy: Actor | null): FailoverRequest {
  return newProposal({
    id: 'req-00000000000000001',
    revision: 'rev-1',
    hub: makeHub(),
    kind: 'failover',
    conversation: { id: 'conv', reference: null },
    locale: 'en',
    proposedBy,
    availabilityState: 'Unavailable',
    healthCheckedAt: null,
    now: T0,
    ttlMinutes: 30,
  });
}

describe('workflow state machine (property-based)', () => {
  it('random command sequences never produce an invalid record, a forbidden edge or a second start', () => {
    const reached = new Set<FailoverState>();
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 10, maxLength: 60, size: 'max' }),
        fc.constantFrom(APPROVERS, [], [bob.aadObjectId ?? '']),
        fc.option(actor),
        (steps, approvers, proposedBy) => {
          let record = initial(proposedBy);
          let now = T0;
          let starts = 0;
          for (const { command: cmd, advanceMs } of steps) {
            now += advanceMs;
            const result = transition(record, cmd, { now, approvers, ttlMinutes: 30, leaseMs: 60_000 });
            if (!result.ok) {
              if (isTerminal(record.state)) assert.equal(result.refusal, `already-${record.state}`);
              continue;
            }
            const next = result.next;
            assert.ok(!isTerminal(record.state), `a terminal ${record.state} accepted ${cmd.type}`);
            assert.ok(ALLOWED[record.state].includes(next.state), `forbidden edge ${record.state} -> ${next.state}`);
            assert.equal(next.version, record.version + 1);
            assert.deepEqual(recordProblems(next), []);
            if (cmd.type === 'start') starts++;
            if (cmd.type === 'approve') {
              assert.ok(isApprover(cmd.actor, approvers));
              assert.ok(!sameActor(cmd.actor, next.requester));
            }
            for (const entry of result.audit) assert.equal(entry.requestId, record.id);
            record = next;
            reached.add(next.state);
          }
          assert.ok(starts <= 1, `started ${starts} times`);
        },
      ),
      { numRuns: 3000 },
    );
    // The property is only worth something if the runs went everywhere.
    assert.deepEqual([...reached].sort(), Object.keys(ALLOWED).filter((state) => state !== 'proposed').sort());
  });
});
