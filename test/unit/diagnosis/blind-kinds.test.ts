// The kinds of paste a second, fresh held-back set (60 real pastes, half of them never seen here) showed being misread:
// ARM and terraform errors of the IoT Hub and DPS resource providers, other services' errors in logs, statuses and
// refusals written in the words of other clients, IoT Central's and Stream Analytics' messages, JavaScript's own errors.
// Each kind is checked on OTHER real instances than the held-back ones: pastes from public issues (their URLs above
// each) or the component's message as its source writes it. None of these texts is in a scored corpus.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diagnose } from '#src/diagnosis/diagnose.ts';
import type { LookalikeService, VerdictKind } from '#src/diagnosis/types.ts';
import { findingLabel } from './wild-score.ts';

interface Reading {
  verdict: VerdictKind;
  service: LookalikeService | null;
  findings: string[];
}

function read(text: string): Reading {
  const d = diagnose(text);
  return { verdict: d.verdict.kind, service: d.service, findings: d.findings.map(findingLabel) };
}

describe("ARM's DisallowedOperation and DisallowedProvider: the subscription's type, the caller's to change", () => {
  it('az, with its code (https://github.com/lacework-dev/scripts/pull/64)', () => {
    const text =
      'ERROR: (DisallowedOperation) The current subscription type is not permitted to perform operations on any provider namespace. Please use a different subscription.\nCode: DisallowedOperation';
    assert.deepEqual(read(text), { verdict: 'client-config', service: null, findings: ['-/400/DisallowedOperation'] });
  });

  it('a Go client printing the body as a map (https://github.com/SpecterOps/AzureHound/issues/65)', () => {
    const text =
      '2023-11-17T07:36:01Z ERR unable to continue processing managed clusters for this subscription error="map[error:map[code:DisallowedOperation message:The current subscription type is not permitted to perform operations on any provider namespace. Please use a different subscription.]]" subscriptionId=29***********45';
    assert.equal(read(text).verdict, 'client-config');
  });

  it("ARM's throttling of a subscription, as the Go SDK's ResponseError prints it (azcore: RESPONSE / ERROR CODE)", () => {
    // a terraform-provider-azurerm acceptance log (Microsoft.ManagedIdentity read throttled), cut
    const text = [
      'GET https://management.azure.com/subscriptions/xxx/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/image-registry',
      '--------------------------------------------------------------------------------',
      'RESPONSE 429: 429 Too Many Requests',
      'ERROR CODE: SubscriptionRequestsThrottled',
    ].join('\n');
    assert.deepEqual(read(text).verdict, 'transient-service');
    assert.ok(read(text).findings.includes('-/429/SubscriptionRequestsThrottled'), read(text).findings.join(', '));
  });

  it('PowerShell, the message alone (https://github.com/MicrosoftDocs/azure-docs/issues/32723)', () => {
    const text = 'Get-AzRoleDefinition : The current subscription type is not permitted to perform operations on any provider namespace. Please use a different subscription.';
    assert.deepEqual(read(text), { verdict: 'client-config', service: null, findings: ['-/400/DisallowedOperation'] });
  });

  it('DisallowedProvider, in its own message (https://github.com/microsoft/vscode-azurefunctions/issues/1694)', () => {
    const text =
      "Action: azureFunctions.createFunctionApp\nError type: DisallowedProvider\nError Message: The operation is not permitted for namespace 'Microsoft.Storage'. List of permitted provider namespaces is 'Microsoft.AlertsManagement,Microsoft.Authorization,Microsoft.Features,microsoft.insights'.";
    assert.deepEqual(read(text), { verdict: 'client-config', service: null, findings: ['-/400/DisallowedProvider'] });
  });
});

describe("the IoT Hub resource provider's errors are the hub's, even about its Event Hub-compatible endpoint", () => {
  it("an HTTP reason in ARM's code field is the management plane's status, not the data-plane error of that name", () => {
    // terraform-provider-azurerm's Go clients (autorest): 'StatusCode=504 -- Original Error: Code="GatewayTimeout"'; the
    // data plane's GatewayTimeout is 504101, a device that did not answer a direct method.
    const text = 'Error: creating/updating IotHub "hub-7": devices.IotHubResourceClient#CreateOrUpdate: Failure sending request: StatusCode=504 -- Original Error: Code="GatewayTimeout" Message="The gateway did not receive a response"';
    assert.deepEqual(read(text), { verdict: 'transient-service', service: null, findings: ['-/504/HTTP 504 Gateway Timeout'] });
    assert.equal(read('Original Error: Code="InternalServerError" Message="Internal server error"').verdict, 'transient-service');
    assert.equal(read('{"error":{"code":"NotFound","message":"The resource was not found"}}').verdict, 'client-config');
  });

  it('a consumer-group or routing-endpoint operation with an IH code is not Event Hubs', () => {
    // The RP's form of errors (its message ends "errorcode: IH500019."), on the hub's built-in endpoint's consumer groups.
    const text = [
      'Error: creating Consumer Group "cg-2" (Endpoint "events" / IoTHub "hub-7"): devices.IotHubResourceClient#CreateEventHubConsumerGroup: Failure responding to request: StatusCode=500',
      'Message="Internal Error. If you contact a support representative please include this correlation identifier: 4cc179b3-c6cc-4f0c-9e2c-1d3f5e5b7d00, timestamp: 2021-03-24 13:42:41Z, errorcode: IH500019."',
    ].join('\n');
    assert.deepEqual(read(text), { verdict: 'transient-service', service: null, findings: ['-/500/IH500019'] });
  });

  it("the RP's body {\"code\":N,\"httpStatusCode\":...} carries a resource-provider code, not the catalog's of that number", () => {
    // https://github.com/hashicorp/terraform-provider-azurerm/pull/18153 form, from the DPS resource provider: 404002 is
    // not JobNotFound there, and the failing resource is the provisioning service.
    const text =
      'Error: creating/updating IoT Device Provisioning Service: iothub.IotDpsResourceClient#CreateOrUpdate: Failure sending request: StatusCode=404 -- AdditionalInfo=[{"code":404002,"httpStatusCode":"NotFound","message":"Unable to find the IoThub `hub-9.azure-devices.net`."}]';
    const d = read(text);
    assert.deepEqual([d.verdict, d.service], ['not-iothub', 'dps']);
    assert.ok(!d.findings.some((f) => f.startsWith('404002/')), d.findings.join(', '));
  });
});

describe("the service's and other clients' words for throttling, refusals and statuses", () => {
  it('IoT Hub\'s "the request has been throttled." (https://github.com/Azure/azure-iot-sdk-csharp/issues/1189)', () => {
    const text = '> the request has been throttled. Wait 10 seconds and try again. Operation type: AmqpLinkOpen Tracking';
    assert.deepEqual(read(text), { verdict: 'transient-service', service: null, findings: ['-/429/RequestThrottled'] });
  });

  it("MQTT libraries' constants for CONNACK refusals (https://github.com/Azure/azure-iot-sdk-c/issues/373's title)", () => {
    assert.equal(read('mqtt_operation_complete_callback: CONN_REFUSED_NOT_AUTHORIZED').verdict, 'client-config');
    // AsyncMqttClient (onMqttDisconnect reason), lwmqtt, umqtt and PubSubClient: their enum names as logged
    assert.deepEqual(read('Disconnected from MQTT: MQTT_SERVER_UNAVAILABLE').findings, ['-/503/MQTT CONNACK 3 server unavailable']);
    assert.deepEqual(read('lwmqtt connect failed: LWMQTT_BAD_USERNAME_OR_PASSWORD').findings, ['-/401/MQTT CONNACK 4 bad user name or password']);
    assert.deepEqual(read('state: MQTT_CONNECT_UNAUTHORIZED').findings, ['-/401/MQTT CONNACK 5 not authorized']);
    assert.equal(read('MQTT_CONNECTED').findings.length, 0, 'a state that is no refusal');
  });

  it("the return code as MQTT clients' samples print it", () => {
    // Arduino PubSubClient's reconnect() sample: Serial.print("failed, rc="); Serial.print(client.state());
    assert.deepEqual(read('Attempting MQTT connection...failed, rc=5 try again in 5 seconds').findings, ['-/401/MQTT CONNACK 5 not authorized']);
    assert.deepEqual(read('Attempting MQTT connection...failed, rc=-2 try again in 5 seconds').findings, [], "PubSubClient's own -2: no CONNACK");
    assert.deepEqual(read('Open file failed, rc=5 Error[5]:Access is denied.').findings, [], 'not MQTT');
    // Eclipse Paho Python's samples: print("Connected with result code " + str(rc)) in on_connect
    assert.deepEqual(read('Connected with result code 5').findings, ['-/401/MQTT CONNACK 5 not authorized']);
    assert.deepEqual(read('Connected with result code 0').findings, []);
  });

  it('a status written before "response code" or in the old Node SDK\'s "Error: 500 - "', () => {
    // Go: fmt.Errorf("request failed with %d response code", res.StatusCode) and its kin ("returned %d response code")
    assert.deepEqual(read('error="Creating environment returned 404 response code"').findings, ['-/404/HTTP 404 Not Found']);
    assert.deepEqual(read('unexpected 503 http response code').findings, ['-/503/HTTP 503 Service Unavailable']);
    assert.deepEqual(read('received 200 response code').findings, [], 'a success is no error');
    // azure-storage-node StorageServiceClient._normalizeError / azure-sdk-for-node ServiceClient: statusCode + ' - ' + message
    assert.deepEqual(read('Error: 503 - The server is busy.').findings, ['-/503/HTTP 503 Service Unavailable']);
  });
});

describe('messages of the services around the hub', () => {
  it('IoT Central: a command the device did not answer (https://github.com/MicrosoftDocs/azure-docs/pull/89332)', () => {
    const text =
      'Request Timeout({"error":{"code":"RequestTimeout","message":"Request timeout waiting for the device. You can contact support at https://aka.ms/iotcentral-support. Please include the following information.';
    assert.equal(read(text).verdict, 'device-offline');
  });

  it('IoT Central names the device it waited for', () => {
    const text = 'Gateway timeout waiting for device thermostat-3 in application 9f0c2c39-2b35-4c39-9b63-7a6f8d3f4a10 to return the request.';
    assert.deepEqual(diagnose(text).context.deviceIds, ['thermostat-3']);
    assert.equal(read(text).verdict, 'device-offline');
  });

  it("Service Bus's messaging entity that is not there is Service Bus's (the sbResourceMgrExceptions page)", () => {
    // a Go Service Bus client's test fixture of a real answer, and a Spring Cloud Bus log
    const goClient =
      "amqp:not-found: The messaging entity 'sb://sb-prod-weu.servicebus.windows.net/invoices/$deadletterqueue' could not be found. To know more visit https://aka.ms/sbResourceMgrExceptions";
    assert.deepEqual(read(goClient), { verdict: 'not-iothub', service: 'service-bus', findings: ['-/404/MessagingEntityNotFound'] });
    const spring =
      "com.microsoft.azure.servicebus.primitives.MessagingEntityNotFoundException: The messaging entity 'vicky-sbus:Topic:springcloudbus|anonymous.6858c609' could not be found. To know more visit https://aka.ms/sbResourceMgrExceptions.  TrackingId:ac19b512-c5e4-48bc-9d66-9a985add4225_B13";
    assert.deepEqual([read(spring).verdict, read(spring).service], ['not-iothub', 'service-bus']);
  });

  it('a namespace that does not exist: the hub\'s AMQP namespace is the caller\'s to check; a Service Bus one is Service Bus\'s', () => {
    assert.equal(read('Test connection failed: Namespace sb://plant-7-hub.azure-devices.net:80/ does not exist.').verdict, 'client-config');
    const serviceBus = read('ServiceBusClient: Namespace sb://orders-ns.servicebus.windows.net/ does not exist.');
    assert.deepEqual([serviceBus.verdict, serviceBus.service], ['not-iothub', 'service-bus']);
  });

  it('a DPS request said to have failed is DPS\'s, even with an IoT Hub-shaped code', () => {
    const text = '  - ERROR: DPS (PUT) request has failed.\n{"errorCode":401002,"trackingId":"0f5d3b7e-9f6a-4c1c-8f0e-2b1d6c0e4a11","message":"Unauthorized"}';
    assert.deepEqual([read(text).verdict, read(text).service], ['not-iothub', 'dps']);
  });
});

describe("JavaScript's own errors, told without their name, are named (and say nothing of the hub)", () => {
  it('IoT Explorer (https://github.com/Azure/azure-iot-explorer/issues/695 and #363)', () => {
    assert.deepEqual(read("cannot read properties of undefined (reading 'address')"), { verdict: 'unknown', service: null, findings: ['-/-/TypeError'] });
    assert.deepEqual(read('Failed to retrieve device list: Cannot read property ‘headers’ undefined').findings, [], 'not the message as JavaScript writes it');
    assert.deepEqual(read('callback is not a function').findings, ['-/-/TypeError']);
    assert.deepEqual(read('Unexpected token < in JSON at position 0').findings, ['-/-/SyntaxError']);
  });
});
