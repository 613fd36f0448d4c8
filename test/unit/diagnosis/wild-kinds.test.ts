// The kinds of paste the wild corpus showed being misread, one small paste per form (written for these tests,
// in the forms the SDKs and tools print): HTTP statuses written other ways, the C SDK's CONNACK, codes named by
// a documented message, resource-provider codes, hub timeouts, device ids in other forms.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diagnose } from '#src/diagnosis/diagnose.ts';
import type { VerdictKind } from '#src/diagnosis/types.ts';

/** [code, name, httpStatus] of each finding, most severe first, and the verdict. */
function read(text: string): { findings: [number | null, string | null, number | null][]; verdict: VerdictKind } {
  const d = diagnose(text);
  return { findings: d.findings.map((f) => [f.code, f.name, f.httpStatus]), verdict: d.verdict.kind };
}

function statusOf(text: string): number | null {
  return diagnose(text).findings[0]?.httpStatus ?? null;
}

describe('HTTP statuses written other ways', () => {
  const cases: [string, number][] = [
    ["RetryError: HTTPSConnectionPool(host='plant-7.azure-devices.net', port=443): Max retries exceeded with url: /devices/p-1?api-version=2021-04-12 (Caused by ResponseError('too many 503 error responses'))", 503],
    ['Error: Time:Tue Mar  4 10:00:00 2025 File:/sdk/c-utility/adapters/httpapi_curl.c Func:HTTPAPI_ExecuteRequest Line:594 Failure in HTTP communication: server reply code is 401', 401],
    ['Error: File:/sdk/iothub_client/src/iothubtransporthttp.c Func:DoEvent Line:1821 unexpected HTTP status code (404)', 404],
    ['[warning]: HTTP failed response code was 413', 413],
    ["msrest.exceptions.HttpOperationError: Operation returned an invalid status code 'Bad Request'", 400],
    ["Operation returned an invalid status code 'PreconditionFailed'", 412],
    ["Error when updating the device: Operation failed with status: 'Forbidden'.", 403],
    ['Error: Bad Request\n    at IncomingMessage.<anonymous> (/app/node_modules/azure-iot-http-base/dist/http.js:116:21)', 400],
    ['UnauthorizedError: Unauthorized\n    at Object.translateError (/app/node_modules/azure-iot-common/dist/errors.js:1:1)', 401],
    ['InternalServerError: InternalServerError', 500],
    ['<BODY><h2>Length Required</h2>\n<hr><p>HTTP Error 411. The request must be chunked or have a content length.</p>', 411],
    ['requests.exceptions.HTTPError: 409 Client Error: Conflict for url: https://plant-7.azure-devices.net/configurations/c1', 409],
    ['Management operation failed. status-code: 404, status-description: The messaging entity could not be found.', 404],
    ['2024-05-01T10:00:00.0000000Z Status Code:\n2024-05-01T10:00:00.0000001Z Conflict\n', 409],
  ];
  for (const [text, status] of cases) it(`${text.slice(0, 70)} → ${status}`, () => assert.equal(statusOf(text), status));

  it('takes no status from a reason phrase inside a sentence, nor from "throttled" alone', () => {
    assert.deepEqual(read('We were throttled yesterday and the request was throttled again.').findings, []);
    assert.deepEqual(read('Error: Not Foundation classes loaded').findings, []);
  });
});

describe("the C SDK's CONNACK refusal", () => {
  it('reads RETURN_CODE in its MQTT trace and "Connection Not Accepted: 0x5" in its error line', () => {
    assert.deepEqual(read('<- 10:20:30 CONNACK | SESSION_PRESENT: false | RETURN_CODE: 0x5').findings, [[null, 'MQTT CONNACK 5 not authorized', 401]]);
    const line = 'Error: Time:Mon Jan  6 10:20:30 2025 File:/sdk/iothub_client/src/iothubtransport_mqtt_common.c Func:mqtt_operation_complete_callback Line:1400 Connection Not Accepted: 0x5: Not Authorized';
    assert.deepEqual(read(line), { findings: [[null, 'MQTT CONNACK 5 not authorized', 401]], verdict: 'client-config' });
    assert.deepEqual(read('<- 10:20:30 CONNACK | SESSION_PRESENT: false | RETURN_CODE: 0x0').findings, [], 'accepted');
  });

  it('lets the SDK exception that raised a CONNACK 3 say what it meant', () => {
    const text = 'Microsoft.Azure.Devices.Client.Exceptions.UnauthorizedException: CONNECT failed: RefusedServerUnavailable\n   at Microsoft.Azure.Devices.Client.Transport.Mqtt.MqttTransportHandler.OpenAsyncInternal()';
    assert.deepEqual(read(text), { findings: [[null, 'UnauthorizedException', 401]], verdict: 'client-config' });
    assert.equal(read('MQTT connect attempt 1 failed: CONNECT failed: RefusedServerUnavailable').verdict, 'transient-service', 'alone it is the hub');
  });
});

describe('codes named by an exception or a message the service writes for them', () => {
  it('DeviceMaximumQueueDepthExceededException is 403004', () => {
    assert.deepEqual(read('Microsoft.Azure.Devices.Common.Exceptions.DeviceMaximumQueueDepthExceededException: Device Queue depth cannot exceed 50 messages').findings, [
      [403004, 'DeviceMaximumQueueDepthExceeded', 403],
    ]);
  });

  it('DeviceNotFoundException "Not registered" is 404001; with a body it is the body\'s code', () => {
    assert.deepEqual(read('Microsoft.Azure.Devices.Common.Exceptions.DeviceNotFoundException -> Not registered').findings, [[404001, 'DeviceNotFound', 404]]);
    assert.deepEqual(read('DeviceNotFoundException: {"Message":"{\\"errorCode\\":404103}"}').findings, [[404103, 'DeviceNotOnline', 404]]);
  });

  it('"Timed out waiting for the response from device" is 504101: the device did not answer', () => {
    assert.deepEqual(read("Failed to invoke method 'reboot': Timed out waiting for the response from device."), {
      findings: [[504101, 'GatewayTimeout', 504]],
      verdict: 'device-offline',
    });
  });

  it('"Another AMQP Client has opened a Receive Link" is 400027, whatever class carries it', () => {
    const text = 'com.microsoft.azure.sdk.iot.device.transport.amqps.exceptions.AmqpInternalErrorException: Another AMQP Client has opened a Receive Link';
    assert.deepEqual(read(text), { findings: [[400027, 'ConnectionForcefullyClosedOnNewConnection', 400]], verdict: 'client-config' });
  });
});

describe('resource-provider codes', () => {
  it('are named by their IH code with their HTTP class, never by the data-plane name of the number', () => {
    const arm = '(Conflict) {"code":409002,"httpStatusCode":"Conflict","message":"Hub name is taken. If you contact a support representative please include this correlation identifier: 0d9c8b7a-6f5e-4d3c-2b1a-09f8e7d6c5b4, timestamp: 2025-06-12 10:02:44Z, errorcode: IH409002."}';
    assert.deepEqual(read(arm), { findings: [[null, 'IH409002', 409]], verdict: 'client-config' });
    const timedOut = 'Basic Sku is only supported in api version 2018-04-01 and above. correlation identifier: 2c86e65e-4e83-4af5-87f4-c7e637cea4f6, errorcode: IH400024.';
    assert.deepEqual(read(timedOut), { findings: [[null, 'IH400024', 400]], verdict: 'client-config' }, 'data-plane 400024 is a transient timeout');
    assert.deepEqual(read('{"errorCode":409002}').findings, [[409002, 'LinkCreationConflict', 409]], 'without an IH code the number is the data plane');
  });
});

describe('timeouts talking to IoT Hub', () => {
  it('an IotHubCommunicationException that timed out is the hub not answering in time', () => {
    const edge = [
      '<4> 2025-03-01 10:00:00.000 +00:00 [WRN] - Error creating cloud connection for client gw-1/$edgeHub',
      'Microsoft.Azure.Devices.Client.Exceptions.IotHubCommunicationException: The operation has timed out. ---> System.TimeoutException: The operation has timed out.',
      '   at Microsoft.Azure.Devices.Client.Transport.Amqp.AmqpConnectionHolder.EnsureConnection(TimeSpan timeout)',
    ].join('\n');
    assert.deepEqual(read(edge), { findings: [[null, 'IotHubCommunicationException', null]], verdict: 'transient-service' });
    const wrapped = 'System.TimeoutException: The operation timed out.\n ---> Microsoft.Azure.Devices.Client.Exceptions.IotHubCommunicationException: Transient network error occurred, please retry.';
    assert.equal(read(wrapped).verdict, 'transient-service');
  });

  it("a TimeoutException on an operation the log says was with the hub (edgeHub's cloud connection) is the hub not answering", () => {
    const edge = '2025-03-01 10:00:00.000 +00:00 [WRN] - Error creating cloud connection for client gw-7/reader\nSystem.TimeoutException: Operation timeout expired.\n   at Microsoft.Azure.Devices.Client.InternalClient.ApplyTimeout()';
    assert.deepEqual(read(edge), { findings: [[null, 'TimeoutException', null]], verdict: 'transient-service' });
    assert.equal(read('[WRN] - Error getting edge agent twin from IoTHub\nSystem.TimeoutException: The operation timed out.').verdict, 'transient-service');
  });

  it('with a socket failure, or without a timeout, it stays a network failure', () => {
    const reset = 'Microsoft.Azure.Devices.Client.Exceptions.IotHubCommunicationException: Transient network error occurred, please retry.\n ---> System.Net.Sockets.SocketException (10054): An existing connection was forcibly closed by the remote host.';
    assert.equal(read(reset).verdict, 'not-iothub');
    assert.equal(read('System.TimeoutException: Operation timeout expired.\n   at Microsoft.Azure.Devices.Client.InternalClient.ApplyTimeout()').verdict, 'not-iothub');
    const local = 'Unhandled exception. Microsoft.Azure.Devices.Edge.Util.Edged.WorkloadCommunicationException: Error calling CreateServerCertificateAsync: HSM failure';
    assert.equal(read(local).verdict, 'not-iothub', 'the IoT Edge security daemon is local');
  });
});

describe('device ids in other forms', () => {
  const devicesOf = (text: string) => diagnose(text).context.deviceIds;
  const cases: [string, string][] = [
    ["Failed to invoke method on device rpi-4: Error: {\"errorCode\":404103}", 'rpi-4'],
    ['Failed to update device meter_7, retrying', 'meter_7'],
    ['[Edge Device] Creating Edge Device \'gw#2\'', 'gw#2'],
    ['az iot device send-d2c-message -n plant-hub -d press-07 --data hello', 'press-07'],
    ['$ iothub-explorer create line-3-sensor --connection-string', 'line-3-sensor'],
    ['response = registry_manager.invoke_device_method("sensor-9", method)', 'sensor-9'],
    ["await registry.GetTwinAsync('pump-12');", 'pump-12'],
    ['USERNAME: plant.azure-devices.net/boiler-1/api-version=2016-11-14&DeviceClientType=iothubclient%2F1.1.12', 'boiler-1'],
    ['[WRN] - Error creating cloud connection for client gw-5/SimulatedTemperatureSensor', 'gw-5'],
    ['[WRN] - Did not receive ack for message 1 from device/module gw-6/bridge', 'gw-6'],
  ];
  for (const [text, id] of cases) it(`${text.slice(0, 60)} → ${id}`, () => assert.ok(devicesOf(text).includes(id), JSON.stringify(devicesOf(text))));

  it('takes no word of prose for an id, nor a connection string or a logger call for a device call', () => {
    assert.deepEqual(devicesOf('It works on device twin updates, but to device messages fail.'), []);
    assert.deepEqual(devicesOf('client = IoTHubDeviceClient.create_from_connection_string("HostName=h.azure-devices.net;DeviceId=d1;SharedAccessKey=x")'), ['d1']);
    assert.deepEqual(devicesOf('console.log("device-7 failed")'), []);
  });
});

describe('tracking ids', () => {
  const idsOf = (text: string) => diagnose(text).context.trackingIds;
  it('are read whole, with a space in their time stamp, an ISO time stamp, a "-G2:" gateway, or two gateway hops', () => {
    assert.deepEqual(idsOf('Tracking ID:0123456789abcdef0123456789abcdef-G:4-TimeStamp:12/07/2026 21:30:12'), ['0123456789abcdef0123456789abcdef-G:4-TimeStamp:12/07/2026 21:30:12']);
    assert.deepEqual(idsOf('"trackingId":"FC7347D22C034F439FE952810E759C0D-G2:-TimeStamp:2024-02-27T17:27:48.272248437+00:00"'), [
      'FC7347D22C034F439FE952810E759C0D-G2:-TimeStamp:2024-02-27T17:27:48.272248437+00:00',
    ]);
    const twoHops = '40a7dd98fc2d4836b1c045996665b23d-G:9-TimeStamp:12/03/2019 15:00:09-G:11-TimeStamp:12/03/2019 15:00:09';
    assert.deepEqual(idsOf(`{"errorCode":504101,"trackingId":"${twoHops}"}`), [twoHops]);
    assert.deepEqual(idsOf(`error 500001 ${twoHops.slice(0, 66)}.`), [twoHops.slice(0, 66)], 'bare, then a full stop');
  });
});

describe('the az iot extension cannot find the hub', () => {
  it('is a caller-side problem, with the hub name read', () => {
    const d = diagnose('ERROR: Unable to find IoT Hub: plant-hub-7 in current subscription 0000-0000.');
    assert.deepEqual([d.findings.map((f) => f.name), d.verdict.kind, d.context.hubNames], [['IotHubNotFoundInSubscription'], 'client-config', ['plant-hub-7']]);
    assert.equal(diagnose('Unable to find IoT Hub: plant-hub-7 in resource group: rg-1').verdict.kind, 'client-config');
  });
});

describe('other Azure services that look like IoT Hub', () => {
  const seen = (text: string) => {
    const d = diagnose(text);
    return { service: d.service, verdict: d.verdict.kind };
  };
  const cases: [string, string, string][] = [
    [
      'event-hubs',
      "Microsoft.Azure.EventHubs.ReceiverDisconnectedException: New receiver with higher epoch of '3' is created hence current receiver with epoch '2' is getting disconnected. TrackingId:0f1e2d3c4b5a69788796a5b4c3d2e1f0_B7, SystemTracker:plant-ns:eventhub:telemetry~1|$default",
      'an epoch conflict on a consumer group',
    ],
    [
      'event-hubs',
      "UnauthorizedError: Unauthorized access. 'Listen' claim(s) are required to perform this operation. Resource: 'sb://ihsuprodams123dednamespace.servicebus.windows.net/iothub-ehub-plant-1234-abcdef0123/consumergroups/$default/partitions/0'",
      "the hub's built-in Event Hub-compatible endpoint",
    ],
    [
      'service-bus',
      'Azure.Messaging.ServiceBus.ServiceBusException: The messaging entity could not be found. To know more visit https://aka.ms/sbResourceMgrExceptions. (MessagingEntityNotFound)\nStatus: 404 (Not Found)',
      'a queue that does not exist',
    ],
    [
      'storage',
      'Azure.RequestFailedException: This request is not authorized to perform this operation using this permission.\nStatus: 403 (This request is not authorized to perform this operation using this permission.)\nErrorCode: AuthorizationPermissionMismatch\nHeaders: x-ms-error-code: AuthorizationPermissionMismatch',
      'a blob write refused by Storage RBAC',
    ],
    [
      'dps',
      'Error: Time:Tue Mar  4 10:00:00 2025 File:/sdk/provisioning_client/src/prov_device_ll_client.c Func:Prov_Device_LL_DoWork Line:1216 Timed out connecting to provisioning service\nFailure registering device: PROV_DEVICE_RESULT_TIMEOUT',
      'the C provisioning client',
    ],
    [
      'dps',
      'ProvisioningTransportException: {"errorCode":401002,"message":"The device registration is not authorized."}\nEndpoint: global.azure-devices-provisioning.net',
      'a DPS registration refused, with a code that IoT Hub also uses',
    ],
  ];
  for (const [service, text, what] of cases) {
    it(`${service}: ${what}`, () => assert.deepEqual(seen(text), { service, verdict: 'not-iothub' }));
  }

  it('leaves IoT Hub pastes that merely mention another service to IoT Hub', () => {
    assert.deepEqual(seen('Device gw-dps-1 was provisioned by DPS, then: {"errorCode":401002,"message":"IotHubUnauthorizedAccess"} from plant.azure-devices.net'), {
      service: null,
      verdict: 'client-config',
    });
    assert.deepEqual(seen('Error creating cloud connection for client dps-edge-7/SimulatedTemperatureSensor\nUnauthorizedException: error(condition:amqp:unauthorized-access)'), {
      service: null,
      verdict: 'client-config',
    });
    const upload = 'IoTHubClient_LL_UploadToBlob failed: {"errorCode":400008,"message":"BlobContainerValidationError"} container https://plantstore.blob.core.windows.net/uploads';
    assert.deepEqual(seen(upload), { service: null, verdict: 'client-config' });
  });
});

describe('errors named where nothing IoT Hub is known', () => {
  it('names the exception a trace shows (not its wrapper), unclassified', () => {
    const d = diagnose('java.util.concurrent.ExecutionException: java.lang.IllegalArgumentException: JSON does not contain Operation Id\n\tat a.b.C.d(C.java:1)');
    assert.deepEqual([d.findings.map((f) => [f.name, f.httpStatus, f.transient]), d.verdict.kind], [[['IllegalArgumentException', null, null]], 'unknown']);
    assert.deepEqual(diagnose("TypeError: 'NoneType' object is not subscriptable").findings.map((f) => f.name), ['TypeError']);
    assert.deepEqual(diagnose('the Error: word and an ordinary sentence').findings, []);
  });

  it('reads Resource Manager error codes in ARM bodies and az output', () => {
    assert.deepEqual(read("(ResourceNotFound) The Resource 'Microsoft.Devices/IotHubs/plant-7' under resource group 'rg' was not found."), {
      findings: [[null, 'ResourceNotFound', 404]],
      verdict: 'client-config',
    });
    assert.deepEqual(read('{"error":{"code":"AuthorizationFailed","message":"The client does not have authorization"}}').findings, [[null, 'AuthorizationFailed', 403]]);
    assert.deepEqual(read('we saw ResourceNotFound in the portal').findings, [], 'only where an error body names it');
  });

  it("reads uamqp's ErrorCodes names as the AMQP conditions", () => {
    assert.deepEqual(read('LinkDetach("ErrorCodes.UnauthorizedAccess: Unauthorized access.")').findings, [[null, 'amqp:unauthorized-access', 401]]);
  });

  it('reads the status of a failed CBS put-token, and a 504 of a direct method call as the device not answering', () => {
    assert.deepEqual(read('iothubtransportamqp.c Func:processCBSReply Line:1222 The CBS put token operation failed: 401').findings, [[null, 'HTTP 401 Unauthorized', 401]]);
    const method = 'MethodInvokeOperation: completing with error HTTP operation returned: 504 GatewayTimeoutError(Error: Gateway Timeout)';
    assert.equal(read(method).verdict, 'device-offline');
    assert.equal(read('POST /devices/d1/messages: HTTP operation returned: 504 Gateway Timeout').verdict, 'transient-service');
  });
});

describe('a dropped connection without its cause', () => {
  it('is unknown alone: the paste does not say whose fault it is', () => {
    assert.equal(read("MQTTTransportStage: _on_mqtt_disconnect called: ConnectionDroppedError('Paho returned rc==1')").verdict, 'unknown');
    assert.equal(read('NotConnectedError: mqtt.js returned client disconnecting error').verdict, 'unknown');
    assert.equal(read('CONNECTION STATUS UPDATE: DISCONNECTED_RETRYING\nCONNECTION STATUS REASON: NO_NETWORK\nCONNECTION STATUS THROWABLE: java.lang.NullPointerException').verdict, 'unknown');
  });

  it('joins the cause shown beside it: a socket failure, or a hub error', () => {
    assert.deepEqual(read('CONNECTION STATUS REASON: NO_NETWORK\nCONNECTION STATUS THROWABLE: connection aborted'), { findings: [[null, 'ConnectionReset', null]], verdict: 'not-iothub' });
    assert.deepEqual(read('client error: NotConnectedError: read ECONNRESET'), { findings: [[null, 'ConnectionReset', null]], verdict: 'not-iothub' });
    assert.equal(read('status=Disconnected_Retrying, reason=Communication_Error {"errorCode":400027}').verdict, 'client-config');
  });
});

describe('more forms', () => {
  it('reads the device of "A device with ID \'x\' is already registered"', () => {
    assert.deepEqual(diagnose("ErrorCode:DeviceAlreadyExists;A device with ID 'pump-7' is already registered.").context.deviceIds, ['pump-7']);
  });

  it("names Storage from its own messages", () => {
    const text = 'Upload failed: Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature. Status: 403';
    assert.deepEqual([diagnose(text).service, diagnose(text).verdict.kind], ['storage', 'not-iothub']);
  });
});

describe('an auth label on a connection that was never made', () => {
  it('is the socket failure: no server refused anything', () => {
    const text = 'UnauthorizedError: mqtt.js returned Failure on first connection (Not authorized): connect ECONNREFUSED 172.18.0.3:8883 error';
    assert.deepEqual(read(text), { findings: [[null, 'ConnectionRefused', null]], verdict: 'not-iothub' });
  });

  it('keeps a server refusal, and an auth error in another record', () => {
    assert.equal(read('UnauthorizedError: mqtt.js returned Connection refused: Not authorized error').verdict, 'client-config');
    assert.equal(read('UnauthorizedError: Unauthorized\n\nError: connect ECONNREFUSED 10.0.0.4:443').verdict, 'client-config');
  });

  it("reads the C SDK's own words for a connection it could not open", () => {
    const c = 'Error: Time:Mon Dec 25 12:26:45 2017 File:/sdk/umqtt/src/mqtt_client.c Func:mqtt_client_connect Line:971 Error: io_open failed\nError: Time:Mon Dec 25 12:26:45 2017 File:/sdk/iothub_client/src/iothubtransport_mqtt_common.c Func:SendMqttConnectMsg Line:1782 failure connecting to address plant.azure-devices.net.';
    assert.equal(read(c).verdict, 'not-iothub');
    assert.deepEqual(read('Func:process_incoming Line:1052 mqtt_client timed out waiting for CONNACK').findings, [[null, 'NetworkTimeout', null]]);
  });

  it("reads the legacy Java SDK's AMQP open timeout and Python's socket timeouts as network timeouts", () => {
    assert.deepEqual(read('java.lang.Throwable: Connection unable to be opened in time.').findings, [[null, 'NetworkTimeout', null]]);
    assert.deepEqual(read('    sock.connect(sa)\nsocket.timeout: timed out').findings, [[null, 'NetworkTimeout', null]]);
    assert.equal(read("ReauthorizeConnectionOperation: completing with error OperationCancelled('Transport timeout on connection operation')").verdict, 'not-iothub');
  });
});
