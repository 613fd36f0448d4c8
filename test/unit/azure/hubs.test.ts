import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ArmLookupError } from '#src/azure/index.ts';
import { TEST_RESOURCE_GROUP as RG, TEST_SUBSCRIPTION_ID as SUB, type ScenarioDefinition } from '#src/sim/index.ts';
import { fixtureHub } from '#test/support/hubs.ts';
import { edgeFor, fakeTime, hubNamed, startSimulator } from '#test/support/azure.ts';

const OTHER_SUB = '5d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';
const CONTOSO_ID = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Devices/IotHubs/contoso-iot`;

const twoSubscriptions: ScenarioDefinition = {
  name: 'two-subscriptions',
  pageSize: 1,
  hubs: [
    { subscriptionId: SUB, resourceGroup: RG, name: 'contoso-iot', primaryLocation: 'West US', secondaryLocation: 'East US' },
    { subscriptionId: SUB, resourceGroup: 'rg-other', name: 'shared-name', hostName: 'shared-name-a.azure-devices.net', primaryLocation: 'West US', secondaryLocation: 'East US' },
    { subscriptionId: OTHER_SUB, resourceGroup: 'rg-b', name: 'shared-name', hostName: 'shared-name-b.azure-devices.net', primaryLocation: 'UK South', secondaryLocation: 'UK West' },
    { subscriptionId: OTHER_SUB, resourceGroup: 'rg-b', name: 'residency-hub', primaryLocation: 'Brazil South', enableDataResidency: true },
  ],
};

describe('HubDirectory over ARM', () => {
  it('resolves by host name, name and resource id, case-insensitively, across subscriptions and pages', async (t) => {
    const sim = await startSimulator(t, twoSubscriptions);
    const edge = edgeFor(sim);
    const byHost = await edge.directory.resolve({ kind: 'hostName', value: 'CONTOSO-IOT.Azure-Devices.net' });
    assert.equal(byHost.kind, 'found');
    if (byHost.kind !== 'found') return;
    assert.deepEqual(byHost.hub, fixtureHub('contoso-iot', { subscriptionId: SUB, resourceGroup: RG }));
    assert.equal(byHost.hub.id, CONTOSO_ID);
    const byName = await edge.directory.resolve({ kind: 'name', value: 'Residency-Hub' });
    assert.equal(byName.kind === 'found' && byName.hub.drDisabled, true);
    assert.equal(byName.kind === 'found' && byName.hub.subscriptionId, OTHER_SUB);
    const byId = await edge.directory.resolve({ kind: 'resourceId', value: CONTOSO_ID.toLowerCase().slice(1) + '/' });
    assert.equal(byId.kind === 'found' && byId.hub.name, 'contoso-iot');
    const byHostUrl = await edge.directory.resolve({ kind: 'hostName', value: 'https://shared-name-b.azure-devices.net:443/' });
    assert.equal(byHostUrl.kind === 'found' && byHostUrl.hub.subscriptionId, OTHER_SUB);
    assert.equal((await edge.directory.list()).length, 4, 'every page of every subscription');
    assert.equal(sim.countRequests({ route: 'hubs.listBySubscription' }), 4, 'two pages per subscription, listed once');
  });

  it('says which subscriptions it searched for an unknown hub, and lists candidates for an ambiguous name', async (t) => {
    const sim = await startSimulator(t, twoSubscriptions);
    const edge = edgeFor(sim);
    const unknown = await edge.directory.resolve({ kind: 'hostName', value: 'nope.azure-devices.net' });
    assert.deepEqual(unknown, { kind: 'unknown', query: { kind: 'hostName', value: 'nope.azure-devices.net' }, searchedSubscriptions: [SUB, OTHER_SUB] });
    const ambiguous = await edge.directory.resolve({ kind: 'name', value: 'shared-name' });
    assert.equal(ambiguous.kind, 'ambiguous');
    if (ambiguous.kind === 'ambiguous') assert.deepEqual(ambiguous.candidates.map((hub) => hub.subscriptionId).sort(), [SUB, OTHER_SUB].sort());
  });

  it('never trusts a resource id that is not in the inventory', async (t) => {
    const sim = await startSimulator(t, 'healthy');
    const edge = edgeFor(sim);
    const forged = `/subscriptions/${OTHER_SUB}/resourceGroups/${RG}/providers/Microsoft.Devices/IotHubs/contoso-iot`;
    const resolution = await edge.directory.resolve({ kind: 'resourceId', value: forged });
    assert.equal(resolution.kind, 'unknown');
    assert.equal(sim.countRequests({ route: 'hubs.get' }), 0);
  });

  it('caches the inventory, re-lists on a miss at most once per interval, and shares one listing', async (t) => {
    const sim = await startSimulator(t, 'healthy');
    const time = fakeTime();
    const edge = edgeFor(sim, { now: time.now, inventoryMissRefreshMs: 60_000, inventoryTtlMs: 600_000 });
    const lists = (): number => sim.countRequests({ route: 'hubs.listBySubscription' });

    const concurrent = await Promise.all(Array.from({ length: 20 }, () => edge.directory.resolve({ kind: 'name', value: 'contoso-iot' })));
    assert.ok(concurrent.every((resolution) => resolution.kind === 'found'));
    assert.equal(lists(), 1, '20 concurrent lookups, one listing');

    assert.equal((await edge.directory.resolve({ kind: 'name', value: 'contoso-iot-eu' })).kind, 'found');
    assert.equal((await edge.directory.resolve({ kind: 'name', value: 'new-hub' })).kind, 'unknown');
    assert.equal(lists(), 1, 'a miss right after a listing does not re-list');

    // A hub appears in Azure; a miss after the interval re-lists and finds it.
    sim.loadScenario({ name: 'grown', hubs: [{ subscriptionId: SUB, resourceGroup: RG, name: 'new-hub', primaryLocation: 'West US', secondaryLocation: 'East US' }] });
    time.advance(59_000);
    assert.equal((await edge.directory.resolve({ kind: 'name', value: 'new-hub' })).kind, 'unknown');
    assert.equal(lists(), 0);
    time.advance(1_000);
    assert.equal((await edge.directory.resolve({ kind: 'name', value: 'new-hub' })).kind, 'found');
    assert.equal(lists(), 1);
    assert.equal((await edge.directory.resolve({ kind: 'name', value: 'still-missing' })).kind, 'unknown');
    assert.equal(lists(), 1);

    time.advance(600_000);
    await edge.directory.list();
    assert.equal(lists(), 2, 'the inventory expires after its TTL');
  });

  it('refresh() re-reads one hub with a GET and updates the inventory', async (t) => {
    const sim = await startSimulator(t, 'healthy');
    const edge = edgeFor(sim);
    const hub = await hubNamed(edge, 'contoso-iot');
    await edge.failover.start(hub, 'East US');
    sim.completeFailover('contoso-iot');
    const fresh = await edge.directory.refresh(hub);
    assert.equal(sim.countRequests({ route: 'hubs.get', hub: 'contoso-iot' }), 1);
    assert.equal(fresh.location, 'eastus');
    assert.deepEqual(fresh.locations, [
      { location: 'East US', role: 'primary' },
      { location: 'West US', role: 'secondary' },
    ]);
    assert.equal((await hubNamed(edge, 'contoso-iot')).location, 'eastus', 'the inventory holds the refreshed hub');
    await assert.rejects(edge.directory.refresh({ ...hub, name: 'gone-hub' }), (error: unknown) => error instanceof ArmLookupError && error.reason === 'not-found');
    await assert.rejects(edge.directory.refresh({ ...hub, subscriptionId: OTHER_SUB }), (error: unknown) => error instanceof ArmLookupError && error.reason === 'forbidden');
  });

  it('reports a subscription it could not list instead of calling the hub unknown', async (t) => {
    const sim = await startSimulator(t, 'healthy');
    sim.injectFault({ route: 'hubs.listBySubscription', action: 'status', status: 403 });
    const edge = edgeFor(sim);
    const resolution = await edge.directory.resolve({ kind: 'name', value: 'contoso-iot' });
    assert.equal(resolution.kind, 'failed');
    if (resolution.kind === 'failed') {
      assert.equal(resolution.reason, 'forbidden');
      assert.match(resolution.detail, /403/);
    }
    await assert.rejects(edge.directory.list(), (error: unknown) => error instanceof ArmLookupError && error.reason === 'forbidden');
  });

  it('gives up when the caller stops waiting', async (t) => {
    const sim = await startSimulator(t, 'healthy');
    sim.injectFault({ route: 'hubs.listBySubscription', action: 'hang' });
    const edge = edgeFor(sim);
    const resolution = await edge.directory.resolve({ kind: 'name', value: 'contoso-iot' }, AbortSignal.timeout(100));
    assert.equal(resolution.kind, 'failed');
    if (resolution.kind === 'failed') assert.equal(resolution.reason, 'timeout');
  });
});
