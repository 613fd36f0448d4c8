// Azure SDK models → the core's plain types (src/diagnosis/hub.ts).
import type { IotHubDescription } from '@azure/arm-iothub';
import type { AvailabilityStatus, Event as HealthEvent } from '@azure/arm-resourcehealth';
import type { AvailabilityState, Hub, HubLocation, ResourceHealth, ServiceEvent } from '../diagnosis/hub.ts';

const idPattern = /^\/?subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\/providers\/microsoft\.devices\/iothubs\/([^/]+)\/?$/i;

/** "/subscriptions/S/resourceGroups/RG/providers/Microsoft.Devices/IotHubs/N" → its parts. */
export function parseHubId(id: string): { subscriptionId: string; resourceGroup: string; name: string } | null {
  const found = idPattern.exec(id.trim());
  if (!found) return null;
  const [, subscriptionId = '', resourceGroup = '', name = ''] = found;
  return { subscriptionId, resourceGroup, name };
}

/** Case-insensitive comparison key for an ARM id ("/" prefix and trailing "/" ignored). */
export function normalizeResourceId(id: string): string {
  return '/' + id.trim().replace(/^\/+/, '').replace(/\/+$/, '').toLowerCase();
}

export function hubFromArm(description: IotHubDescription): Hub | null {
  const parts = description.id ? parseHubId(description.id) : null;
  const properties = description.properties;
  if (!parts || !description.id || !properties?.hostName) return null;
  const locations: HubLocation[] = (properties.locations ?? [])
    .filter((location) => typeof location.location === 'string')
    .map((location) => ({
      location: location.location ?? '',
      role: (location.role ?? '').toLowerCase() === 'secondary' ? 'secondary' : 'primary',
    }));
  return {
    id: description.id,
    subscriptionId: parts.subscriptionId,
    resourceGroup: parts.resourceGroup,
    name: description.name ?? parts.name,
    hostName: properties.hostName,
    location: description.location ?? '',
    locations,
    state: properties.state ?? 'Unknown',
    provisioningState: properties.provisioningState ?? 'Unknown',
    drDisabled: properties.enableDataResidency === true,
    skuName: description.sku?.name ?? '',
    // ARM does not report a device count.
    deviceCount: null,
  };
}

const states: readonly AvailabilityState[] = ['Available', 'Unavailable', 'Degraded', 'Unknown'];

function isoOrNull(value: Date | undefined): string | null {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : null;
}

export function healthFromArm(status: AvailabilityStatus): ResourceHealth {
  const properties = status.properties ?? {};
  const state = states.find((candidate) => candidate.toLowerCase() === (properties.availabilityState ?? '').toLowerCase()) ?? 'Unknown';
  const resolved = properties.recentlyResolved;
  return {
    availabilityState: state,
    title: properties.title ?? state,
    summary: properties.summary ?? '',
    since: isoOrNull(properties.occuredTime),
    reasonType: properties.reasonType ?? '',
    reportedTime: isoOrNull(properties.reportedTime),
    recentlyResolved:
      resolved && (resolved.resolvedTime || resolved.unavailableOccuredTime)
        ? { unavailableSince: isoOrNull(resolved.unavailableOccuredTime), resolvedAt: isoOrNull(resolved.resolvedTime), summary: resolved.unavailableSummary ?? '' }
        : null,
  };
}

/** Region names compared the way people write them: "West US", "westus", "WestUS" are one region. */
export function regionKey(region: string): string {
  return region.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const IOT_HUB_SERVICE = regionKey('IoT Hub');

/**
 * The event as the core sees it, when it is active and impacts IoT Hub; null otherwise.
 * `regions` lists the regions where the IoT Hub impact is still active.
 */
export function iotHubEventFromArm(event: HealthEvent): ServiceEvent | null {
  if ((event.status ?? '').toLowerCase() !== 'active') return null;
  const regions = (event.impact ?? [])
    .filter((impact) => regionKey(impact.impactedService ?? '') === IOT_HUB_SERVICE)
    .flatMap((impact) => impact.impactedRegions ?? [])
    .filter((region) => region.status === undefined || region.status.toLowerCase() === 'active')
    .map((region) => region.impactedRegion ?? '')
    .filter((region) => region !== '');
  if (regions.length === 0) return null;
  return {
    trackingId: event.name ?? '',
    title: event.title ?? '',
    summary: event.summary ?? '',
    eventType: event.eventType ?? '',
    status: event.status ?? 'Active',
    regions: [...new Set(regions)],
    impactStart: isoOrNull(event.impactStartTime),
    lastUpdate: isoOrNull(event.lastUpdateTime),
  };
}

/** The hub's own region(s): its primary location (display name) and its top-level short name. */
export function hubRegionKeys(hub: Hub): Set<string> {
  const keys = new Set<string>();
  const primary = hub.locations.find((location) => location.role === 'primary');
  if (primary) keys.add(regionKey(primary.location));
  if (hub.location) keys.add(regionKey(hub.location));
  return keys;
}

export function eventsForHub(events: ServiceEvent[], hub: Hub): ServiceEvent[] {
  const keys = hubRegionKeys(hub);
  return events.filter((event) => event.regions.some((region) => keys.has(regionKey(region))));
}
