// Simulator hubs the end-to-end suites build their scenarios from, in the test subscription and resource group.
import assert from 'node:assert/strict';
import { TEST_RESOURCE_GROUP, TEST_SUBSCRIPTION_ID, builtInScenario } from '#src/sim/index.ts';
import type { ScenarioDefinition, ScenarioHub } from '#src/sim/index.ts';

/** A hub in an outage: Unavailable (unplanned, for 20 minutes) in West US, with East US as its secondary. */
export function outageHub(name: string): ScenarioHub {
  return {
    subscriptionId: TEST_SUBSCRIPTION_ID,
    resourceGroup: TEST_RESOURCE_GROUP,
    name,
    primaryLocation: 'West US',
    secondaryLocation: 'East US',
    health: { availabilityState: 'Unavailable', reasonType: 'Unplanned', sinceMinutesAgo: 20 },
  };
}

/** A healthy hub in East US, with West US as its secondary. */
export function healthyHub(name: string): ScenarioHub {
  return {
    subscriptionId: TEST_SUBSCRIPTION_ID,
    resourceGroup: TEST_RESOURCE_GROUP,
    name,
    primaryLocation: 'East US',
    secondaryLocation: 'West US',
    health: { availabilityState: 'Available' },
  };
}

/** The built-in outage scenario, under `name`, plus healthy hubs that the tests break on purpose, one fault each. */
export function outageScenarioWithHealthyHubs(name: string, healthyHubNames: readonly string[]): ScenarioDefinition {
  const outage = builtInScenario('outage');
  assert.ok(outage, 'the simulator has an outage scenario');
  return { ...outage, name, hubs: [...outage.hubs, ...healthyHubNames.map(healthyHub)] };
}
