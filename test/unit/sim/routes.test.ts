import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchRoute, parseRawUrl } from '#src/sim/routes.ts';

const hubPath = '/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.Devices/IotHubs/hub-1';

describe('parseRawUrl', () => {
  it('keeps a leading // out of the host and collapses it', () => {
    const url = parseRawUrl(`//subscriptions/s/resourceGroups/r?api-version=1`);
    assert.equal(url.path, '/subscriptions/s/resourceGroups/r');
    assert.equal(url.rawPath, '//subscriptions/s/resourceGroups/r');
    assert.equal(url.query.get('api-version'), '1');
  });

  it('reads bare keys, "=undefined" values and lower-cases keys', () => {
    const bare = parseRawUrl('/x?api-version=2023-06-30&operationSource=os_ih&asyncinfo');
    assert.equal(bare.query.get('asyncinfo'), '');
    assert.equal(bare.query.get('operationsource'), 'os_ih');
    const sdk = parseRawUrl('/x?api-version=2023-06-30&asyncinfo=undefined');
    assert.equal(sdk.query.has('asyncinfo'), true);
    assert.equal(parseRawUrl('/x?API-Version=a%2Fb').query.get('api-version'), 'a/b');
  });
});

describe('matchRoute', () => {
  const route = (method: string, raw: string): string => {
    const found = matchRoute(method, parseRawUrl(raw));
    return found.kind === 'match' ? found.match.route : found.kind;
  };

  it('recognises every ARM operation, case-insensitively', () => {
    assert.equal(route('GET', '/subscriptions/sub-1/providers/Microsoft.Devices/IotHubs?api-version=1'), 'hubs.listBySubscription');
    assert.equal(route('GET', '/SUBSCRIPTIONS/sub-1/RESOURCEGROUPS/rg-1/providers/microsoft.devices/iothubs'), 'hubs.listByResourceGroup');
    assert.equal(route('GET', hubPath.toLowerCase()), 'hubs.get');
    assert.equal(route('POST', `${hubPath}/failover`), 'failover.start');
    assert.equal(route('GET', `/${hubPath}/providers/Microsoft.ResourceHealth/availabilityStatuses/current`), 'health.current');
    assert.equal(route('GET', '/subscriptions/sub-1/providers/Microsoft.ResourceHealth/events'), 'events.list');
    assert.equal(route('GET', '/subscriptions/sub-1/providers/Microsoft.Devices/operationResults/abc?asyncinfo=undefined'), 'failover.status');
    assert.equal(route('GET', '/subscriptions/sub-1/providers/Microsoft.Devices/locations/eastus/operationResults/abc?api-version=1'), 'failover.result');
  });

  it('extracts the ids from the path', () => {
    const found = matchRoute('GET', parseRawUrl(`//${hubPath.slice(1)}/providers/Microsoft.ResourceHealth/availabilityStatuses/current`));
    assert.equal(found.kind, 'match');
    if (found.kind !== 'match') return;
    assert.deepEqual(found.match, { route: 'health.current', subscriptionId: 'sub-1', resourceGroup: 'rg-1', hubName: 'hub-1', operationId: null });
  });

  it('tells a wrong method from an unknown path', () => {
    assert.equal(route('GET', `${hubPath}/failover`), 'method-not-allowed');
    assert.equal(route('DELETE', hubPath), 'method-not-allowed');
    assert.equal(route('GET', '/subscriptions/sub-1/providers/Microsoft.Storage/storageAccounts'), 'no-route');
  });
});
