import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import type { AzureEdgeOptions } from '#src/azure/index.ts';
import type { Hub, HubHealthResult } from '#src/diagnosis/hub.ts';
import { TEST_RESOURCE_GROUP as RG, TEST_SUBSCRIPTION_ID as SUB, type ArmSimulator, type FaultSpec, type ScenarioDefinition } from '#src/sim/index.ts';
import { edgeFor, fakeTime, hubNamed, startSimulator } from '#test/support/azure.ts';

function healthOf(result: HubHealthResult) {
  assert.equal(result.ok, true, result.ok ? '' : `${result.reason}: ${result.detail}`);
  if (!result.ok) throw new Error('unreachable');
  return result;
}

function failureOf(result: HubHealthResult) {
  assert.equal(result.ok, false, 'expected a failure');
  if (result.ok) throw new Error('unreachable');
  return result;
}

const healthRequests = (sim: ArmSimulator): number => sim.countRequests({ route: 'health.current' });

describe('HealthSource: health states', () => {
  it('Available, with no event', async (t) => {
    const sim = await startSimulator(t, 'healthy');
    const edge = edgeFor(sim);
    const hub = await hubNamed(edge, 'contoso-iot');
    const result = healthOf(await edge.health.current(hub));
    assert.equal(result.health.availabilityState, 'Available');
    assert.equal(result.health.reasonType, '');
    assert.equal(result.health.recentlyResolved, null);
    assert.ok(result.health.since && !Number.isNaN(Date.parse(result.health.since)), 'occuredTime read');
    assert.ok(result.health.reportedTime);
    assert.deepEqual(result.events, []);
    assert.equal(result.hub.id, hub.id);
    const [request] = sim.requests.filter((entry) => entry.route === 'health.current');
    assert.ok(request?.path.startsWith('/subscriptions/'), `single leading slash: ${request?.path}`);
    assert.match(request?.query ?? '', /\$expand=recommendedactions/);
  });

  it('Unavailable, with the active IoT Hub event of its region', async (t) => {
    const sim = await startSimulator(t, 'outage');
    const edge = edgeFor(sim);
    const result = healthOf(await edge.health.current(await hubNamed(edge, 'contoso-iot')));
    assert.equal(result.health.availabilityState, 'Unavailable');
    assert.equal(result.health.reasonType, 'Unplanned');
    assert.equal(result.events.length, 1);
    const [event] = result.events;
    assert.equal(event?.trackingId, 'SIM1-IOT');
    assert.equal(event?.status, 'Active');
    assert.equal(event?.eventType, 'ServiceIssue');
    assert.deepEqual(event?.regions, ['West US']);
    assert.ok(event?.impactStart && event.lastUpdate);
    const other = healthOf(await edge.health.current(await hubNamed(edge, 'contoso-iot-eu')));
    assert.equal(other.health.availabilityState, 'Available');
    assert.deepEqual(other.events, [], 'the West US event does not concern a North Europe hub');
  });

  it('Degraded and Unknown', async (t) => {
    const sim = await startSimulator(t, 'degraded');
    const edge = edgeFor(sim);
    const hub = await hubNamed(edge, 'contoso-iot');
    assert.equal(healthOf(await edge.health.current(hub)).health.availabilityState, 'Degraded');
    sim.setHealth('contoso-iot', 'Unknown');
    assert.equal(healthOf(await edge.health.current(hub, { fresh: true })).health.availabilityState, 'Unknown');
  });

  it('recently resolved after an outage', async (t) => {
    const sim = await startSimulator(t, 'recovering');
    const edge = edgeFor(sim);
    const result = healthOf(await edge.health.current(await hubNamed(edge, 'contoso-iot')));
    assert.equal(result.health.availabilityState, 'Available');
    assert.ok(result.health.recentlyResolved);
    assert.ok(result.health.recentlyResolved.resolvedAt);
    assert.ok(result.health.recentlyResolved.unavailableSince);
    assert.match(result.health.recentlyResolved.summary, /unavailable/);
    assert.deepEqual(result.events, [], 'the resolved event is not shown as active');
  });
});

describe('HealthSource: Service Health events', () => {
  const scenario: ScenarioDefinition = {
    name: 'events',
    pageSize: 2,
    hubs: [{ subscriptionId: SUB, resourceGroup: RG, name: 'contoso-iot', primaryLocation: 'West US', secondaryLocation: 'East US' }],
    events: [
      { trackingId: 'IOT-WEST', title: 'IoT Hub West US', regions: ['West US'] },
      { trackingId: 'IOT-EAST', title: 'IoT Hub East US', regions: ['East US'] },
      { trackingId: 'VM-WEST', title: 'VMs West US', service: 'Virtual Machines', regions: ['West US'] },
      { trackingId: 'IOT-WEST-OLD', title: 'IoT Hub West US, resolved', status: 'Resolved', regions: ['West US'] },
      { trackingId: 'IOT-WEST-SHORT', title: 'IoT Hub westus', service: 'iothub', regions: ['WESTUS'] },
      { trackingId: 'IOT-OTHER-SUB', title: 'IoT Hub West US elsewhere', regions: ['West US'], subscriptions: ['0e0e0e0e-0000-4000-8000-000000000000'] },
    ],
  };

  it('keeps only active IoT Hub events in the hub region, across pages', async (t) => {
    const sim = await startSimulator(t, scenario);
    const edge = edgeFor(sim);
    const result = healthOf(await edge.health.current(await hubNamed(edge, 'contoso-iot')));
    assert.deepEqual(result.events.map((event) => event.trackingId).sort(), ['IOT-WEST', 'IOT-WEST-SHORT']);
    assert.equal(sim.countRequests({ route: 'events.list' }), 3, 'three pages of two');
  });

  it('still answers with Resource Health when the events cannot be read', async (t) => {
    const sim = await startSimulator(t, 'outage');
    sim.injectFault({ route: 'events.list', action: 'status', status: 403 });
    const edge = edgeFor(sim);
    const result = healthOf(await edge.health.current(await hubNamed(edge, 'contoso-iot')));
    assert.equal(result.health.availabilityState, 'Unavailable');
    assert.deepEqual(result.events, []);
  });
});

describe('HealthSource: cache and single flight', () => {
  it('reuses an answer for the TTL, then asks again; fresh bypasses the cache', async (t) => {
    const sim = await startSimulator(t, 'healthy');
    const time = fakeTime();
    const edge = edgeFor(sim, { now: time.now, healthTtlMs: 30_000 });
    const hub = await hubNamed(edge, 'contoso-iot');
    const first = healthOf(await edge.health.current(hub));
    assert.equal(first.checkedAt, new Date(time.now()).toISOString());
    time.advance(29_999);
    assert.equal(healthOf(await edge.health.current(hub)).checkedAt, first.checkedAt);
    assert.equal(healthRequests(sim), 1);
    assert.equal(sim.countRequests({ route: 'events.list' }), 1);
    sim.setHealth('contoso-iot', 'Unavailable');
    time.advance(1);
    const second = healthOf(await edge.health.current(hub));
    assert.equal(second.health.availabilityState, 'Unavailable');
    assert.equal(healthRequests(sim), 2);
    assert.equal(sim.countRequests({ route: 'events.list' }), 2);
    await edge.health.current(hub, { fresh: true });
    assert.equal(healthRequests(sim), 3);
  });

  it('100 concurrent lookups of one hub make one Resource Health request', async (t) => {
    const sim = await startSimulator(t, 'outage');
    const edge = edgeFor(sim);
    const hub = await hubNamed(edge, 'contoso-iot');
    const results = await Promise.all(Array.from({ length: 100 }, () => edge.health.current(hub)));
    assert.ok(results.every((result) => result.ok && result.health.availabilityState === 'Unavailable'));
    assert.equal(healthRequests(sim), 1);
    assert.equal(sim.countRequests({ route: 'events.list' }), 1);
  });

  it('lookups of hubs in one subscription share the events listing', async (t) => {
    const sim = await startSimulator(t, 'outage');
    const edge = edgeFor(sim);
    const hubs = await Promise.all([hubNamed(edge, 'contoso-iot'), hubNamed(edge, 'contoso-iot-eu')]);
    await Promise.all(hubs.map((hub) => edge.health.current(hub)));
    assert.equal(healthRequests(sim), 2);
    assert.equal(sim.countRequests({ route: 'events.list' }), 1);
  });
});

describe('HealthSource: failures never throw', () => {
  async function failing(t: TestContext, fault: FaultSpec, options: Partial<AzureEdgeOptions> = {}) {
    const sim = await startSimulator(t, 'healthy');
    const edge = edgeFor(sim, options);
    const hub: Hub = await hubNamed(edge, 'contoso-iot');
    sim.injectFault({ route: 'health.current', ...fault });
    const result = await edge.health.current(hub);
    return { sim, edge, hub, result };
  }

  it('429 with Retry-After: the SDK waits as told and the retry succeeds', async (t) => {
    const { sim, result } = await failing(t, { action: 'status', status: 429, retryAfterSeconds: 1, times: 1 });
    assert.equal(healthOf(result).health.availabilityState, 'Available');
    assert.equal(healthRequests(sim), 2);
  });

  it('429 with Retry-After that keeps coming: throttled, with the wait to respect', async (t) => {
    const { sim, result } = await failing(t, { action: 'status', status: 429, retryAfterSeconds: 30 }, { healthBudgetMs: 500 });
    const failure = failureOf(result);
    assert.equal(failure.reason, 'throttled');
    assert.equal(failure.retryAfterSeconds, 30);
    assert.equal(healthRequests(sim), 1, 'the budget ran out during the 30 s wait');
  });

  it('429 without Retry-After: throttled, not retried', async (t) => {
    const { sim, result } = await failing(t, { action: 'status', status: 429 });
    const failure = failureOf(result);
    assert.equal(failure.reason, 'throttled');
    assert.equal(failure.retryAfterSeconds, null);
    assert.equal(healthRequests(sim), 1);
  });

  it('500 and 503: server-error after the SDK retries', async (t) => {
    for (const status of [500, 503]) {
      const { sim, result } = await failing(t, { action: 'status', status });
      const failure = failureOf(result);
      assert.equal(failure.reason, 'server-error');
      assert.match(failure.detail, new RegExp(`HTTP ${status}`));
      assert.equal(healthRequests(sim), 4, 'first attempt + 3 retries');
    }
  });

  it('403: forbidden', async (t) => {
    const { result } = await failing(t, { action: 'status', status: 403 });
    const failure = failureOf(result);
    assert.equal(failure.reason, 'forbidden');
    assert.equal(failure.hub?.name, 'contoso-iot');
  });

  it('a hanging request: timeout', async (t) => {
    const { result } = await failing(t, { action: 'hang' }, { timeoutMs: 200 });
    assert.equal(failureOf(result).reason, 'timeout');
  });

  it('a reset connection: network, after retries', async (t) => {
    const { sim, result } = await failing(t, { action: 'reset' });
    const failure = failureOf(result);
    assert.equal(failure.reason, 'network');
    assert.match(failure.detail, /ECONNRESET|cannot reach/);
    assert.equal(healthRequests(sim), 4);
  });

  it('the budget holds when ARM hangs and the request timeout is long', async (t) => {
    const { result } = await failing(t, { action: 'hang' }, { timeoutMs: 60_000, healthBudgetMs: 300 });
    const failure = failureOf(result);
    assert.equal(failure.reason, 'timeout');
    assert.ok(!/token|Bearer/i.test(failure.detail));
  });

  it('a caller who stops waiting gets an answer; failures are not cached', async (t) => {
    const { sim, edge, hub, result } = await failing(t, { action: 'status', status: 500, times: 4 });
    assert.equal(failureOf(result).reason, 'server-error');
    assert.equal(healthOf(await edge.health.current(hub)).health.availabilityState, 'Available');
    sim.injectFault({ route: 'health.current', action: 'hang', times: 1 });
    const cancelled = await edge.health.current(hub, { fresh: true, signal: AbortSignal.timeout(50) });
    assert.equal(failureOf(cancelled).reason, 'timeout');
  });

  it('a hub outside the configured subscriptions is refused without a call', async (t) => {
    const sim = await startSimulator(t, 'healthy');
    const edge = edgeFor(sim);
    const hub = await hubNamed(edge, 'contoso-iot');
    const result = await edge.health.current({ ...hub, id: hub.id.replace(SUB, '0e0e0e0e-0000-4000-8000-000000000000'), subscriptionId: '0e0e0e0e-0000-4000-8000-000000000000' });
    assert.equal(failureOf(result).reason, 'forbidden');
    assert.equal(healthRequests(sim), 0);
  });
});
