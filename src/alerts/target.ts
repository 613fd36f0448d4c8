// Which IoT hub an alert is about, from its ARM target ids, and which deliveries are the same alert. Pure.
import type { AlertSignal } from './signal.ts';

/** An IoT hub named by an alert target: the ARM id lower-cased (targets arrive lower-cased), and its parts. */
export interface HubTarget {
  id: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

const HUB_ID = /^\/subscriptions\/([0-9a-f-]{36})\/resourcegroups\/([-\w._()]{1,90})\/providers\/microsoft\.devices\/iothubs\/([a-z0-9-]{3,50})$/i;

/** The hub an ARM id names (any casing, trailing slash tolerated), or null for any other resource. */
export function hubTargetOf(resourceId: string): HubTarget | null {
  const match = HUB_ID.exec(resourceId.trim().replace(/\/+$/, ''));
  if (!match) return null;
  const [, subscriptionId = '', resourceGroup = '', name = ''] = match;
  const id = `/subscriptions/${subscriptionId}/resourcegroups/${resourceGroup}/providers/microsoft.devices/iothubs/${name}`.toLowerCase();
  return { id, subscriptionId: subscriptionId.toLowerCase(), resourceGroup: resourceGroup.toLowerCase(), name: name.toLowerCase() };
}

/** The first IoT hub among an alert's targets. */
export function hubTargetOfSignal(signal: AlertSignal): HubTarget | null {
  for (const id of signal.essentials.targetIds) {
    const hub = hubTargetOf(id);
    if (hub) return hub;
  }
  return null;
}

/** What the bot does with an alert, decided from the alert alone (the hub's existence is checked later). */
export type Relevance =
  | { kind: 'hub'; hub: HubTarget }
  | { kind: 'service-health'; trackingId: string; regions: string[] }
  | { kind: 'ignored'; why: 'not-an-iot-hub' | 'not-iot-hub-service' | 'not-an-incident' | 'no-tracking-id' | 'unsupported-family' | 'other-subscription' };

/**
 * Resource Health, metric and administrative alerts about an IoT hub go to that hub's incident; Service
 * Health incidents that impact IoT Hub somewhere go to the hubs of those regions; the rest is ignored.
 */
export function relevanceOf(signal: AlertSignal): Relevance {
  switch (signal.family) {
    case 'service-health': {
      if (signal.iotHubRegions.length === 0) return { kind: 'ignored', why: 'not-iot-hub-service' };
      if (signal.incidentType.toLowerCase() !== 'incident') return { kind: 'ignored', why: 'not-an-incident' };
      if (signal.trackingId === '') return { kind: 'ignored', why: 'no-tracking-id' };
      return { kind: 'service-health', trackingId: signal.trackingId, regions: signal.iotHubRegions };
    }
    case 'other':
      return { kind: 'ignored', why: 'unsupported-family' };
    default: {
      const hub = hubTargetOfSignal(signal);
      return hub ? { kind: 'hub', hub } : { kind: 'ignored', why: 'not-an-iot-hub' };
    }
  }
}

const SUBSCRIPTION_ID = /^\/subscriptions\/([0-9a-f-]{36})(?:\/|$)/i;

/**
 * Service Health names a subscription, not a hub: one the bot is not configured for is not its business
 * (with the secure webhook, any action group of the tenant can call). Hub alerts are checked against the
 * hubs the bot can see, later.
 */
export function withinSubscriptions(relevance: Relevance, signal: AlertSignal, subscriptions: readonly string[]): Relevance {
  if (relevance.kind !== 'service-health') return relevance;
  const configured = new Set(subscriptions.map((id) => id.toLowerCase()));
  const named = signal.essentials.targetIds.map((id) => SUBSCRIPTION_ID.exec(id.trim())?.[1]?.toLowerCase());
  return named.some((id) => id !== undefined && configured.has(id)) ? relevance : { kind: 'ignored', why: 'other-subscription' };
}

/**
 * The identity of a delivery: the same key = the same news, posted once. Azure retries a call (408, 429, 503,
 * 504, timeouts) and calls once per action group, so one alert may arrive many times. An activity-log event
 * (Resource Health, Service Health, administrative) is the same event whatever rule or action group carries
 * it: its eventDataId. A metric alert is one alert id that fires and resolves: id + condition.
 */
export function deliveryKey(signal: AlertSignal): string {
  const essentials = signal.essentials;
  switch (signal.family) {
    case 'metric':
      return `metric|${essentials.alertId.toLowerCase()}|${essentials.monitorCondition}`;
    case 'service-health':
      return signal.eventDataId ? `event|${signal.eventDataId.toLowerCase()}` : `service-health|${signal.trackingId}|${signal.stage.toLowerCase()}`;
    case 'resource-health':
    case 'administrative':
      return signal.eventDataId ? `event|${signal.eventDataId.toLowerCase()}` : `alert|${essentials.alertId.toLowerCase()}|${essentials.monitorCondition}`;
    case 'other':
      return `alert|${essentials.alertId.toLowerCase()}|${essentials.monitorCondition}`;
  }
}
