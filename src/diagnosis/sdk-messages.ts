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
  {
    // DisallowedOperation (az: "(DisallowedOperation) The current subscription type is not permitted to perform operations on
    // any provider namespace. Please use a different subscription.", PowerShell and the SDKs print the message alone) and
    // DisallowedProvider ("The operation is not permitted for namespace 'Microsoft.Storage'. List of permitted provider
    // namespaces is ..."): the subscription's type, the caller's to change.
    spec: { name: 'DisallowedOperation', httpStatus: 400, transient: false, category: 'config' },
    pattern: /\bThe current subscription type is not permitted to perform operations\b/gi,
    starts: { 'the current subscription type is not permitted': AT },
  },
  {
    spec: { name: 'DisallowedProvider', httpStatus: 400, transient: false, category: 'config' },
    pattern: /\bThe operation is not permitted for namespace\b/gi,
    starts: { 'the operation is not permitted for namespace': AT },
  },
];

/**
 * The service's own words where no code is shown. IoT Hub's throttling of a request, its sentence whole (azure-iot-sdk-csharp
 * #1189: "the request has been throttled. Wait 10 seconds and try again. Operation type: AmqpLinkOpen"; with its code:
 * "ErrorCode:ThrottlingBacklogTimeout;The request has been throttled."), which joins the code when one is shown; and of
 * receive links (catalog 503008: "Receive link throttled. Message throttled, please retry operation."). A paste's own
 * "was throttled", or "the request has been throttled, we think", is not read.
 */
export const SERVICE_MESSAGES: readonly PhraseRule[] = [
  {
    spec: { name: 'RequestThrottled', httpStatus: 429, transient: true, category: 'throttling', absorbable: true },
    pattern: /\b[Tt]he request has been throttled\.(?![^\s"'\\])/g,
    starts: { 'the request has been throttled': AT },
  },
  {
    spec: { name: 'ReceiveLinkOpensThrottled', httpStatus: 503, transient: true, category: 'throttling', code: 503008 },
    pattern: /\bReceive link throttled\b|\bMessage throttled, please retry operation\b/gi,
    starts: { 'receive link throttled': AT, 'message throttled, please retry': AT },
  },
];

/**
 * A device that did not answer a command in time, as IoT Central words it: "Gateway timeout waiting for device X in
 * application Y to return the request." (azure-docs#83163), "Request timeout waiting for the device." (azure-docs PR
 * #89332, its error code RequestTimeout). The hub and the application are fine: the device is offline or slow.
 */
export const DEVICE_RESPONSE_TIMEOUTS: readonly PhraseRule[] = [
  {
    spec: { name: 'DeviceResponseGatewayTimeout', httpStatus: 504, transient: true, category: 'device-offline' },
    pattern: /\bGateway timeout waiting for (?:the )?device\b/gi,
    // "Gateway " is 8 characters
    starts: { 'timeout waiting for': [8] },
  },
  {
    spec: { name: 'DeviceResponseRequestTimeout', httpStatus: 408, transient: true, category: 'device-offline' },
    pattern: /\bRequest timeout waiting for (?:the )?device\b/gi,
    // "Request " is 8 characters
    starts: { 'timeout waiting for': [8] },
  },
];

/**
 * An AMQP namespace or entity that is not there: "Namespace sb://x.azure-devices.net:80/ does not exist." (Stream Analytics
 * testing an IoT Hub input: Azure/azure-stream-analytics#88, Azure/connectthedots#279), and the messaging entity of Service
 * Bus and Event Hubs ("The messaging entity 'sb://ns.servicebus.windows.net/invoices/$deadletterqueue' could not be found. To
 * know more visit https://aka.ms/sbResourceMgrExceptions"). A wrong name or an endpoint the caller cannot see: the caller's
 * to fix. Whose namespace it is, the service signals say (service.ts).
 */
export const NOT_FOUND_MESSAGES: readonly PhraseRule[] = [
  {
    spec: { name: 'NamespaceNotFound', httpStatus: 404, transient: false, category: 'config' },
    pattern: /\bNamespace (?:sb|amqps?):\/\/[^\s'"]{1,200}? does not exist\b/gi,
    starts: { 'namespace sb://': AT, 'namespace amqp': AT },
  },
  {
    spec: { name: 'MessagingEntityNotFound', httpStatus: 404, transient: false, category: 'config' },
    pattern: /\bThe messaging entity '[^'\n]{1,300}' could not be found\b/gi,
    starts: { "the messaging entity '": AT },
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

/** Every rule above that reads a component's message as one error (the recognisers and the shared keyword search read them all). */
export const COMPONENT_MESSAGES: readonly PhraseRule[] = [
  ...CALLER_CONFIG_MESSAGES,
  ...C_SDK_AUTH_MESSAGES,
  EDGE_CLIENT_NOT_CONNECTED,
  DEVICE_NOT_CONNECTED,
  ...EDGE_DAEMON_MESSAGES,
  ...ARM_MESSAGES,
  ...SERVICE_MESSAGES,
  ...DEVICE_RESPONSE_TIMEOUTS,
  ...NOT_FOUND_MESSAGES,
];
