// Scenarios: the hubs, health, Service Health events, failover behaviour and faults the simulator
// starts with. Built-in ones are below; others come from JSON files (see scenario-file.ts).
import type { FaultSpec } from './faults.ts';

export type SimAvailabilityState = 'Available' | 'Unavailable' | 'Degraded' | 'Unknown';

export interface ScenarioHealth {
  availabilityState: SimAvailabilityState;
  title?: string;
  summary?: string;
  detailedStatus?: string;
  reasonType?: string;
  /** Simulated minutes before the simulator started at which this state began (default 30). */
  sinceMinutesAgo?: number;
  /** For an Available hub that recovered from an outage (Resource Health's "recently resolved"). */
  recentlyResolved?: { unavailableMinutesAgo: number; resolvedMinutesAgo: number; summary: string };
}

export interface FailoverBehaviour {
  /** Simulated seconds from the POST until the operation finishes. */
  durationSeconds: number;
  /** Retry-After (simulated seconds) on the 202 and on poll responses while running. */
  pollRetryAfterSeconds: number;
  outcome: 'succeeded' | 'failed';
  /** Error reported when outcome is 'failed'. */
  error: { code: string; message: string };
  /** Refuse a new failover sooner than this after the previous one finished (0 = no limit). */
  minSecondsBetweenFailovers: number;
}

export interface ScenarioHub {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  /** Display name of the primary region ("West US"). */
  primaryLocation: string;
  /** Display name of the paired region; null or omitted when the hub has none. */
  secondaryLocation?: string | null;
  /** DR disabled (only possible in Brazil South and Southeast Asia); no failover. */
  enableDataResidency?: boolean;
  hostName?: string;
  state?: string;
  sku?: { name: string; tier: string; capacity: number };
  tags?: Record<string, string>;
  health?: ScenarioHealth;
  failover?: Partial<FailoverBehaviour>;
}

export type SimEventType = 'ServiceIssue' | 'PlannedMaintenance' | 'HealthAdvisory' | 'RCA' | 'EmergingIssues' | 'SecurityAdvisory';

export interface ScenarioEvent {
  trackingId: string;
  title: string;
  summary?: string;
  eventType?: SimEventType;
  status?: 'Active' | 'Resolved';
  level?: 'Critical' | 'Warning';
  /** impact[].impactedService; default "IoT Hub". */
  service?: string;
  /** Display names of the impacted regions. */
  regions: string[];
  /** Subscriptions that see the event; omitted = all of the scenario's subscriptions. */
  subscriptions?: string[];
  startedMinutesAgo?: number;
}

export interface ScenarioDefinition {
  name: string;
  description?: string;
  hubs: ScenarioHub[];
  /** Extra subscriptions that exist but hold no hub (listing them returns an empty page). */
  subscriptions?: string[];
  events?: ScenarioEvent[];
  /** Defaults for every hub's failover (a hub's own `failover` overrides). */
  failover?: Partial<FailoverBehaviour>;
  faults?: FaultSpec[];
  /** Items per page for hub and event lists (nextLink paging); default 100. */
  pageSize?: number;
}

export const DEFAULT_FAILOVER: FailoverBehaviour = {
  durationSeconds: 60,
  pollRetryAfterSeconds: 15,
  outcome: 'succeeded',
  error: { code: 'ManualFailoverFailed', message: 'The manual failover of the IoT hub could not be completed. The hub stays in its current region.' },
  minSecondsBetweenFailovers: 0,
};

/** Subscription and resource group of the single-purpose scenarios (healthy, outage, …). */
export const TEST_SUBSCRIPTION_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
export const TEST_RESOURCE_GROUP = 'rg-iot-oncall';

/** The two subscriptions of the demo scenario. */
export const DEMO_SUBSCRIPTION_IDS = ['6a1d3b7e-2c4f-4e8a-9b1d-0c5e7f9a2b31', '9f8e7d6c-5b4a-4392-8170-6e5d4c3b2a19'] as const;

function testHubs(primaryHealth: ScenarioHealth = { availabilityState: 'Available' }): ScenarioHub[] {
  return [
    {
      subscriptionId: TEST_SUBSCRIPTION_ID,
      resourceGroup: TEST_RESOURCE_GROUP,
      name: 'contoso-iot',
      primaryLocation: 'West US',
      secondaryLocation: 'East US',
      health: primaryHealth,
    },
    {
      subscriptionId: TEST_SUBSCRIPTION_ID,
      resourceGroup: TEST_RESOURCE_GROUP,
      name: 'contoso-iot-eu',
      primaryLocation: 'North Europe',
      secondaryLocation: 'West Europe',
      health: { availabilityState: 'Available' },
    },
  ];
}

function outageEvent(region: string, subscriptions?: string[]): ScenarioEvent {
  return {
    trackingId: 'SIM1-IOT',
    title: `Azure IoT Hub - ${region} - Investigating`,
    summary: `Starting at about 25 minutes ago, a subset of customers using IoT Hub in ${region} may see errors connecting devices, sending telemetry and calling service APIs. Engineers are investigating.`,
    eventType: 'ServiceIssue',
    status: 'Active',
    level: 'Warning',
    service: 'IoT Hub',
    regions: [region],
    startedMinutesAgo: 25,
    ...(subscriptions ? { subscriptions } : {}),
  };
}

const unavailable: ScenarioHealth = {
  availabilityState: 'Unavailable',
  reasonType: 'Unplanned',
  sinceMinutesAgo: 25,
};

const builtIns: Record<string, () => ScenarioDefinition> = {
  healthy: () => ({
    name: 'healthy',
    description: 'Two hubs, both Available, no Service Health event.',
    hubs: testHubs(),
  }),
  outage: () => ({
    name: 'outage',
    description: 'contoso-iot Unavailable, with an active IoT Hub Service Health event in West US.',
    hubs: testHubs(unavailable),
    events: [outageEvent('West US')],
  }),
  degraded: () => ({
    name: 'degraded',
    description: 'contoso-iot Degraded.',
    hubs: testHubs({ availabilityState: 'Degraded', reasonType: 'Unplanned', sinceMinutesAgo: 10 }),
  }),
  recovering: () => ({
    name: 'recovering',
    description: 'contoso-iot Available again after an outage (recently resolved); the event is resolved.',
    hubs: testHubs({
      availabilityState: 'Available',
      sinceMinutesAgo: 5,
      recentlyResolved: { unavailableMinutesAgo: 50, resolvedMinutesAgo: 5, summary: 'We are sorry, your IoT hub was unavailable because of an Azure platform issue.' },
    }),
    events: [{ ...outageEvent('West US'), status: 'Resolved', title: 'Azure IoT Hub - West US - Mitigated' }],
  }),
  throttled: () => ({
    name: 'throttled',
    description: 'Healthy hubs, but Resource Health and hub reads answer 429 with Retry-After.',
    hubs: testHubs(),
    faults: [
      { route: 'health.current', action: 'status', status: 429, retryAfterSeconds: 2 },
      { route: 'hubs.get', action: 'status', status: 429, retryAfterSeconds: 2 },
    ],
  }),
  'slow-failover': () => ({
    name: 'slow-failover',
    description: 'contoso-iot is Unavailable; a failover takes 15 simulated minutes.',
    hubs: testHubs(unavailable),
    events: [outageEvent('West US')],
    failover: { durationSeconds: 900, pollRetryAfterSeconds: 30 },
  }),
  'failing-failover': () => ({
    name: 'failing-failover',
    description: 'contoso-iot is Unavailable; a failover runs for 30 simulated seconds and then fails.',
    hubs: testHubs(unavailable),
    events: [outageEvent('West US')],
    failover: { durationSeconds: 30, outcome: 'failed' },
  }),
  demo: (): ScenarioDefinition => {
    const [production, fleet] = DEMO_SUBSCRIPTION_IDS;
    return {
      name: 'demo',
      description: 'Four hubs in two subscriptions: one in an outage, one with DR disabled, one healthy, one degraded.',
      hubs: [
        {
          subscriptionId: production,
          resourceGroup: 'rg-contoso-iot-prod',
          name: 'contoso-prod-weu',
          primaryLocation: 'West Europe',
          secondaryLocation: 'North Europe',
          sku: { name: 'S2', tier: 'Standard', capacity: 4 },
          tags: { env: 'production', team: 'devices' },
          health: unavailable,
        },
        {
          subscriptionId: production,
          resourceGroup: 'rg-contoso-iot-prod',
          name: 'contoso-telemetry-eus',
          primaryLocation: 'East US',
          secondaryLocation: 'West US',
          tags: { env: 'production' },
          health: { availabilityState: 'Available', sinceMinutesAgo: 60 * 24 * 9 },
        },
        {
          subscriptionId: fleet,
          resourceGroup: 'rg-fabrikam-fleet',
          name: 'fabrikam-fleet-sea',
          primaryLocation: 'Southeast Asia',
          secondaryLocation: null,
          enableDataResidency: true,
          tags: { env: 'production', residency: 'singapore' },
          health: { availabilityState: 'Available', sinceMinutesAgo: 60 * 24 * 3 },
        },
        {
          subscriptionId: fleet,
          resourceGroup: 'rg-fabrikam-fleet',
          name: 'fabrikam-fleet-cus',
          primaryLocation: 'Central US',
          secondaryLocation: 'East US 2',
          tags: { env: 'staging' },
          health: { availabilityState: 'Degraded', reasonType: 'Unplanned', sinceMinutesAgo: 12 },
        },
      ],
      events: [outageEvent('West Europe', [production])],
      // Short, so that a newcomer sees the whole failover (request, approval, running, done) within a minute.
      failover: { durationSeconds: 30, pollRetryAfterSeconds: 5 },
    };
  },
};

export const BUILT_IN_SCENARIOS: readonly string[] = Object.keys(builtIns);

/** A fresh copy of a built-in scenario, or null when there is none by that name. */
export function builtInScenario(name: string): ScenarioDefinition | null {
  const make = builtIns[name];
  return make ? make() : null;
}
