import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FAILOVER_LIMITS, evaluateEligibility, expectedDurationMinutes, proposalFacts } from '#src/failover/policy.ts';
import type { FailoverEligibility } from '#src/failover/types.ts';
import { HOUR, MINUTE, T0, makeHub } from '#test/support/failover-fakes.ts';

const iso = (ms: number): string => new Date(ms).toISOString();
const noFacts = { now: T0, successes: [], running: [] };

function reasonsOf(result: FailoverEligibility): string[] {
  return result.possible ? [] : result.reasons;
}

describe('evaluateEligibility: hub facts', () => {
  it('allows an active hub with a secondary location, DR enabled, nothing running, no history', () => {
    assert.deepEqual(evaluateEligibility(makeHub(), 'failover', noFacts), { possible: true });
  });

  it('refuses a hub without a secondary location', () => {
    const hub = makeHub({ locations: [{ location: 'Brazil South', role: 'primary' }] });
    assert.deepEqual(reasonsOf(evaluateEligibility(hub, 'failover', noFacts)), ['no-secondary']);
  });

  it('refuses a hub with disaster recovery disabled', () => {
    assert.deepEqual(reasonsOf(evaluateEligibility(makeHub({ drDisabled: true }), 'failover', noFacts)), ['dr-disabled']);
  });

  it('refuses a hub that is not Active (any case of "active" is fine)', () => {
    assert.deepEqual(reasonsOf(evaluateEligibility(makeHub({ state: 'Transitioning' }), 'failover', noFacts)), ['hub-not-active']);
    assert.deepEqual(evaluateEligibility(makeHub({ state: 'active' }), 'failover', noFacts), { possible: true });
  });

  it('refuses while another failover runs for the hub and names it', () => {
    const result = evaluateEligibility(makeHub(), 'failover', { ...noFacts, running: [{ requestId: 'req-other-0000000' }] });
    assert.equal(result.possible, false);
    assert.ok(!result.possible);
    assert.deepEqual(result.reasons, ['failover-running']);
    assert.equal(result.details.runningRequestId, 'req-other-0000000');
  });

  it('lists every reason that applies', () => {
    const hub = makeHub({ locations: [], drDisabled: true, state: 'Suspended' });
    assert.deepEqual(reasonsOf(evaluateEligibility(hub, 'failover', { ...noFacts, running: [{ requestId: 'x' }] })), [
      'no-secondary',
      'dr-disabled',
      'hub-not-active',
      'failover-running',
    ]);
  });
});

describe('evaluateEligibility: one hour between any two', () => {
  const last = T0 - 10 * HOUR;
  const facts = (now: number) => ({ now, successes: [{ at: iso(last), kind: 'failover' as const }], running: [] });

  it('1 ms before the hour: cooldown, available exactly one hour after the last one', () => {
    const result = evaluateEligibility(makeHub(), 'failback', facts(last + HOUR - 1));
    assert.ok(!result.possible);
    assert.deepEqual(result.reasons, ['cooldown']);
    assert.equal(result.details.availableAt, iso(last + HOUR));
    assert.equal(result.details.lastSuccessAt, iso(last));
  });

  it('at exactly one hour: allowed', () => {
    assert.deepEqual(evaluateEligibility(makeHub(), 'failback', facts(last + HOUR)), { possible: true });
  });

  it('1 ms after: allowed', () => {
    assert.deepEqual(evaluateEligibility(makeHub(), 'failback', facts(last + HOUR + 1)), { possible: true });
  });

  it('applies across kinds (a failback right after a failover is refused)', () => {
    assert.deepEqual(reasonsOf(evaluateEligibility(makeHub(), 'failover', facts(last + 30 * MINUTE))), ['cooldown']);
  });
});

describe('evaluateEligibility: 2 failovers and 2 failbacks per 24 h', () => {
  const first = T0 - 20 * HOUR;
  const second = T0 - 5 * HOUR;
  const twoFailovers = [
    { at: iso(first), kind: 'failover' as const },
    { at: iso(second), kind: 'failover' as const },
  ];

  it('a third failover within 24 h is refused, available when the first leaves the window', () => {
    const result = evaluateEligibility(makeHub(), 'failover', { now: T0, successes: twoFailovers, running: [] });
    assert.ok(!result.possible);
    assert.deepEqual(result.reasons, ['daily-limit']);
    assert.equal(result.details.failoversLast24h, 2);
    assert.equal(result.details.failbacksLast24h, 0);
    assert.equal(result.details.availableAt, iso(first + FAILOVER_LIMITS.windowMs));
  });

  it('failbacks are counted separately: a failback is still allowed', () => {
    assert.deepEqual(evaluateEligibility(makeHub(), 'failback', { now: T0, successes: twoFailovers, running: [] }), { possible: true });
  });

  it('the window boundary is exact: 1 ms before 24 h the first still counts, at 24 h it does not', () => {
    const before = evaluateEligibility(makeHub(), 'failover', { now: first + FAILOVER_LIMITS.windowMs - 1, successes: twoFailovers, running: [] });
    assert.deepEqual(reasonsOf(before), ['daily-limit']);
    assert.deepEqual(evaluateEligibility(makeHub(), 'failover', { now: first + FAILOVER_LIMITS.windowMs, successes: twoFailovers, running: [] }), {
      possible: true,
    });
  });

  it('two failbacks block a third failback but not a failover', () => {
    const failbacks = [
      { at: iso(T0 - 10 * HOUR), kind: 'failback' as const },
      { at: iso(T0 - 3 * HOUR), kind: 'failback' as const },
    ];
    assert.deepEqual(reasonsOf(evaluateEligibility(makeHub(), 'failback', { now: T0, successes: failbacks, running: [] })), ['daily-limit']);
    assert.deepEqual(evaluateEligibility(makeHub(), 'failover', { now: T0, successes: failbacks, running: [] }), { possible: true });
  });

  it('with both a limit and a cooldown, available when both have lifted', () => {
    const successes = [
      { at: iso(T0 - 23.5 * HOUR), kind: 'failover' as const },
      { at: iso(T0 - 30 * MINUTE), kind: 'failover' as const },
    ];
    const result = evaluateEligibility(makeHub(), 'failover', { now: T0, successes, running: [] });
    assert.ok(!result.possible);
    assert.deepEqual(result.reasons, ['daily-limit', 'cooldown']);
    assert.equal(result.details.availableAt, iso(T0 + 30 * MINUTE));
  });
});

describe('proposal facts', () => {
  it('targets the secondary location and comes from the primary', () => {
    const facts = proposalFacts(makeHub(), 'failover');
    assert.equal(facts.targetRegion, 'North Europe');
    assert.equal(facts.sourceRegion, 'West Europe');
    assert.equal(facts.dataLoss.unreadDeviceToCloud, 'all');
    assert.equal(facts.dataLoss.registryTwinC2dJobsMinutes, 5);
    assert.ok(facts.afterSteps.includes('update-builtin-endpoint-consumers'));
    assert.ok(facts.afterSteps.includes('dns-propagation'));
    assert.equal(facts.cooldownMinutes, 60);
  });

  it('estimates ~15 min per 100,000 devices within 10 min..2 h, and gives only the range when the count is unknown', () => {
    assert.equal(expectedDurationMinutes(100_000), 15);
    assert.equal(expectedDurationMinutes(250_000), 38);
    assert.equal(expectedDurationMinutes(1_000), 10);
    assert.equal(expectedDurationMinutes(5_000_000), 120);
    assert.equal(expectedDurationMinutes(null), null);
    const unknown = proposalFacts(makeHub({ deviceCount: null }), 'failback');
    assert.deepEqual(unknown.duration, { minMinutes: 10, maxMinutes: 120, estimateMinutes: null, deviceCount: null });
    assert.ok(!unknown.afterSteps.includes('failback-after-cooldown'));
  });
});
