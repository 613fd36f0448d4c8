import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createSimClock } from '#src/sim/clock.ts';
import {
  BUILT_IN_SCENARIOS,
  DEMO_SUBSCRIPTION_IDS,
  ScenarioError,
  builtInScenario,
  loadScenarioFile,
  parseScenario,
  resolveScenario,
  startArmSimulator,
} from '#src/sim/index.ts';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'sim');

describe('built-in scenarios', () => {
  it('has the scenarios the brief asks for', () => {
    for (const name of ['healthy', 'outage', 'degraded', 'recovering', 'throttled', 'slow-failover', 'failing-failover', 'demo']) {
      assert.ok(BUILT_IN_SCENARIOS.includes(name), name);
      assert.equal(parseScenario(builtInScenario(name)).name, name, `${name} passes its own validation`);
    }
  });

  it('demo: two subscriptions, one outage with an event, one DR-disabled, one healthy, one degraded', async () => {
    const sim = await startArmSimulator({ scenario: 'demo', speed: 0 });
    try {
      assert.deepEqual(sim.subscriptions, [...DEMO_SUBSCRIPTION_IDS]);
      const hubs = sim.state.hubs();
      const states = hubs.map((hub) => hub.health.availabilityState).sort();
      assert.deepEqual(states, ['Available', 'Available', 'Degraded', 'Unavailable']);
      const residency = hubs.filter((hub) => hub.enableDataResidency);
      assert.equal(residency.length, 1);
      assert.ok(['Brazil South', 'Southeast Asia'].includes(residency[0]?.locations[0]?.location ?? ''));
      assert.equal(residency[0]?.locations.length, 1, 'no secondary when DR is disabled');
      const down = hubs.find((hub) => hub.health.availabilityState === 'Unavailable');
      const primary = down?.locations.find((location) => location.role === 'primary')?.location;
      const event = sim.state.events().find((candidate) => candidate.status === 'Active');
      assert.equal(event?.service, 'IoT Hub');
      assert.deepEqual(event?.regions, [primary]);
      assert.ok(new Set(hubs.map((hub) => hub.resourceGroup)).size >= 2);
    } finally {
      await sim.close();
    }
  });

  it('each scenario sets up what its name says', async () => {
    const look = async (name: string) => {
      const sim = await startArmSimulator({ scenario: name, speed: 0 });
      const hub = sim.state.hub('contoso-iot');
      const result = { hub, events: sim.state.events(), faults: sim.state.faults() };
      await sim.close();
      return result;
    };
    assert.equal((await look('healthy')).hub.health.availabilityState, 'Available');
    const outage = await look('outage');
    assert.equal(outage.hub.health.availabilityState, 'Unavailable');
    assert.equal(outage.events[0]?.status, 'Active');
    assert.equal((await look('degraded')).hub.health.availabilityState, 'Degraded');
    const recovering = await look('recovering');
    assert.equal(recovering.hub.health.availabilityState, 'Available');
    assert.notEqual(recovering.hub.health.recentlyResolved, null);
    assert.equal(recovering.events[0]?.status, 'Resolved');
    const throttled = await look('throttled');
    assert.deepEqual(throttled.faults.map((fault) => [fault.route, fault.status, fault.retryAfterSeconds]), [
      ['health.current', 429, 2],
      ['hubs.get', 429, 2],
    ]);
  });
});

describe('scenario files', () => {
  it('loads a scenario file', async () => {
    const scenario = await loadScenarioFile(join(fixtures, 'two-subscriptions-outage.json'));
    assert.equal(scenario.name, 'two-subscriptions-outage');
    assert.equal(scenario.hubs.length, 3);
    assert.equal(scenario.hubs[2]?.enableDataResidency, true);
    assert.equal(scenario.faults?.[0]?.action, 'delay');
    const sim = await startArmSimulator({ scenario, speed: 0 });
    try {
      assert.equal(sim.subscriptions.length, 2);
      assert.equal(sim.state.hub('factory-eu-01').health.availabilityState, 'Unavailable');
    } finally {
      await sim.close();
    }
  });

  it('names the bad field of an invalid scenario', async () => {
    await assert.rejects(loadScenarioFile(join(fixtures, 'invalid-region-type.json')), (error: unknown) => {
      assert.ok(error instanceof ScenarioError);
      assert.match(error.message, /hubs\[0\]\.primaryLocation/);
      return true;
    });
    await assert.rejects(loadScenarioFile(join(fixtures, 'does-not-exist.json')), /cannot read scenario file/);
    assert.throws(() => parseScenario({ hubs: [{ subscriptionId: 's', resourceGroup: 'r', name: 'a', primaryLocation: 'West US' }] }), /3-50 letters/);
    const twice = { subscriptionId: 's', resourceGroup: 'r', name: 'hub-a', primaryLocation: 'West US' };
    assert.throws(() => parseScenario({ hubs: [twice, { ...twice, name: 'HUB-A' }] }), /appears twice/);
    assert.throws(() => parseScenario({ hubs: [], faults: [{ action: 'status' }] }), /faults\[0\].*status is required/);
    assert.throws(() => resolveScenario('nope'), /unknown scenario 'nope'/);
  });
});

describe('simulated clock', () => {
  it('runs at the speed factor and jumps with advance()', () => {
    let real = 1_000;
    const clock = createSimClock(60, () => real, 0);
    assert.equal(clock.now(), 0);
    real += 1_000;
    assert.equal(clock.now(), 60_000);
    clock.advance(30);
    assert.equal(clock.now(), 90_000);
    assert.equal(clock.realSecondsFor(120), 2);
    const frozen = createSimClock(0, () => real, 0);
    real += 5_000;
    assert.equal(frozen.now(), 0);
    assert.equal(frozen.realSecondsFor(15), 15);
    assert.throws(() => createSimClock(-1));
  });
});
