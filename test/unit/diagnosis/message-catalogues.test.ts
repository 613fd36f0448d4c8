// The kinds of paste the held-back wild pastes (test/fixtures/wild/holdout.json) showed being misread, each fixed from the
// message catalogue of the component that writes it and checked here on OTHER real instances: pastes from public issues
// (their URLs above each), or the component's own message with a value filled in (its source file named). None of these
// texts is in the wild corpus.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diagnose } from '#src/diagnosis/diagnose.ts';
import type { Diagnosis, VerdictKind } from '#src/diagnosis/types.ts';
import { findingLabel } from './wild-score.ts';

interface Reading {
  verdict: VerdictKind;
  findings: string[];
}

/** The verdict, and each finding as "code/status/name". */
function read(text: string): Reading {
  const d = diagnose(text);
  return { verdict: d.verdict.kind, findings: d.findings.map(findingLabel) };
}

function idsOf(d: Diagnosis): { devices: string[]; modules: string[] } {
  return { devices: d.context.deviceIds, modules: d.context.moduleIds };
}

describe("the C SDK's AMQP authentication in its own words", () => {
  it('a key the hub refused (iothubtransport_amqp_cbs_auth.c, 2017: "%s key of device \'%s\' was marked as invalid")', () => {
    // Azure/azure-iot-sdk-c 072ab4432^ iothub_client/src/iothubtransport_amqp_cbs_auth.c mark_current_device_key_as_invalid,
    // called when the CBS put-token failed; the message with a device id filled in.
    const text =
      "Error: Time:Mon Apr 10 09:12:03 2017 File:/sdk/iothub_client/src/iothubtransport_amqp_cbs_auth.c Func:mark_current_device_key_as_invalid Line:223 Secondary key of device 'line-4-press' was marked as invalid. No other device keys available";
    assert.deepEqual(read(text), { verdict: 'client-config', findings: ['-/401/DeviceKeyRejected'] });
    assert.deepEqual(diagnose(text).context.deviceIds, ['line-4-press']);
  });

  it('an authentication that timed out, alone, does not say whose fault it is', () => {
    // https://github.com/Azure/azure-iot-sdks/issues/371 (the cause turned out to be a VM clock 48 hours behind)
    const legacy =
      'Error: Time:Tue Mar  1 13:38:48 2016 File:/home/srberard/workspace/azure-iot-sdks/c/iothub_client/src/iothubtransportamqp.c Func:IoTHubTransportAMQP_DoWork Line:1142 AMQP transport authentication timed out.';
    assert.deepEqual(read(legacy), { verdict: 'unknown', findings: ['-/-/AuthenticationTimedOut'] });
    // https://github.com/Azure/azure-iot-sdk-c/issues/56
    const multiplexed = [
      'IoTHubClient sending 1 messages',
      'Error: Time:Wed Feb  8 23:14:34 2017 File:/home/pi/azure-iot-sdk-python/c/iothub_client/src/iothubtransport_amqp_common.c Func:device_DoWork Line:1273 Authentication timed-out [deviceid]',
      'Error: Time:Wed Feb  8 23:14:34 2017 File:/home/pi/azure-iot-sdk-python/c/iothub_client/src/iothubtransportamqp_auth.c Func:authentication_reset Line:637 Failed to reset the authentication state (authentication status is invalid: 2)',
    ].join('\n');
    assert.deepEqual(read(multiplexed), { verdict: 'unknown', findings: ['-/-/AuthenticationTimedOut'] });
  });

  it('joins the cause shown beside it', () => {
    // iothubtransport_amqp_device.c's message, then a DNS failure in the same log entry (the form the C SDK prints).
    const text =
      "Error: File:/sdk/iothub_client/src/iothubtransport_amqp_device.c Func:device_do_work Line:986 Device 'pump-2' authentication did not complete starting within expected timeout (60)\n  socketio_berkeley.c: getaddrinfo failure -3 (Temporary failure in name resolution)";
    assert.deepEqual(read(text), { verdict: 'not-iothub', findings: ['-/-/DnsResolutionFailed'] });
  });
});

describe('IoT Edge runtime errors of its own: deployment configuration and local services', () => {
  it("edgeAgent's ConfigEmptyException (https://github.com/Azure/iot-edge-v1/issues/611)", () => {
    const text = [
      '2018-05-23 10:29:38.741 +00:00 [ERR] - Error refreshing edge agent configuration from twin.',
      'Microsoft.Azure.Devices.Edge.Agent.Core.ConfigSources.ConfigEmptyException: This device has an empty configuration for the edge agent. Please set a deployment manifest.',
      '   at Microsoft.Azure.Devices.Edge.Agent.IoTHub.EdgeAgentConnection.UpdateDeploymentConfig() in /opt/vsts/work/1/s/edge-agent/src/Microsoft.Azure.Devices.Edge.Agent.IoTHub/EdgeAgentConnection.cs:line 171',
    ].join('\n');
    assert.deepEqual(read(text), { verdict: 'not-iothub', findings: ['-/-/ConfigEmptyException'] });
  });

  it("edgeHub's InvalidSchemaVersionException and RouteCompilationException (iotedge #2450, #1741)", () => {
    // https://github.com/Azure/iotedge/issues/2450
    const schema = [
      '<4> 2020-02-03 10:58:02.748 +00:00 [WRN] - Error getting edge hub config from twin desired properties',
      'Microsoft.Azure.Devices.Edge.Util.InvalidSchemaVersionException: Invalid desired properties schema version',
      '   at Microsoft.Azure.Devices.Edge.Util.SchemaVersionHelper.CompareMajorVersion(Version expectedVersion, String actualVersionString, String context) in /home/vsts/work/1/s/edge-util/src/Microsoft.Azure.Devices.Edge.Util/SchemaVersionHelper.cs:line 12',
    ].join('\n');
    assert.deepEqual(read(schema), { verdict: 'not-iothub', findings: ['-/-/InvalidSchemaVersionException'] });
    // https://github.com/Azure/iotedge/issues/1741
    const route = [
      '<4> 2019-09-23 13:47:16.278 +00:00 [WRN] - Error getting edge hub config from twin desired properties',
      "System.InvalidOperationException: Error parsing route sensorToIoTHub - Exception of type 'Microsoft.Azure.Devices.Routing.Core.Query.RouteCompilationException' was thrown. ---> Microsoft.Azure.Devices.Routing.Core.Query.RouteCompilationException: Exception of type 'Microsoft.Azure.Devices.Routing.Core.Query.RouteCompilationException' was thrown.",
    ].join('\n');
    assert.deepEqual(read(route), { verdict: 'not-iothub', findings: ['-/-/RouteCompilationException'] });
  });

  it("the edge daemon's HTTP status is the daemon's, never read as IoT Hub's (https://github.com/Azure/iotedge/issues/7219)", () => {
    const text = [
      '<3> 2024-02-20 03:46:16.613 +00:00 [ERR] - Edge agent plan execution failed.',
      'System.AggregateException: One or more errors occurred. (Error calling Create module AzureStorage: runtime operation error: create module "AzureStorage")',
      ' ---> Microsoft.Azure.Devices.Edge.Agent.Edgelet.EdgeletCommunicationException- Message:Error calling Create module AzureStorage: runtime operation error: create module "AzureStorage", StatusCode:500, at:   at Microsoft.Azure.Devices.Edge.Agent.Edgelet.Version_2022_08_03.ModuleManagementHttpClient.HandleException(Exception exception, String operation) in /mnt/vss/_work/1/s/edge-agent/src/Microsoft.Azure.Devices.Edge.Agent.Edgelet/version_2022_08_03/ModuleManagementHttpClient.cs:line 232',
    ].join('\n');
    assert.deepEqual(read(text), { verdict: 'not-iothub', findings: ['-/-/EdgeletCommunicationException'] });
  });
});

describe("the IoT Edge daemon's own errors (edgelet iotedged and aziot-edged src/error.rs)", () => {
  it('a daemon that could not start, and its CLI that cannot reach the module runtime, are local (iotedge #2752, IoT-Edge-K8s-KubeVirt-Deployment #13)', () => {
    // https://github.com/Azure/iotedge/issues/2752
    const start = [
      '3/28/2020 11:48:10 AM error: edgelet_utils::logging -- The daemon could not start up              ',
      '                      successfully: Could not load settings                                       ',
      '3/28/2020 11:48:10 AM error: edgelet_utils::logging -- The daemon could not start up successfully: Could not load settings',
      '3/28/2020 11:48:10 AM error: edgelet_utils::logging -- \tcaused by: The system cannot find the     ',
    ].join('\n');
    assert.deepEqual(read(start), { verdict: 'not-iothub', findings: ['-/-/IotEdgeDaemonError'] });
    // https://github.com/Azure-Samples/IoT-Edge-K8s-KubeVirt-Deployment/issues/13
    const runtime = 'sudo iotedge list\nA module runtime error occurred\ncaused by: A module runtime error occurred\ncaused by: error trying to connect: No such file or directory (os error 2)';
    assert.deepEqual(read(runtime), { verdict: 'not-iothub', findings: ['-/-/IotEdgeDaemonError'] });
  });

  it("absorbs nothing: a hub's answer in the daemon's cause chain is the hub's", () => {
    // Written for the test: the daemon's start-up error with IoT Hub's JSON body as its cause
    const text =
      'error: edgelet_utils::logging -- The daemon could not start up successfully: Could not configure provisioning\n\tcaused by: {"errorCode":401002,"trackingId":"5b6ff49603bd454b80381a32f8504be8","message":"IotHubUnauthorizedAccess"}';
    assert.deepEqual(read(text), { verdict: 'client-config', findings: ['401002/401/IotHubUnauthorizedAccess', '-/-/IotEdgeDaemonError'] });
  });
});

describe('a device or module that is not connected, as edgeHub says it', () => {
  it('"Unable to invoke method as client X is not connected." (iotedge #747, #7081)', () => {
    // https://github.com/Azure/iotedge/issues/747
    const module = [
      '2019-01-25 11:56:26.283 +00:00 [DBG] [Microsoft.Azure.Devices.Edge.Hub.Core.Routing.RoutingEdgeHub] - Received method invoke call from TestGw/modfwapp for TestGw/modfwapp with correlation ID 40e703c5-397e-4879-97d7-9b363643d0e8',
      '2019-01-25 11:56:26.289 +00:00 [WRN] [Microsoft.Azure.Devices.Edge.Hub.Core.InvokeMethodHandler] - Unable to invoke method as client TestGw/modfwapp is not connected.',
    ].join('\n');
    assert.deepEqual(read(module), { verdict: 'device-offline', findings: ['-/-/EdgeClientNotConnected'] });
    assert.deepEqual(idsOf(diagnose(module)), { devices: ['TestGw'], modules: ['modfwapp'] });
    // https://github.com/Azure/iotedge/issues/7081
    const leaf =
      '<4> 2023-08-10 10:12:38.115 +00:00 [WRN] [Microsoft.Azure.Devices.Edge.Hub.Core.InvokeMethodHandler] - Unable to invoke method as client MMMMMMMM is not connected.';
    assert.deepEqual(read(leaf), { verdict: 'device-offline', findings: ['-/-/EdgeClientNotConnected'] });
    assert.deepEqual(diagnose(leaf).context.deviceIds, ['MMMMMMMM']);
  });

  it("edgeHub's other forms (ModuleEndpoint.cs, InvokeMethodHandler.cs), and not its debug note on an identity update", () => {
    // Azure/iotedge edge-hub/core/src/Microsoft.Azure.Devices.Edge.Hub.Core/routing/ModuleEndpoint.cs and InvokeMethodHandler.cs
    assert.equal(read('[WRN] - Target module gw-9/filter is not connected').verdict, 'device-offline');
    assert.equal(read('[WRN] - Unable to invoke method on client gw-9/filter because no subscription for methods found.').verdict, 'device-offline');
    // ConnectionReauthenticator.cs, at debug level: nothing failed
    assert.deepEqual(read('[DBG] - Service identity for gw-9/filter in device scope was updated, but gw-9/filter is not connected to EdgeHub'), {
      verdict: 'unknown',
      findings: [],
    });
  });
});

describe('a device said in words not to be connected', () => {
  it('names the device and reads device-offline, with or without quotes', () => {
    // Written for the test, in the forms people and tools write it
    const cases: [string, string][] = [
      ["Invoking method 'reboot' failed: Device 'press-4' is not online", 'press-4'],
      ['Direct method failed because device line-2.meter@plant is not connected', 'line-2.meter@plant'],
      ['[warn] device "gw-17" is offline since 09:12', 'gw-17'],
    ];
    for (const [text, device] of cases) {
      assert.deepEqual(read(text), { verdict: 'device-offline', findings: ['-/-/DeviceNotConnected'] }, text);
      assert.deepEqual(diagnose(text).context.deviceIds, [device], text);
    }
  });

  it('is not read without a device id, nor from a device that is connected', () => {
    assert.deepEqual(read('the device is not connected, what should I check?').findings, []);
    assert.deepEqual(read('Device press-4 is now connected').findings, []);
    assert.deepEqual(read('Device press-4 is not connectedness').findings, []);
  });

  it("the .NET service SDK's DeviceNotOnlineException is 404103 even without its body", () => {
    const text = 'Unhandled exception. Microsoft.Azure.Devices.Common.Exceptions.DeviceNotOnlineException: Device is not online';
    assert.deepEqual(read(text), { verdict: 'device-offline', findings: ['404103/404/DeviceNotOnline'] });
  });
});

describe("Azure Resource Manager's AuthorizationFailed, as az prints it without its code", () => {
  it('is the caller\'s role assignment (the message of Microsoft Learn, "Troubleshoot common Azure deployment errors")', () => {
    const text =
      "ERROR: The client 'oncall@contoso.com' with object id '00000000-0000-0000-0000-000000000001' does not have authorization to perform action 'Microsoft.Devices/IotHubs/listkeys/action' over scope '/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg-iot/providers/Microsoft.Devices/IotHubs/plant-hub' or the scope is invalid. If access was recently granted, please refresh your credentials.";
    assert.deepEqual(read(text), { verdict: 'client-config', findings: ['-/403/AuthorizationFailed'] });
  });

  it('is one finding with its code when both are written', () => {
    const text = "(AuthorizationFailed) The client 'a' with object id 'b' does not have authorization to perform action 'Microsoft.Devices/IotHubs/read' over scope '/subscriptions/1'";
    assert.deepEqual(read(text).findings, ['-/403/AuthorizationFailed']);
  });
});

describe('the az CLI, when it cannot find the hub', () => {
  it('"No IoT Hub found with name X in current subscription" (azure-cli #7799), also quoted without its name (azure-docs #43523)', () => {
    // https://github.com/Azure/azure-cli/issues/7799
    const named = "'No IoT Hub found with name Hydro-QA-Hub in current subscription.' error when executing";
    assert.deepEqual(read(named), { verdict: 'client-config', findings: ['-/-/IotHubNotFoundInSubscription'] });
    assert.ok(diagnose(named).context.hubNames.includes('Hydro-QA-Hub'));
    // https://github.com/MicrosoftDocs/azure-docs/issues/43523
    const unnamed =
      'When running provided CLI Script "az iot hub device-identity create --hub-name YourIoTHubName --device-id MyNodeDevice"  to register device, an error is returned of "No IoT Hub found with name in current subscription"';
    assert.equal(read(unnamed).verdict, 'client-config');
  });

  it("the resource provider's message for a second free hub is IH400019 (https://github.com/MicrosoftLearning/DP-900T00A-Azure-Data-Fundamentals/issues/6)", () => {
    const quoted = 'Deployment failed: "Max number of Iot Hubs exceeded for sku = Free, Max Allowed = 1, Current = 2 in the subscription Id: 612c8730-55c5-4771-91d5-3de394e409be."';
    assert.deepEqual(read(quoted), { verdict: 'client-config', findings: ['-/400/IH400019'] });
    const withCode =
      '(400019) Max number of Iot Hubs exceeded for sku = Free, Max Allowed = 1, Current = 2 in the subscription Id: 612c8730-55c5-4771-91d5-3de394e409be. If you contact a support representative please include this correlation identifier: 9f0867e3-6b27-4432-ac99-8cf4001055f5, timestamp: 2022-04-28 14:58:27Z, errorcode: IH400019.';
    assert.deepEqual(read(withCode).findings, ['-/400/IH400019'], 'one error, however many ways it is written');
  });
});

describe('a connection string the SDK or the tool refuses', () => {
  const cases: [string, string][] = [
    // https://github.com/Azure/azure-iot-sdks/issues/1049 (Node azure-iot-common)
    ['ArgumentError: The connection string is missing the property: SharedAccessKeyName\n    at /usr/local/lib/node_modules/iothub-explorer/node_modules/azure-iot-common/lib/connection_string.js:21:31', 'Node'],
    // https://github.com/lcarli/NodeRedIoTHub/issues/5
    ['msg : error "ArgumentError: The connection string is missing the property: DeviceId"', 'Node-RED'],
    // https://github.com/Azure/azure-cli-extensions/issues/451 (azext_iot/common/_azure.py)
    ['At this point, he receives the error "IoT Hub connection string has missing property: HostName"', 'az iot'],
    // https://github.com/Azure/azure-iot-sdk-python/issues/49 (the C SDK under the v1 Python SDK)
    [
      'Error: Time:Thu Jun 29 01:26:32 2017 File:/home/pi/azureIOT/azure-iot-sdk-python/c/iothub_client/src/iothub_client_ll.c Func:IoTHubClient_LL_CreateFromConnectionString Line:672 deviceId is not found',
      'C',
    ],
    // Azure/azure-iot-sdk-python azure-iot-device/azure/iot/device/common/auth/connection_string.py
    ['ValueError: Invalid Connection String - Incomplete', 'Python'],
    // Azure/azure-iot-sdk-c iothub_client/src/iothub_client_core_ll.c
    ["Error: File:/sdk/iothub_client/src/iothub_client_core_ll.c Func:IoTHubClientCore_LL_CreateFromConnectionString Line:1301 Couldn't find HostName in connection string", 'C, today'],
  ];
  for (const [text, who] of cases) {
    it(`${who}: ${text.slice(0, 60)}`, () => assert.deepEqual(read(text), { verdict: 'client-config', findings: ['-/-/ConnectionStringInvalid'] }));
  }

  it('is not read from a connection string written in full, nor from prose about one', () => {
    assert.deepEqual(read('HostName=plant.azure-devices.net;DeviceId=d1;SharedAccessKey=abc').findings, []);
    assert.deepEqual(read('I copied the connection string from the portal and it works now.').findings, []);
  });
});

describe("Eclipse Paho's keep-alive timeout (the Java SDK's MQTT client)", () => {
  it('is a network timeout, on the device the client id names (azure-iot-sdk-java #467, #187)', () => {
    // https://github.com/Azure/azure-iot-sdk-java/issues/467
    const english = [
      'May 20, 2019 2:13:38 PM org.eclipse.paho.client.mqttv3.internal.ClientState checkForActivity',
      'SEVERE: MyDevice9: Timed out as no activity, keepAlive=230,000 lastOutboundActivity=1,558,386,588,460 lastInboundActivity=1,558,386,338,537 time=1,558,386,818,459 lastPing=1,558,386,588',
    ].join('\n');
    assert.deepEqual(read(english), { verdict: 'not-iothub', findings: ['-/-/NetworkTimeout'] });
    assert.deepEqual(diagnose(english).context.deviceIds, ['MyDevice9']);
    // https://github.com/Azure/azure-iot-sdk-java/issues/187 (a Spanish locale)
    const spanish = [
      'dic 11, 2017 3:58:00 PM org.eclipse.paho.client.mqttv3.internal.ClientState checkForActivity',
      'GRAVE: asdess: Timed out as no activity, keepAlive=20,000 lastOutboundActivity=1,513,029,460,125 lastInboundActivity=1,513,029,455,668 time=1,513,029,480,125 lastPing=1,513,029,460,125',
    ].join('\n');
    assert.deepEqual(diagnose(spanish).context.deviceIds, ['asdess']);
  });
});

describe('SDK versions written other ways', () => {
  const sdkOf = (text: string) => {
    const sdk = diagnose(text).sdk;
    return sdk === null ? null : `${sdk.name} ${sdk.version} (${sdk.language ?? '-'})`;
  };

  it('npm ls (package@version: https://github.com/Azure/azure-iot-sdk-node/issues/106)', () => {
    assert.equal(sdkOf(' ─┬ azure-iot-device@1.1.19\n│ ├── azure-iot-common@1.2.0'), 'azure-iot-device 1.1.19 (node)');
    assert.equal(sdkOf('"azure-iot-device": "^1.16.0"'), null, 'a range is not a version');
  });

  it('PyPI pre-releases, in pip list and pip freeze (azure-iot-sdk-python #1152, azure-iot-sdk-python-preview #103)', () => {
    // https://github.com/Azure/azure-iot-sdk-python/issues/1152
    assert.equal(sdkOf('Package             Version\n------------------- ---------\naiohttp             3.8.5\nazure-iot-device    3.0.0b2\ncertifi             2023.7.22'), 'azure-iot-device 3.0.0b2 (python)');
    // https://github.com/Azure/azure-iot-sdk-python-preview/issues/103
    assert.equal(sdkOf('pip freeze output\n\nazure-iot-device==2.0.0rc5\ncertifi==2019.3.9'), 'azure-iot-device 2.0.0rc5 (python)');
    // https://github.com/Azure/azure-iot-sdk-python/issues/1153
    assert.equal(sdkOf('- **list of installed packages:** azure-iot-device=3.0.0b2'), 'azure-iot-device 3.0.0b2 (python)');
  });

  it('NuGet pre-releases, an issue template\'s "(1.28.0)" and packages.config', () => {
    assert.equal(sdkOf('UserAgent: Microsoft.Azure.Devices.Client/1.6.0-preview-001'), 'Microsoft.Azure.Devices.Client 1.6.0-preview-001 (dotnet)');
    assert.equal(sdkOf('- **SDK version used:** Microsoft.Azure.Devices.Client (1.28.0)'), 'Microsoft.Azure.Devices.Client 1.28.0 (dotnet)');
    assert.equal(sdkOf('<package id="Microsoft.Azure.Devices.Client" version="1.5.2" targetFramework="net452" />'), 'Microsoft.Azure.Devices.Client 1.5.2 (dotnet)');
  });

  it('package references in every order MSBuild and NuGet accept, and the package managers\' version options', () => {
    const dotnet = 'Microsoft.Azure.Devices.Client 1.41.2 (dotnet)';
    assert.equal(sdkOf('<PackageReference Include="Microsoft.Azure.Devices.Client" Version="1.41.2" />'), dotnet);
    assert.equal(sdkOf('<PackageReference Version="1.41.2" Include="Microsoft.Azure.Devices.Client" />'), dotnet);
    assert.equal(sdkOf('<PackageReference Include="Microsoft.Azure.Devices.Client">\n  <Version>1.41.2</Version>\n</PackageReference>'), dotnet);
    assert.equal(sdkOf('dotnet add package Microsoft.Azure.Devices.Client --version 1.41.2'), dotnet);
    assert.equal(sdkOf('PM> Install-Package Microsoft.Azure.Devices.Client -Version 1.41.2'), dotnet);
    assert.equal(sdkOf('<PackageReference Include="Microsoft.Azure.Devices.Client" Version="[1.41.2,2.0)" />'), null, 'a range is not a version');
    assert.equal(sdkOf('<PackageReference Version="1.41.2" Include="Newtonsoft.Json" /> Microsoft.Azure.Devices.Client'), null, "another package's version");
  });

  it('SemVer pre-releases with dotted identifiers, and the Node service SDK\'s user agent', () => {
    assert.equal(sdkOf('User-Agent: Microsoft.Azure.Devices.Client/1.2.3-preview.1'), 'Microsoft.Azure.Devices.Client 1.2.3-preview.1 (dotnet)');
    assert.equal(sdkOf('"User-Agent": "azure-iothub/1.14.4 (node v16.3.0; Windows_NT 10.0.19043; x64)"'), 'azure-iothub 1.14.4 (node)');
  });

  it("the C provisioning client: its samples' version line, never its constant user agent (https://github.com/microsoft/vscode-iot-workbench/issues/534)", () => {
    const userAgentOnly = 'PUT #####removed for security######/register?api-version=2018-09-01-preview HTTP/1.1\nUserAgent: prov_device_client/1.0\nHost: global.azure-devices-provisioning.net:443';
    assert.equal(sdkOf(userAgentOnly), null, 'prov_transport_http_client.c sends "prov_device_client/1.0" whatever the version');
    // Azure/azure-iot-sdk-c provisioning_client/samples/prov_dev_client_ll_sample: printf("Provisioning API Version: %s", ...)
    assert.equal(sdkOf('Provisioning API Version: 1.3.9\n\nRegistering Device'), 'azure-iot-sdk-c provisioning client (prov_device_client) 1.3.9 (c)');
  });
});
