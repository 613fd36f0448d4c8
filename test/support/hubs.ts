// Hubs, a hub directory and a health source for tests that exercise the hub edge without Azure.
import type { AvailabilityState, HealthSource, Hub, HubDirectory, HubHealthResult } from '#src/diagnosis/hub.ts';
import { evaluateEligibility } from '#src/failover/index.ts';
import type { FailoverEligibility } from '#src/failover/index.ts';

export const FIXTURE_SUBSCRIPTION = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

/** An active S1 hub in West US with East US as its secondary, as the directory maps it from ARM. */
export function fixtureHub(name: string, overrides: Partial<Hub> = {}): Hub {
  const subscriptionId = overrides.subscriptionId ?? FIXTURE_SUBSCRIPTION;
  const resourceGroup = overrides.resourceGroup ?? 'rg';
  return {
    id: `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Devices/IotHubs/${name}`,
    subscriptionId,
    resourceGroup,
    name,
    hostName: `${name}.azure-devices.net`,
    location: 'westus',
    locations: [
      { location: 'West US', role: 'primary' },
      { location: 'East US', role: 'secondary' },
    ],
    state: 'Active',
    provisioningState: 'Succeeded',
    drDisabled: false,
    skuName: 'S1',
    deviceCount: null,
    ...overrides,
  };
}

/** A successful Resource Health answer for the hub, in the given state, with no service events. */
export function hubHealth(hub: Hub, state: AvailabilityState): HubHealthResult {
  return {
    ok: true,
    hub,
    health: { availabilityState: state, title: state, summary: `The hub is ${state.toLowerCase()}.`, since: '2025-11-27T08:30:00Z', reasonType: 'Unplanned', reportedTime: null, recentlyResolved: null },
    events: [],
    checkedAt: '2025-11-27T09:00:00Z',
  };
}

/** Health that reports the hubs named here as unavailable and every other hub as available. */
export function outageOf(...hubNames: string[]): HealthSource {
  return { current: async (hub) => hubHealth(hub, hubNames.includes(hub.name) ? 'Unavailable' : 'Available') };
}

/** A directory of these hubs in FIXTURE_SUBSCRIPTION that resolves a host name or a name exactly. */
export function fixtureDirectory(hubs: Hub[]): HubDirectory {
  return {
    subscriptions: [FIXTURE_SUBSCRIPTION],
    resolve: async (query) => {
      const found = hubs.find((h) => h.hostName === query.value || h.name === query.value);
      return found ? { kind: 'found', hub: found } : { kind: 'unknown', query, searchedSubscriptions: [FIXTURE_SUBSCRIPTION] };
    },
    list: async () => hubs,
    refresh: async (h) => h,
  };
}

/** The failover rules for a hub with no history (no earlier failover, none running): what its own facts allow. */
export function eligibilityOfHubFacts(hub: Hub): FailoverEligibility {
  return evaluateEligibility(hub, 'failover', { now: Date.now(), successes: [], running: [] });
}
