// Pastes that mix kinds of error: the reading that decides what the on-call engineer does must win. A DPS registration
// that relays an IoT Hub code is about the DPS instance, a hub that refused a device after DPS assigned it is about the
// hub; an IoT Edge log with a local error and a hub error is about the hub's answer, and a local daemon's HTTP status is
// never the hub's; a timeout or a dropped connection is the cause shown beside it, if any. Texts from public issues
// (URLs above each; where two are read together, they are two logs of one kind of device, each as posted), or written
// for the test in the forms the components print (said where).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diagnose } from '#src/diagnosis/diagnose.ts';
import { findingLabel } from './wild-score.ts';

/** Verdict, service, and each finding as "code/status/name". */
function read(text: string): { verdict: string; service: string | null; findings: string[] } {
  const d = diagnose(text);
  return { verdict: d.verdict.kind, service: d.service, findings: d.findings.map(findingLabel) };
}

describe('DPS and IoT Hub in one paste', () => {
  it('a DPS registration that relays an IoT Hub code is the DPS instance (https://github.com/Azure/azure-iot-sdk-c/issues/1789)', () => {
    // The maintainer's answer: the connection string of the hub linked to DPS is wrong or stale; re-link it.
    const text = [
      '[INFO] AZURE_PLATFORM:Device provision status update: PROV_DEVICE_REG_STATUS_CONNECTED',
      '2020-12-10T06:41:26.342147+00:00 ClickShare-1862350839 iotagent[791]: [INFO] AZURE_PLATFORM:Device provision status update: PROV_DEVICE_REG_STATUS_ASSIGNING',
      '[CRITICAL] AZURE_PLATFORM:Provisioning Failure: OperationId: 4.5cda764d087b4e5a.6c6a7983-b979-44eb-8611-7f08bf1fc331 - Date: 2020-12-10T06:42:32.1308829Z - Msg: {"Message":"ErrorCode:IotHubUnauthorizedAccess;Unauthorized","ExceptionMessage":"Tracking ID:fb98cf343f2a4021957955f06926ed1e-G:10-TimeStamp:12/10/2020 06:42:31"}',
    ].join('\n');
    assert.deepEqual(read(text), { verdict: 'not-iothub', service: 'dps', findings: ['401002/401/IotHubUnauthorizedAccess'] });
  });

  it("DPS's own words (enrollments, a linked hub, a registration id) name it even where a hub code is relayed", () => {
    // Azure/azure-iot-sdk-c #1844: an enrollment call of the provisioning service client, sent to a hub's host by mistake
    const enrollment = [
      'Creating an Individual Enrollment on the Provisioning Service...',
      'PUT /enrollments/dev01?api-version=2018-04-01 HTTP/1.1',
      'UserAgent: iothub_dps_prov_client/1.0',
      'Host: Dpshub123.azure-devices.net:443',
    ].join('\n');
    assert.equal(read(enrollment).service, 'dps');
    // Written for the test: a registration through an enrollment group whose linked hub is gone, with the body DPS relays
    const relayed = 'Registration of registration id sensor-3 via enrollment group plant-a failed: {"errorCode":401001,"message":"IotHub not found"} (linked hub)';
    assert.deepEqual(read(relayed), { verdict: 'not-iothub', service: 'dps', findings: ['401001/401/IotHubNotFound'] });
  });

  it('a hub that refused the device DPS assigned to it is the hub (https://github.com/Azure/azure-iot-sdk-c/issues/647)', () => {
    const text = [
      'Registration Information received from service: devkit-dps-demo.azure-devices.net!',
      '2018-09-20 20:45:09 INFO:  >>>IoTHubClient_LL_CreateFromDeviceAuth devkit-dps-demo.azure-devices.net, mydevkit0917, 0x20017698',
      '2018-09-20 20:45:11 ERROR: File:iothubtransport_mqtt_common.c Func:mqtt_operation_complete_callback Line:1613, Connection Not Accepted: 0x5: Not Authorized',
    ].join('\n');
    assert.deepEqual(read(text), { verdict: 'client-config', service: null, findings: ['-/401/MQTT CONNACK 5 not authorized'] });
  });
});

describe('IoT Edge logs with local and cloud errors', () => {
  it("the hub's refusal decides, and the edge daemon's 500 stays the daemon's", () => {
    // edgeAgent: https://github.com/Azure/iotedge/issues/7219; edgeHub: https://github.com/Azure/iotedge/issues/6851
    const text = [
      '<3> 2024-02-20 03:46:16.613 +00:00 [ERR] - Edge agent plan execution failed.',
      'System.AggregateException: One or more errors occurred. (Error calling Create module AzureStorage: runtime operation error: create module "AzureStorage")',
      ' ---> Microsoft.Azure.Devices.Edge.Agent.Edgelet.EdgeletCommunicationException- Message:Error calling Create module AzureStorage: runtime operation error: create module "AzureStorage", StatusCode:500, at:   at Microsoft.Azure.Devices.Edge.Agent.Edgelet.Version_2022_08_03.ModuleManagementHttpClient.HandleException(Exception exception, String operation) in /mnt/vss/_work/1/s/edge-agent/src/Microsoft.Azure.Devices.Edge.Agent.Edgelet/version_2022_08_03/ModuleManagementHttpClient.cs:line 232',
      '<4> 2023-01-13 00:33:22.153 +00:00 [WRN] - Error creating cloud connection for client dps-edge-tpm-002/SimulatedTemperatureSensor',
      'Microsoft.Azure.Devices.Client.Exceptions.UnauthorizedException: error(condition:amqp:unauthorized-access,description:Unauthorized access)',
      ' ---> Microsoft.Azure.Amqp.AmqpException: Unauthorized access',
    ].join('\n');
    const d = read(text);
    assert.equal(d.verdict, 'client-config');
    assert.deepEqual(d.findings, ['-/401/amqp:unauthorized-access', '-/-/EdgeletCommunicationException']);
    assert.ok(!d.findings.some((f) => f.includes('/500/')), 'no hub 500');
  });

  it("a local identity service that relays the hub's answer is that answer (https://github.com/Azure/iotedge/issues/6353)", () => {
    const text = [
      'May 13 13:51:52 ubuntu-iot-edge aziot-identityd[6137]: 2022-05-13T11:51:52Z [DBUG] - [aziot_hub_client_async] IoTHub response status 404',
      'May 13 13:51:52 ubuntu-iot-edge aziot-identityd[6137]: 2022-05-13T11:51:52Z [DBUG] - [aziot_hub_client_async] IoTHub response headers{"content-length": "261", "content-type": "application/json; charset=utf-8", "iothub-errorcode": "DeviceNotFound", "date": "Fri, 13 May 2022 11:51:52 GMT"}',
    ].join('\n');
    const d = read(text);
    assert.equal(d.verdict, 'client-config');
    assert.ok(d.findings.includes('404001/404/DeviceNotFound'), JSON.stringify(d.findings));
  });
});

describe('timeouts and dropped connections, with and without a cause shown', () => {
  it("messages that timed out after the hub refused the device: the refusal decides (https://github.com/Azure/azure-iot-sdk-c/issues/2448)", () => {
    const text = [
      '<- 13:30:57 CONNACK | SESSION_PRESENT: false | RETURN_CODE: 0x5',
      'The device client has been disconnected',
      'Error: Time:Thu Feb 16 13:30:57 2023 File:/home/ewertons/code/s2/azure-iot-sdk-c/iothub_client/src/iothubtransport_mqtt_common.c Func:mqttOperationCompleteCallback Line:2129 Connection Not Accepted: 0x5: Not Authorized',
      'Then they are returned to the user app roughly after 40 seconds (after 13:31:28) with result IOTHUB_CLIENT_CONFIRMATION_MESSAGE_TIMEOUT.',
    ].join('\n');
    const d = read(text);
    assert.equal(d.findings[0], '-/401/MQTT CONNACK 5 not authorized');
    assert.equal(d.verdict, 'client-config');
  });

  it("the Node SDK's 'Not authorized' on a first connection that timed out is the timeout (its mqtt.ts labels every first-connection failure)", () => {
    // Azure/azure-iot-sdk-node device/transport/mqtt/src/mqtt.ts: new Error('Failure on first connection (Not authorized): ' + err.message),
    // raised as UnauthorizedError by common/transport/mqtt/src/mqtt_translate_error.ts; err.message is Node's own.
    const text = [
      '(node:4120) UnhandledPromiseRejectionWarning: Error: connect ETIMEDOUT 40.113.176.172:8883',
      '    at TCPConnectWrap.afterConnect [as oncomplete] (net.js:1107:14)',
      '(node:4120) UnhandledPromiseRejectionWarning: UnauthorizedError: mqtt.js returned Failure on first connection (Not authorized): connect ETIMEDOUT 40.113.176.172:8883 error',
    ].join('\n');
    assert.deepEqual(read(text), { verdict: 'not-iothub', service: null, findings: ['-/-/NetworkTimeout'] });
    // A timeout on a connection that was made is no such label: the refusal stays.
    assert.equal(read('UnauthorizedError: mqtt.js returned Connection refused: Not authorized error\nError: read ETIMEDOUT').verdict, 'client-config');
  });

  it("a connection the SDK reports lost, beside Paho's keep-alive timeout, is that timeout", () => {
    // Written for the test: the Java SDK sample's status lines and Paho's ClientState line (azure-iot-sdk-java #467) in one console
    const text = [
      'CONNECTION STATUS UPDATE: DISCONNECTED_RETRYING',
      'CONNECTION STATUS REASON: NO_NETWORK',
      'SEVERE: MyDevice9: Timed out as no activity, keepAlive=230,000 lastOutboundActivity=1,558,386,588,460 lastInboundActivity=1,558,386,338,537 time=1,558,386,818,459 lastPing=1,558,386,588',
    ].join('\n');
    assert.deepEqual(read(text), { verdict: 'not-iothub', service: null, findings: ['-/-/NetworkTimeout'] });
  });
});
