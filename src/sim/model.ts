// The simulator's mutable world: hubs (with their health and failover settings), Service Health
// events and failover operations. Times are simulated milliseconds (see clock.ts).
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_FAILOVER,
  type FailoverBehaviour,
  type ScenarioDefinition,
  type ScenarioEvent,
  type ScenarioHealth,
  type SimEventType,
  type SimAvailabilityState,
} from './scenarios.ts';

export interface SimLocation {
  location: string;
  role: 'primary' | 'secondary';
}

export interface SimHealth {
  availabilityState: SimAvailabilityState;
  title: string;
  summary: string;
  detailedStatus: string;
  reasonType: string;
  reasonChronicity: 'Transient' | 'Persistent';
  context: string;
  category: string;
  occuredTime: number;
  recentlyResolved: { unavailableOccuredTime: number; resolvedTime: number; unavailableSummary: string } | null;
}

export interface SimHub {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  hostName: string;
  locations: SimLocation[];
  enableDataResidency: boolean;
  state: string;
  provisioningState: string;
  sku: { name: string; tier: string; capacity: number };
  tags: Record<string, string>;
  etag: string;
  createdAt: number;
  health: SimHealth;
  failover: FailoverBehaviour;
  /** Simulated time the last failover finished (succeeded or failed), for the minimum gap. */
  lastFailoverFinishedAt: number | null;
}

export interface SimEvent {
  trackingId: string;
  title: string;
  summary: string;
  eventType: SimEventType;
  status: 'Active' | 'Resolved';
  level: 'Critical' | 'Warning';
  service: string;
  regions: string[];
  /** null = every subscription of the scenario. */
  subscriptions: string[] | null;
  impactStartTime: number;
  impactMitigationTime: number | null;
  lastUpdateTime: number;
}

export interface SimOperation {
  /** base64("os_ih_<guid>"), as in real IoT Hub async operation URLs. */
  id: string;
  subscriptionId: string;
  hubKey: string;
  hubName: string;
  startedAt: number;
  finishesAt: number;
  outcome: 'succeeded' | 'failed';
  error: { code: string; message: string };
  status: 'Running' | 'Succeeded' | 'Failed';
  fromRegion: string;
  toRegion: string;
  retryAfterSeconds: number;
}

export interface SimState {
  scenarioName: string;
  hubs: SimHub[];
  events: SimEvent[];
  operations: SimOperation[];
  extraSubscriptions: string[];
  pageSize: number;
}

const MINUTE = 60_000;

/** "West US" → "westus": ARM's short region name. */
export function shortRegion(displayName: string): string {
  return displayName.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function hubKey(subscriptionId: string, resourceGroup: string, name: string): string {
  return `${subscriptionId}/${resourceGroup}/${name}`.toLowerCase();
}

export function keyOf(hub: SimHub): string {
  return hubKey(hub.subscriptionId, hub.resourceGroup, hub.name);
}

export function resourceIdOf(hub: SimHub): string {
  return `/subscriptions/${hub.subscriptionId}/resourceGroups/${hub.resourceGroup}/providers/Microsoft.Devices/IotHubs/${hub.name}`;
}

export function primaryOf(hub: SimHub): SimLocation | undefined {
  return hub.locations.find((location) => location.role === 'primary');
}

export function secondaryOf(hub: SimHub): SimLocation | undefined {
  return hub.locations.find((location) => location.role === 'secondary');
}

export function newEtag(): string {
  return Buffer.from(randomUUID().replace(/-/g, '').slice(0, 8), 'hex').toString('base64');
}

const healthTexts: Record<SimAvailabilityState, { title: string; summary: string; reasonType: string; chronicity: 'Transient' | 'Persistent'; context: string; category: string }> = {
  Available: {
    title: 'Available',
    summary: "There aren't any known Azure platform problems affecting this IoT hub.",
    reasonType: '',
    chronicity: 'Persistent',
    context: 'Not Applicable',
    category: 'Not Applicable',
  },
  Unavailable: {
    title: 'Unavailable',
    summary: "We're sorry, your IoT hub is unavailable because of an Azure platform problem. We're working to restore it.",
    reasonType: 'Unplanned',
    chronicity: 'Persistent',
    context: 'Platform Initiated',
    category: 'Unplanned',
  },
  Degraded: {
    title: 'Degraded',
    summary: 'Your IoT hub is running, but some operations are slower or fail more often than usual because of an Azure platform problem.',
    reasonType: 'Unplanned',
    chronicity: 'Persistent',
    context: 'Platform Initiated',
    category: 'Unplanned',
  },
  Unknown: {
    title: 'Unknown',
    summary: 'We are currently unable to determine the health of this IoT hub.',
    reasonType: '',
    chronicity: 'Transient',
    context: 'Not Applicable',
    category: 'Not Applicable',
  },
};

export interface HealthPatch {
  availabilityState: SimAvailabilityState;
  title?: string;
  summary?: string;
  detailedStatus?: string;
  reasonType?: string;
}

export function makeHealth(patch: HealthPatch, occuredTime: number): SimHealth {
  const texts = healthTexts[patch.availabilityState];
  return {
    availabilityState: patch.availabilityState,
    title: patch.title ?? texts.title,
    summary: patch.summary ?? texts.summary,
    detailedStatus: patch.detailedStatus ?? '',
    reasonType: patch.reasonType ?? texts.reasonType,
    reasonChronicity: texts.chronicity,
    context: texts.context,
    category: texts.category,
    occuredTime,
    recentlyResolved: null,
  };
}

function healthFromScenario(health: ScenarioHealth | undefined, now: number): SimHealth {
  const made = makeHealth(health ?? { availabilityState: 'Available' }, now - (health?.sinceMinutesAgo ?? 30) * MINUTE);
  const resolved = health?.recentlyResolved;
  if (resolved) {
    made.recentlyResolved = {
      unavailableOccuredTime: now - resolved.unavailableMinutesAgo * MINUTE,
      resolvedTime: now - resolved.resolvedMinutesAgo * MINUTE,
      unavailableSummary: resolved.summary,
    };
  }
  return made;
}

/**
 * Changes a hub's health the way Resource Health reports transitions: the time of change moves only
 * when the state changes, and leaving Unavailable/Degraded for Available leaves a "recently resolved" note.
 */
export function applyHealth(hub: SimHub, patch: HealthPatch, now: number): void {
  const previous = hub.health;
  const changed = previous.availabilityState !== patch.availabilityState;
  const next = makeHealth(patch, changed ? now : previous.occuredTime);
  if (patch.availabilityState === 'Available') {
    next.recentlyResolved =
      changed && (previous.availabilityState === 'Unavailable' || previous.availabilityState === 'Degraded')
        ? { unavailableOccuredTime: previous.occuredTime, resolvedTime: now, unavailableSummary: previous.summary }
        : previous.recentlyResolved;
  }
  hub.health = next;
}

export function eventFromScenario(event: ScenarioEvent, now: number): SimEvent {
  const started = now - (event.startedMinutesAgo ?? 20) * MINUTE;
  const status = event.status ?? 'Active';
  return {
    trackingId: event.trackingId,
    title: event.title,
    summary: event.summary ?? event.title,
    eventType: event.eventType ?? 'ServiceIssue',
    status,
    level: event.level ?? 'Warning',
    service: event.service ?? 'IoT Hub',
    regions: [...event.regions],
    subscriptions: event.subscriptions ? [...event.subscriptions] : null,
    impactStartTime: started,
    impactMitigationTime: status === 'Resolved' ? now : null,
    lastUpdateTime: now,
  };
}

export function createState(scenario: ScenarioDefinition, now: number): SimState {
  const hubs = scenario.hubs.map((hub): SimHub => {
    const locations: SimLocation[] = [{ location: hub.primaryLocation, role: 'primary' }];
    if (hub.secondaryLocation && !hub.enableDataResidency) locations.push({ location: hub.secondaryLocation, role: 'secondary' });
    return {
      subscriptionId: hub.subscriptionId,
      resourceGroup: hub.resourceGroup,
      name: hub.name,
      hostName: hub.hostName ?? `${hub.name}.azure-devices.net`,
      locations,
      enableDataResidency: hub.enableDataResidency ?? false,
      state: hub.state ?? 'Active',
      provisioningState: 'Succeeded',
      sku: hub.sku ?? { name: 'S1', tier: 'Standard', capacity: 1 },
      tags: { ...(hub.tags ?? {}) },
      etag: newEtag(),
      createdAt: now - 400 * 24 * 60 * MINUTE,
      health: healthFromScenario(hub.health, now),
      failover: { ...DEFAULT_FAILOVER, ...(scenario.failover ?? {}), ...(hub.failover ?? {}) },
      lastFailoverFinishedAt: null,
    };
  });
  return {
    scenarioName: scenario.name,
    hubs,
    events: (scenario.events ?? []).map((event) => eventFromScenario(event, now)),
    operations: [],
    extraSubscriptions: [...(scenario.subscriptions ?? [])],
    pageSize: scenario.pageSize ?? 100,
  };
}

export function subscriptionsOf(state: SimState): string[] {
  const all = [...state.hubs.map((hub) => hub.subscriptionId), ...state.extraSubscriptions];
  const seen = new Map<string, string>();
  for (const id of all) if (!seen.has(id.toLowerCase())) seen.set(id.toLowerCase(), id);
  return [...seen.values()];
}

export function findHub(state: SimState, subscriptionId: string, resourceGroup: string, name: string): SimHub | undefined {
  const key = hubKey(subscriptionId, resourceGroup, name);
  return state.hubs.find((hub) => keyOf(hub) === key);
}

export function hubsNamed(state: SimState, name: string, subscriptionId?: string): SimHub[] {
  return state.hubs.filter(
    (hub) => hub.name.toLowerCase() === name.toLowerCase() && (subscriptionId === undefined || hub.subscriptionId.toLowerCase() === subscriptionId.toLowerCase()),
  );
}

/**
 * Finishes every operation whose time has come. A successful failover swaps the primary and
 * secondary roles and moves the top-level location at the moment it completes.
 */
export function settleOperations(state: SimState, now: number): void {
  for (const operation of state.operations) {
    if (operation.status !== 'Running' || now < operation.finishesAt) continue;
    const hub = state.hubs.find((candidate) => keyOf(candidate) === operation.hubKey);
    operation.status = operation.outcome === 'succeeded' ? 'Succeeded' : 'Failed';
    if (!hub) continue;
    hub.lastFailoverFinishedAt = operation.finishesAt;
    if (operation.outcome === 'succeeded') {
      hub.locations = hub.locations.map((location) => ({ location: location.location, role: location.role === 'primary' ? 'secondary' : 'primary' }));
      hub.locations.sort((a, b) => (a.role === b.role ? 0 : a.role === 'primary' ? -1 : 1));
      hub.etag = newEtag();
    }
  }
}

export function runningOperationFor(state: SimState, hub: SimHub): SimOperation | undefined {
  const key = keyOf(hub);
  return state.operations.find((operation) => operation.hubKey === key && operation.status === 'Running');
}
