// What the SDKs, IoT Edge and the IoT Hub resource provider write in their own words when no code is shown: each
// rule is read from the message catalogue of the component that emits it (the file named above it), so that every
// paste of that message is read, not one. Every pattern is bounded (no nested repetition, no unbounded free text).
import type { ClassSpec } from './classify.ts';
import type { PhraseRule } from './known-errors.ts';
import { isWordCode } from './scan.ts';
import type { TriggeredPattern } from './triggers.ts';

const AT = [0] as const;

/** An IoT Edge client id before " is not connected": a device id (1 to 128) and, after "/", a module id ("/" and up to 65). */
const BEFORE_NOT_CONNECTED = Array.from({ length: 194 }, (_, i) => i + 1);

const CONNECTION_STRING_REFUSED: ClassSpec = { name: 'ConnectionStringInvalid', httpStatus: null, transient: false, category: 'config' };

/** The SDKs' refusals of the credentials configured for a device, before any connection: the caller's configuration. */
export const CALLER_CONFIG_MESSAGES: readonly PhraseRule[] = [
  {
    // .NET IotHubConnectionStringBuilder and Node azure-iot-common ConnectionString: "The connection string is missing the
    // property: HostName", "... has an invalid value for property: X"; az iot (azext_iot/common/_azure.py): "IoT Hub
    // connection string has missing property: SharedAccessKeyName"; .NET ClientFactory "Connection string must not
    // contain DeviceId keyvalue parameter"; Java DeviceClient "connection string cannot contain module id".
    spec: CONNECTION_STRING_REFUSED,
    pattern:
      /\bconnection string (?:is missing the property|has missing property|has an invalid value for property|must not contain|must contain|cannot contain)\b|\b(?:must be|was) specified in (?:the )?connection string\b/gi,
    // "must be ", "was "
    starts: { 'connection string': AT, 'specified in': [8, 4] },
  },
  {
    // Python azure-iot-device (common/auth/connection_string.py): "Invalid Connection String - Incomplete"; IoT Explorer.
    spec: CONNECTION_STRING_REFUSED,
    pattern: /\bInvalid Connection String\b/gi,
    starts: { 'invalid connection string': AT },
  },
  {
    // C SDK (iothub_client_core_ll.c, iothub_client_authorization.c, and iothub_client_ll.c before 2018):
    // "Couldn't find HostName in connection string", "Both x509 and SharedAccessKey in connection string were set, they
    // are mutually exclusive", "Tokenizing failed on connectionString", and "Func:IoTHubClient_LL_CreateFromConnectionString
    // Line:672 deviceId is not found".
    spec: CONNECTION_STRING_REFUSED,
    pattern:
      /\bCouldn't find \w{1,30}(?: or \w{1,30})? in connection string\b|\bin connection string were set, they are mutually exclusive\b|\bTokenizing failed on connectionString\b|CreateFromConnectionString Line:\d{1,5} (?:deviceId|iotHubName|iotHubSuffix) is not found\b/g,
    starts: {
      "couldn't find ": AT,
      'in connection string were set': AT,
      'tokenizing failed on connectionstring': AT,
      'createfromconnectionstring line:': AT,
    },
  },
  {
    // C SDK transports: "Credential of device 'x' is not acceptable (must provide EITHER deviceSasToken OR deviceKey)"
    // (iothubtransport_amqp_common.c), "Both deviceKey and deviceSasToken are defined" (MQTT, and AMQP before 2017).
    spec: { name: 'DeviceCredentialsInvalid', httpStatus: null, transient: false, category: 'config' },
    pattern: /\bCredential of device '[^'\n]{1,128}' is not acceptable\b|\bBoth deviceKey and deviceSasToken are defined\b/g,
    starts: { 'credential of device': AT, 'both devicekey and devicesastoken': AT },
  },
];

/** The C SDK's AMQP authentication (CBS put-token) in its own words. */
export const C_SDK_AUTH_MESSAGES: readonly PhraseRule[] = [
  {
    // iothubtransport_amqp_cbs_auth.c (2017): the hub refused the put-token made with this key, and no other key is left
    // or the secondary is tried: "Primary key of device 'x' was marked as invalid. No other device keys available".
    spec: { name: 'DeviceKeyRejected', httpStatus: 401, transient: false, category: 'auth' },
    pattern: /\b(?:Primary|Secondary) key of device '[^'\n]{1,128}' was marked as invalid\b/g,
    // "Primary ", "Secondary "
    starts: { 'key of device': [8, 10] },
  },
  {
    // The put-token got no answer in time: "AMQP transport authentication timed out." (iothubtransportamqp.c, 2016),
    // "Authentication timed-out" (iothubtransport_amqp_common.c, 2017), "Device 'x' authentication did not complete
    // starting within expected timeout" (iothubtransport_amqp_device.c). A clock far off, a network, the hub: not said.
    spec: { name: 'AuthenticationTimedOut', httpStatus: null, transient: true, category: 'unclassified', absorbable: true },
    pattern: /\b(?:AMQP transport )?authentication timed[- ]out\b|\bauthentication did not complete starting within expected timeout\b/gi,
    // "AMQP transport " is 15 characters
    starts: { 'authentication timed': [0, 15], 'authentication did not complete': AT },
  },
];

/**
 * IoT Edge's hub about a device or module that is not connected to it, or has not subscribed to direct methods (Azure/
 * iotedge edge-hub ModuleEndpoint.cs: "Module gw-1/reader is not connected", "Target module gw-1/reader is not
 * connected"; InvokeMethodHandler.cs: "Unable to invoke method as client gw-1/reader is not connected.", "Unable to invoke
 * method on client gw-1/reader because no subscription for methods found."): what IoT Hub calls 404103 DeviceNotOnline.
 * A terminal that cuts the line leaves "is not connecte". Group 1 is the device id, group 2 the module id.
 */
export const EDGE_CLIENT_NOT_CONNECTED: PhraseRule = {
  spec: { name: 'EdgeClientNotConnected', httpStatus: null, transient: true, category: 'device-offline' },
  pattern:
    /(?<=\b(?:[Mm]odule|as client|on client) )([A-Za-z0-9][\w.-]{0,127})(?:\/(\$?[A-Za-z0-9][\w.-]{0,63}))?(?: is not connected?(?![\w-])| because no subscription for methods found\b)/g,
  starts: { ' is not connecte': BEFORE_NOT_CONNECTED, ' because no subscription for methods': BEFORE_NOT_CONNECTED },
  canStartAt: (text, offset) => offset > 0 && text.charCodeAt(offset - 1) === 0x20,
  // word characters, '.', '-', '/' and '$'
  leadChars: (code) => isWordCode(code) || code === 0x2e || code === 0x2d || code === 0x2f || code === 0x24,
};

/**
 * The IoT Edge daemon's own errors (Azure/iotedge edgelet iotedged and aziot-edged src/error.rs): it could not start
 * ("The daemon could not start up successfully: Could not load settings"), its container runtime or its local APIs failed
 * ("A module runtime error occurred."). Local to the device, not IoT Hub. Its re-provisioning errors are left out: their
 * cause is often the cloud's answer. It absorbs nothing: a hub's answer in its cause chain stays a finding of its own.
 */
export const EDGE_DAEMON_MESSAGES: readonly PhraseRule[] = [
  {
    spec: { name: 'IotEdgeDaemonError', httpStatus: null, transient: null, category: 'network' },
    pattern:
      /\bThe daemon could not start up successfully\b|\bA module runtime error occurred\b|\bThe (?:workload|management) service encountered an error\b|\bThe watchdog encountered an error\b|\bThe symmetric key string (?:is malformed|could not be activated)\b|\bThe certificate management expiration timer encountered a failure\b/gi,
    starts: {
      'the daemon could not start up': AT,
      'a module runtime error': AT,
      // "The workload service ", "The management service ", "The watchdog "
      'encountered an error': [21, 23, 13],
      'the symmetric key string': AT,
      'the certificate management expiration': AT,
    },
  },
];

/** A device id before " is not connected" (up to 128 characters, and its closing quote). */
const BEFORE_DEVICE_STATE = Array.from({ length: 130 }, (_, i) => i + 1);

/**
 * A device said in words not to be connected: "Device 'sensor-3' is not online", "device sensor-3 is not connected", "Device
 * sensor-3 is offline" (the service SDKs' and portals' way of saying 404103 DeviceNotOnline, and people's). Group 1 is the
 * device id; "the device is not connected", with no id, is not read.
 */
export const DEVICE_NOT_CONNECTED: PhraseRule = {
  spec: { name: 'DeviceNotConnected', httpStatus: null, transient: true, category: 'device-offline' },
  pattern: /(?<=\b[Dd]evice ['"]?)([A-Za-z0-9][\w.@-]{0,127})['"]? is (?:not (?:connected|online)|offline)\b/g,
  starts: { ' is not connecte': BEFORE_DEVICE_STATE, ' is not online': BEFORE_DEVICE_STATE, ' is offline': BEFORE_DEVICE_STATE },
  canStartAt: (text, offset) => {
    const before = text.charCodeAt(offset - 1);
    return offset > 0 && (before === 0x20 || before === 0x27 || before === 0x22);
  },
  // the id's characters ('.', '-', '@' and word characters) and its closing quote
  leadChars: (code) => isWordCode(code) || code === 0x2e || code === 0x2d || code === 0x40 || code === 0x27 || code === 0x22,
};

/**
 * Azure Resource Manager's message for AuthorizationFailed, which az prints without its code: "The client 'x' with object
 * id 'y' does not have authorization to perform action 'Microsoft.Devices/IotHubs/read' over scope ..." (Microsoft Learn,
 * "Troubleshoot common Azure deployment errors"). The caller's role assignment, not the hub.
 */
export const ARM_MESSAGES: readonly PhraseRule[] = [
  {
    spec: { name: 'AuthorizationFailed', httpStatus: 403, transient: false, category: 'auth' },
    pattern: /\bdoes not have authorization to perform action\b/gi,
    starts: { 'does not have authorization to perform': AT },
  },
];

/** Messages of the IoT Hub resource provider (ARM), with the resource-provider code they are written with. */
export const RESOURCE_PROVIDER_MESSAGES: readonly (TriggeredPattern & { resourceProviderCode: number })[] = [
  {
    // "(400019) Max number of Iot Hubs exceeded for sku = Free, Max Allowed = 1, Current = 2 ... errorcode: IH400019."
    resourceProviderCode: 400019,
    pattern: /\bMax number of Iot ?Hubs exceeded for sku\b/gi,
    starts: { 'max number of iot': AT },
  },
];
