// What the core knows about a hub and its health, as plain data. src/azure/ maps the Azure SDK
// models onto these types; nothing here knows about the SDKs.

export interface HubLocation {
  /** Display name as ARM returns it in properties.locations ("West US"). */
  location: string;
  role: 'primary' | 'secondary';
}

export interface Hub {
  /** ARM resource id, as returned by ARM (compare case-insensitively). */
  id: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  /** e.g. contoso.azure-devices.net (or a sovereign-cloud suffix). */
  hostName: string;
  /** Top-level ARM region, short form ("westus"). */
  location: string;
  locations: HubLocation[];
  /** properties.state, e.g. "Active". */
  state: string;
  provisioningState: string;
  /** properties.enableDataResidency === true: disaster recovery disabled, no failover possible. */
  drDisabled: boolean;
  skuName: string;
  /** Device count when known (drives the failover duration estimate); null when unknown. */
  deviceCount: number | null;
}

export type AvailabilityState = 'Available' | 'Unavailable' | 'Degraded' | 'Unknown';

export interface ResourceHealth {
  availabilityState: AvailabilityState;
  title: string;
  summary: string;
  /** occuredTime (sic on the wire): when the state last changed, ISO 8601. */
  since: string | null;
  reasonType: string;
  reportedTime: string | null;
  recentlyResolved: { unavailableSince: string | null; resolvedAt: string | null; summary: string } | null;
}

export interface ServiceEvent {
  trackingId: string;
  title: string;
  summary: string;
  eventType: string;
  status: string;
  /** Regions (display names) of the IoT Hub impact. */
  regions: string[];
  impactStart: string | null;
  lastUpdate: string | null;
}

/** Why a health lookup could not be completed; the card shows "health unavailable: <reason>". */
export type HealthFailureReason = 'throttled' | 'server-error' | 'timeout' | 'network' | 'forbidden' | 'not-found' | 'unknown';

export type HubHealthResult =
  | { ok: true; hub: Hub; health: ResourceHealth; events: ServiceEvent[]; checkedAt: string }
  | { ok: false; hub: Hub | null; reason: HealthFailureReason; detail: string; retryAfterSeconds: number | null };

/** How a hub was named in the paste or command. */
export type HubQuery =
  | { kind: 'hostName'; value: string }
  | { kind: 'name'; value: string }
  | { kind: 'resourceId'; value: string };

export type HubResolution =
  | { kind: 'found'; hub: Hub }
  | { kind: 'unknown'; query: HubQuery; searchedSubscriptions: string[] }
  | { kind: 'ambiguous'; candidates: Hub[] }
  | { kind: 'failed'; reason: HealthFailureReason; detail: string };

/** Port: finds hubs in the configured subscriptions. */
export interface HubDirectory {
  resolve(query: HubQuery, signal?: AbortSignal): Promise<HubResolution>;
  /** All hubs known (used when the paste names none). */
  list(signal?: AbortSignal): Promise<Hub[]>;
  /** Re-read one hub from ARM, bypassing caches (used right before a failover). */
  refresh(hub: Hub, signal?: AbortSignal): Promise<Hub>;
  readonly subscriptions: readonly string[];
}

/** Port: current health of a hub (Resource Health + Service Health events), cached and single-flight. */
export interface HealthSource {
  current(hub: Hub, options?: { signal?: AbortSignal; fresh?: boolean }): Promise<HubHealthResult>;
}
