// What goes on the wire: the ARM headers every response carries, error bodies, and the JSON shapes
// of hubs, availability statuses and Service Health events (copied from the recorded examples in
// test/fixtures/arm/).
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { primaryOf, resourceIdOf, shortRegion, type SimEvent, type SimHealth, type SimHub } from './model.ts';

export interface ResponseOptions {
  headers?: Record<string, string>;
  /** 'reads' for GET, 'writes' for POST: which x-ms-ratelimit-remaining-subscription-* header to send. */
  quota?: 'reads' | 'writes';
}

function routingTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export function armHeaders(now: number, quota: 'reads' | 'writes' | undefined): Record<string, string> {
  const requestId = randomUUID();
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-cache',
    pragma: 'no-cache',
    expires: '-1',
    'x-content-type-options': 'nosniff',
    'x-ms-request-id': requestId,
    'x-ms-correlation-request-id': requestId,
    'x-ms-routing-request-id': `LOCALSIM:${routingTimestamp(new Date(now))}:${requestId}`,
  };
  if (quota) headers[`x-ms-ratelimit-remaining-subscription-${quota}`] = quota === 'reads' ? '11999' : '1199';
  return headers;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, now: number, options: ResponseOptions = {}): void {
  const payload = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { ...armHeaders(now, options.quota), ...(options.headers ?? {}), 'content-length': String(Buffer.byteLength(payload)) });
  res.end(payload);
}

/** ARM-level error shape: {"error":{"code","message"}}. */
export function armError(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

/** IoT Hub resource provider error shape (ErrorDetails, top level). */
export function iotHubError(code: string, httpStatus: string, message: string): { code: string; httpStatusCode: string; message: string; details: string } {
  return { code, httpStatusCode: httpStatus, message, details: '' };
}

export function notFoundHub(resourceGroup: string, name: string): ReturnType<typeof armError> {
  return armError('ResourceNotFound', `The Resource 'Microsoft.Devices/IotHubs/${name}' under resource group '${resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`);
}

export function subscriptionNotFound(subscriptionId: string): ReturnType<typeof armError> {
  return armError('SubscriptionNotFound', `The subscription '${subscriptionId}' could not be found.`);
}

const iso = (ms: number): string => new Date(ms).toISOString();

export function hubBody(hub: SimHub): Record<string, unknown> {
  const primary = primaryOf(hub);
  return {
    id: resourceIdOf(hub),
    name: hub.name,
    type: 'Microsoft.Devices/IotHubs',
    location: shortRegion(primary?.location ?? ''),
    tags: { ...hub.tags },
    subscriptionid: hub.subscriptionId,
    resourcegroup: hub.resourceGroup,
    etag: hub.etag,
    properties: {
      locations: hub.locations.map((location) => ({ location: location.location, role: location.role })),
      state: hub.state,
      provisioningState: hub.provisioningState,
      ipFilterRules: [],
      hostName: hub.hostName,
      eventHubEndpoints: {
        events: {
          retentionTimeInDays: 1,
          partitionCount: 2,
          partitionIds: ['0', '1'],
          path: hub.name,
          endpoint: `sb://iothub-ns-${hub.name.slice(0, 10)}-sim.servicebus.windows.net/`,
        },
      },
      routing: {
        endpoints: { serviceBusQueues: [], serviceBusTopics: [], eventHubs: [], storageContainers: [] },
        routes: [],
        fallbackRoute: { name: '$fallback', source: 'DeviceMessages', condition: 'true', endpointNames: ['events'], isEnabled: true },
      },
      enableFileUploadNotifications: false,
      cloudToDevice: {
        maxDeliveryCount: 10,
        defaultTtlAsIso8601: 'PT1H',
        feedback: { lockDurationAsIso8601: 'PT1M', ttlAsIso8601: 'PT1H', maxDeliveryCount: 10 },
      },
      features: 'None',
      minTlsVersion: '1.2',
      enableDataResidency: hub.enableDataResidency,
    },
    sku: { ...hub.sku },
    identity: { type: 'None' },
    systemData: { createdAt: iso(hub.createdAt) },
  };
}

const recommendedActions: Record<SimHealth['availabilityState'], Array<{ action: string; actionUrl: string; actionUrlText?: string }>> = {
  Available: [
    { action: "If you're experiencing problems, use the <action>Troubleshoot tool</action> to get recommended solutions.", actionUrl: '<#TroubleshootV2Blade>' },
  ],
  Unavailable: [
    { action: 'Check the <action>Azure status page</action> for IoT Hub in your region.', actionUrl: 'https://azure.status.microsoft/status', actionUrlText: 'Azure status page' },
    { action: 'If the problem lasts, consider a <action>manual failover</action> to the paired region.', actionUrl: 'https://aka.ms/manualfailover', actionUrlText: 'manual failover' },
    { action: 'If you are experiencing problems you believe are caused by Azure, <action>contact support</action>.', actionUrl: '<#SupportCase>', actionUrlText: 'contact support' },
  ],
  Degraded: [
    { action: 'Retry failed operations with back-off; check the <action>IoT Hub metrics</action> for throttling.', actionUrl: '<#ResourceBlade>', actionUrlText: 'IoT Hub metrics' },
  ],
  Unknown: [
    { action: "If you're having problems, use the <action>Troubleshoot tool</action> to get recommended solutions.", actionUrl: '<#TroubleshootV2Blade>' },
  ],
};

export function availabilityBody(hub: SimHub, now: number, expandActions: boolean): Record<string, unknown> {
  const health = hub.health;
  const properties: Record<string, unknown> = {
    availabilityState: health.availabilityState,
    title: health.title,
    summary: health.summary,
    reasonType: health.reasonType,
    category: health.category,
    context: health.context,
    occuredTime: iso(health.occuredTime),
    reasonChronicity: health.reasonChronicity,
    reportedTime: iso(now),
  };
  if (health.detailedStatus !== '') properties['detailedStatus'] = health.detailedStatus;
  if (health.availabilityState === 'Unavailable' || health.availabilityState === 'Degraded') {
    properties['rootCauseAttributionTime'] = iso(health.occuredTime + 60_000);
    properties['healthEventType'] = 'Downtime';
    properties['healthEventCause'] = 'PlatformInitiated';
    properties['healthEventCategory'] = 'Unplanned';
  }
  if (health.recentlyResolved) {
    properties['recentlyResolved'] = {
      unavailableOccuredTime: iso(health.recentlyResolved.unavailableOccuredTime),
      resolvedTime: iso(health.recentlyResolved.resolvedTime),
      unavailableSummary: health.recentlyResolved.unavailableSummary,
    };
  }
  if (expandActions) properties['recommendedActions'] = recommendedActions[health.availabilityState].map((action) => ({ ...action }));
  return {
    // Real Resource Health answers with lower-cased ids.
    id: `${resourceIdOf(hub)}/providers/Microsoft.ResourceHealth/availabilityStatuses/current`.toLowerCase(),
    name: 'current',
    type: 'Microsoft.ResourceHealth/AvailabilityStatuses',
    location: shortRegion(primaryOf(hub)?.location ?? ''),
    properties,
  };
}

export function eventBody(event: SimEvent, subscriptionId: string): Record<string, unknown> {
  return {
    id: `/providers/Microsoft.ResourceHealth/events/${event.trackingId}`,
    name: event.trackingId,
    type: '/providers/Microsoft.ResourceHealth/events',
    properties: {
      eventType: event.eventType,
      eventSource: 'ServiceHealth',
      status: event.status,
      title: event.title,
      summary: event.summary,
      header: 'Your service might have been impacted by an Azure service issue',
      level: event.level,
      eventLevel: event.level === 'Critical' ? 'Critical' : 'Warning',
      impactStartTime: iso(event.impactStartTime),
      ...(event.impactMitigationTime !== null ? { impactMitigationTime: iso(event.impactMitigationTime) } : {}),
      lastUpdateTime: iso(event.lastUpdateTime),
      impact: [
        {
          impactedService: event.service,
          impactedRegions: event.regions.map((region) => ({
            impactedRegion: region,
            status: event.status,
            impactedSubscriptions: [subscriptionId],
            impactedTenants: [],
            lastUpdateTime: iso(event.lastUpdateTime),
          })),
        },
      ],
      isHIR: false,
      enableMicrosoftSupport: true,
      enableChatWithUs: false,
      platformInitiated: true,
      priority: event.status === 'Active' ? (event.level === 'Critical' ? 1 : 2) : 20,
    },
  };
}
