// Which hub an alert is about, which deliveries are the same, and which conversations hear of it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAlert } from '#src/alerts/parse.ts';
import type { AlertSignal } from '#src/alerts/signal.ts';
import { subscribe, subscribersInRegions, subscribersOfHub, unsubscribe, MAX_SUBSCRIPTIONS } from '#src/alerts/subscriptions.ts';
import type { Subscription } from '#src/alerts/subscriptions.ts';
import { deliveryKey, hubTargetOf, relevanceOf } from '#src/alerts/target.ts';
import { metricAlert, resourceHealthAlert, serviceHealthAlert } from '#src/sim/index.ts';

const SUB = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const HUB = { subscriptionId: SUB, resourceGroup: 'rg-iot', name: 'hub1' };
const HUB_ID = `/subscriptions/${SUB}/resourcegroups/rg-iot/providers/microsoft.devices/iothubs/hub1`;

function signal(body: unknown): AlertSignal {
  const parsed = parseAlert(body);
  assert.ok(parsed.ok);
  return parsed.signal;
}

function subscription(key: string, hubs: Subscription['hubs']): Subscription {
  return { key, kind: 'channel', teamId: null, reference: {}, locale: 'en', hubs, subscribedAt: '2026-05-04T09:00:00.000Z' };
}

describe('hubTargetOf', () => {
  it('reads a hub id in any casing, lower-cased', () => {
    const hub = hubTargetOf(`/subscriptions/${SUB.toUpperCase()}/resourceGroups/RG-IoT/providers/Microsoft.Devices/IotHubs/Hub1/`);
    assert.deepEqual(hub, { id: HUB_ID, subscriptionId: SUB, resourceGroup: 'rg-iot', name: 'hub1' });
  });

  it('is null for other resources and for sub-resources', () => {
    assert.equal(hubTargetOf(`/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa1`), null);
    assert.equal(hubTargetOf(`/subscriptions/${SUB}`), null);
    assert.equal(hubTargetOf(`${HUB_ID}/certificates/c1`), null);
  });
});

describe('relevanceOf', () => {
  it('a Resource Health or metric alert about a hub goes to that hub', () => {
    assert.deepEqual(relevanceOf(signal(resourceHealthAlert(HUB, { current: 'Unavailable' }))), { kind: 'hub', hub: { id: HUB_ID, subscriptionId: SUB, resourceGroup: 'rg-iot', name: 'hub1' } });
    assert.equal(relevanceOf(signal(metricAlert(HUB, { alertId: 'a', condition: 'Fired' }))).kind, 'hub');
  });

  it('another resource is ignored', () => {
    const body = resourceHealthAlert(HUB, { current: 'Unavailable' }) as { data: { essentials: { alertTargetIDs: string[] } } };
    body.data.essentials.alertTargetIDs = [`/subscriptions/${SUB}/resourcegroups/rg/providers/microsoft.storage/storageaccounts/sa1`];
    assert.deepEqual(relevanceOf(signal(body)), { kind: 'ignored', why: 'not-an-iot-hub' });
  });

  it('a Service Health incident goes to its IoT Hub regions; maintenance and other services are ignored', () => {
    assert.deepEqual(relevanceOf(signal(serviceHealthAlert({ subscriptionId: SUB, trackingId: 'T1', stage: 'Active', regions: ['West Europe'] }))), {
      kind: 'service-health',
      trackingId: 'T1',
      regions: ['West Europe'],
    });
    assert.equal(relevanceOf(signal(serviceHealthAlert({ subscriptionId: SUB, trackingId: 'T1', stage: 'Planned', regions: ['West Europe'], incidentType: 'Maintenance' }))).kind, 'ignored');
    assert.equal(relevanceOf(signal(serviceHealthAlert({ subscriptionId: SUB, trackingId: 'T1', stage: 'Active', regions: ['West Europe'], service: 'Storage' }))).kind, 'ignored');
  });
});

describe('deliveryKey', () => {
  it('one activity-log event is one key whatever rule or alert carries it', () => {
    const a = signal(resourceHealthAlert(HUB, { current: 'Unavailable', eventDataId: 'E1', alertRule: 'rule-a' }));
    const b = signal(resourceHealthAlert(HUB, { current: 'Unavailable', eventDataId: 'E1', alertRule: 'rule-b' }));
    const c = signal(resourceHealthAlert(HUB, { current: 'Unavailable', eventDataId: 'E2' }));
    assert.equal(deliveryKey(a), deliveryKey(b));
    assert.notEqual(deliveryKey(a), deliveryKey(c));
  });

  it('a metric alert: its id and condition', () => {
    assert.equal(deliveryKey(signal(metricAlert(HUB, { alertId: 'ALERT-1', condition: 'Fired' }))), 'metric|alert-1|Fired');
  });
});

describe('subscriptions', () => {
  const draft = { key: 'c1', kind: 'channel' as const, teamId: 't1', reference: { serviceUrl: 'https://smba.example/' }, locale: 'en' as const, subscribedAt: '2026-05-04T09:00:00.000Z' };

  it('subscribing to all replaces a list; a hub named twice is already there', () => {
    const one = subscribe(null, draft, { id: 'h1', name: 'hub1' }, 0);
    assert.ok(one.kind === 'subscribed');
    assert.equal(subscribe(one.subscription, draft, { id: 'h1', name: 'hub1' }, 1).kind, 'already');
    const all = subscribe(one.subscription, draft, null, 1);
    assert.equal(all.kind === 'subscribed' && all.subscription.hubs, 'all');
  });

  it('the latest authenticated reference wins (Teams may move a serviceUrl)', () => {
    const first = subscribe(null, draft, null, 0);
    assert.ok(first.kind === 'subscribed');
    const again = subscribe(first.subscription, { ...draft, reference: { serviceUrl: 'https://smba.example/emea/' } }, null, 1);
    assert.deepEqual(again.kind === 'already' && again.subscription.reference, { serviceUrl: 'https://smba.example/emea/' });
  });

  it('refuses a new conversation past the limit', () => {
    assert.deepEqual(subscribe(null, draft, null, MAX_SUBSCRIPTIONS), { kind: 'too-many', limit: MAX_SUBSCRIPTIONS });
  });

  it('unsubscribing the last hub removes the subscription; one hub cannot leave "all"', () => {
    const hubs = subscription('c1', [{ id: 'h1', name: 'hub1' }]);
    assert.deepEqual(unsubscribe(hubs, 'h1'), { kind: 'removed', subscription: null });
    assert.deepEqual(unsubscribe(hubs, 'h2'), { kind: 'not-subscribed' });
    assert.deepEqual(unsubscribe(subscription('c2', 'all'), 'h1'), { kind: 'subscribed-to-all' });
    assert.deepEqual(unsubscribe(subscription('c2', 'all'), null), { kind: 'removed', subscription: null });
  });

  it('routes a hub to the conversations subscribed to it or to all', () => {
    const all = [subscription('a', 'all'), subscription('b', [{ id: HUB_ID, name: 'hub1' }]), subscription('c', [{ id: 'other', name: 'other' }])];
    const hub = hubTargetOf(HUB_ID);
    assert.ok(hub);
    assert.deepEqual(subscribersOfHub(all, hub).map((s) => s.key), ['a', 'b']);
  });

  it('routes a Service Health incident by region, display or short name, naming only the subscribed hubs', () => {
    const hubs = [
      { id: 'weu-1', name: 'weu-1', regions: ['West Europe', 'westeurope'] },
      { id: 'weu-2', name: 'weu-2', regions: ['westeurope'] },
      { id: 'eus-1', name: 'eus-1', regions: ['East US', 'eastus'] },
    ];
    const routed = subscribersInRegions([subscription('a', 'all'), subscription('b', [{ id: 'weu-2', name: 'weu-2' }]), subscription('c', [{ id: 'eus-1', name: 'eus-1' }])], hubs, ['West Europe']);
    assert.deepEqual(
      routed.map((entry) => [entry.subscription.key, entry.hubs.map((hub) => hub.name)]),
      [
        ['a', ['weu-1', 'weu-2']],
        ['b', ['weu-2']],
      ],
    );
  });
});
