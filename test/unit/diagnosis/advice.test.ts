// adviseFailover: every branch.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adviseFailover, incidentsCoveringHub, primaryRegion, type FailoverEligibility } from '#src/diagnosis/advice.ts';
import type { AvailabilityState, Hub, HubHealthResult, ServiceEvent } from '#src/diagnosis/hub.ts';
import type { VerdictKind } from '#src/diagnosis/types.ts';

const hub: Hub = {
  id: '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.Devices/IotHubs/ops-hub',
  subscriptionId: '11111111-2222-3333-4444-555555555555',
  resourceGroup: 'rg',
  name: 'ops-hub',
  hostName: 'ops-hub.azure-devices.net',
  location: 'westeurope',
  locations: [
    { location: 'West Europe', role: 'primary' },
    { location: 'North Europe', role: 'secondary' },
  ],
  state: 'Active',
  provisioningState: 'Succeeded',
  drDisabled: false,
  skuName: 'S1',
  deviceCount: 1200,
};

function event(overrides: Partial<ServiceEvent> = {}): ServiceEvent {
  return {
    trackingId: 'VT4K-1Z8',
    title: 'IoT Hub - West Europe - Mitigated',
    summary: 'Connectivity issues',
    eventType: 'ServiceIssue',
    status: 'Active',
    regions: ['West Europe'],
    impactStart: '2025-06-01T00:00:00Z',
    lastUpdate: '2025-06-01T01:00:00Z',
    ...overrides,
  };
}

function healthy(state: AvailabilityState, events: ServiceEvent[] = []): HubHealthResult {
  return {
    ok: true,
    hub,
    health: { availabilityState: state, title: state, summary: '', since: null, reasonType: '', reportedTime: null, recentlyResolved: null },
    events,
    checkedAt: '2025-06-01T01:00:00Z',
  };
}

const possible: FailoverEligibility = { possible: true };
const impossible: FailoverEligibility = { possible: false, reasons: ['cooldown', 'daily-limit'] };

describe('adviseFailover', () => {
  for (const verdict of ['client-config', 'device-offline', 'not-iothub', 'unknown'] as VerdictKind[]) {
    it(`is not applicable for a ${verdict} verdict, even on an unavailable hub`, () => {
      assert.deepEqual(adviseFailover({ verdict, health: healthy('Unavailable'), eligibility: possible }), { kind: 'not-applicable', verdict });
    });
  }

  it('says no hub was identified', () => {
    assert.deepEqual(adviseFailover({ verdict: 'transient-service', health: null, eligibility: null }), { kind: 'no-hub' });
  });

  it('says the health lookup failed', () => {
    const health: HubHealthResult = { ok: false, hub, reason: 'throttled', detail: '429 from ARM', retryAfterSeconds: 17 };
    assert.deepEqual(adviseFailover({ verdict: 'transient-service', health, eligibility: possible }), {
      kind: 'health-unavailable',
      reason: 'throttled',
      retryAfterSeconds: 17,
    });
  });

  it('advises retrying on a healthy hub', () => {
    assert.deepEqual(adviseFailover({ verdict: 'transient-service', health: healthy('Available'), eligibility: possible }), {
      kind: 'retry-hub-healthy',
      availabilityState: 'Available',
    });
  });

  it('says health is unknown when Resource Health has no information', () => {
    assert.deepEqual(adviseFailover({ verdict: 'transient-service', health: healthy('Unknown'), eligibility: possible }), { kind: 'health-unknown' });
  });

  for (const state of ['Unavailable', 'Degraded'] as const) {
    it(`finds a failover worth considering on a ${state} hub that can fail over`, () => {
      assert.deepEqual(adviseFailover({ verdict: 'transient-service', health: healthy(state), eligibility: possible }), {
        kind: 'worth-considering',
        trigger: { availabilityState: state, eventTrackingIds: [] },
      });
    });
  }

  it('finds a failover worth considering when an active incident covers the primary region of an Available hub', () => {
    assert.deepEqual(adviseFailover({ verdict: 'transient-service', health: healthy('Available', [event()]), eligibility: possible }), {
      kind: 'worth-considering',
      trigger: { availabilityState: null, eventTrackingIds: ['VT4K-1Z8'] },
    });
  });

  it('lets an incident outweigh an Unknown Resource Health', () => {
    const advice = adviseFailover({ verdict: 'transient-service', health: healthy('Unknown', [event({ regions: ['westeurope'] })]), eligibility: possible });
    assert.equal(advice.kind, 'worth-considering');
  });

  it('says why a warranted failover is impossible', () => {
    assert.deepEqual(adviseFailover({ verdict: 'transient-service', health: healthy('Unavailable', [event()]), eligibility: impossible }), {
      kind: 'worth-considering-but-impossible',
      trigger: { availabilityState: 'Unavailable', eventTrackingIds: ['VT4K-1Z8'] },
      reasons: ['cooldown', 'daily-limit'],
    });
  });

  it('never proposes a failover when eligibility is unknown', () => {
    assert.deepEqual(adviseFailover({ verdict: 'transient-service', health: healthy('Degraded'), eligibility: null }), {
      kind: 'worth-considering-but-impossible',
      trigger: { availabilityState: 'Degraded', eventTrackingIds: [] },
      reasons: [],
    });
  });
});

describe('incidentsCoveringHub', () => {
  it('keeps active service incidents of the primary region (or global)', () => {
    const events = [
      event({ trackingId: 'A' }),
      event({ trackingId: 'B', regions: ['North Europe'] }),
      event({ trackingId: 'C', status: 'Resolved' }),
      event({ trackingId: 'D', eventType: 'PlannedMaintenance' }),
      event({ trackingId: 'E', eventType: 'HealthAdvisory' }),
      event({ trackingId: 'F', regions: ['Global'] }),
      event({ trackingId: 'G', eventType: 'EmergingIssues', regions: ['East US', 'WEST EUROPE'] }),
    ];
    assert.deepEqual(incidentsCoveringHub(hub, events).map((e) => e.trackingId), ['A', 'F', 'G']);
  });

  it('uses the primary location, falling back to the ARM location', () => {
    assert.equal(primaryRegion(hub), 'West Europe');
    assert.equal(primaryRegion({ ...hub, locations: [] }), 'westeurope');
    assert.deepEqual(incidentsCoveringHub({ ...hub, locations: [] }, [event()]).length, 1);
  });

  it('follows the roles after a failover', () => {
    const failedOver: Hub = { ...hub, locations: [{ location: 'North Europe', role: 'primary' }, { location: 'West Europe', role: 'secondary' }] };
    assert.deepEqual(incidentsCoveringHub(failedOver, [event()]), []);
  });
});
