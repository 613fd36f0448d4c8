import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { failureMessage, operationIdFrom } from '#src/azure/failover.ts';
import { describeArmError, safeText } from '#src/azure/errors.ts';
import { normalizeHostName } from '#src/azure/hubs.ts';
import { hubRegionKeys, normalizeResourceId, parseHubId, regionKey } from '#src/azure/map.ts';

describe('safe text from ARM', () => {
  it('drops URLs, tokens, keys and signatures, and bounds the length', () => {
    const text = safeText(
      'Failed at https://management.azure.com/x?sig=abc&se=1 with Bearer eyJhbGciOi.eyJzdWIi.c2ln and SharedAccessSignature sr=a&sig=b, AccountKey=Zm9vYmFy; password=hunter2',
    );
    for (const secret of ['management.azure.com', 'eyJhbGciOi', 'sr=a&sig=b', 'Zm9vYmFy', 'hunter2']) assert.ok(!text.includes(secret), `${secret} in ${text}`);
    assert.equal(safeText('x'.repeat(1000)).length, 300);
  });

  it('turns a failed LRO into "message (code)"', () => {
    assert.equal(failureMessage(new Error('The long-running operation has failed. ManualFailoverFailed. The hub stays put.')), 'The hub stays put. (ManualFailoverFailed)');
    assert.equal(failureMessage(new Error('The long-running operation has failed')), 'The failover failed.');
    assert.equal(failureMessage(new Error('Operation was canceled')), 'The failover was cancelled.');
    assert.equal(operationIdFrom('http://127.0.0.1:1/subscriptions/s/providers/Microsoft.Devices/operationResults/b3NfaWhf?api-version=1&asyncinfo'), 'b3NfaWhf');
    assert.equal(operationIdFrom(undefined), null);
  });

  it('maps an unexpected throw to unknown without echoing it', () => {
    const failure = describeArmError(new TypeError('secret detail sig=abc'));
    assert.equal(failure.reason, 'unknown');
    assert.ok(!failure.detail.includes('sig'));
  });
});

describe('identity helpers', () => {
  it('normalises host names, ids and regions', () => {
    assert.equal(normalizeHostName(' HTTPS://Hub.Azure-Devices.NET:443/path '), 'hub.azure-devices.net');
    assert.equal(normalizeHostName('hub.azure-devices.net.'), 'hub.azure-devices.net');
    assert.equal(normalizeResourceId('subscriptions/S/resourceGroups/R/'), '/subscriptions/s/resourcegroups/r');
    assert.deepEqual(parseHubId('/subscriptions/s/resourcegroups/r/providers/microsoft.devices/IOTHUBS/h'), { subscriptionId: 's', resourceGroup: 'r', name: 'h' });
    assert.equal(parseHubId('/subscriptions/s/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/h'), null);
    assert.equal(regionKey('East US 2'), regionKey('eastus2'));
    const keys = hubRegionKeys({
      id: '', subscriptionId: '', resourceGroup: '', name: '', hostName: '', location: 'southeastasia',
      locations: [{ location: 'Southeast Asia', role: 'primary' }, { location: 'East Asia', role: 'secondary' }],
      state: 'Active', provisioningState: 'Succeeded', drDisabled: false, skuName: 'S1', deviceCount: null,
    });
    assert.deepEqual([...keys], ['southeastasia']);
  });
});
