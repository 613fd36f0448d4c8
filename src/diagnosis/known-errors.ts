// SDK, protocol and network names that say which error happened when no 6-digit code is present.
// Sources: the exception/error classes of the Azure IoT SDKs (.NET v1/v2, Node azure-iot-common,
// Java, Python azure-iot-device, C), MQTT 3.1.1 CONNACK return codes, AMQP 1.0 and IoT Hub's
// com.microsoft: AMQP conditions, and common socket/DNS/TLS failures.
import type { Category, ClassSpec } from './classify.ts';
import type { TriggeredPattern } from './triggers.ts';

const spec = (name: string, httpStatus: number | null, transient: boolean | null, category: Category, extra: Partial<ClassSpec> = {}): ClassSpec => ({
  name,
  httpStatus,
  transient,
  category,
  ...extra,
});
const wrapper = (name: string): ClassSpec => spec(name, null, null, 'unclassified', { absorbable: true });
/**
 * A connection state the SDK reports (dropped, not connected, "no network", "communication error"): the
 * connection went down, not why. With a socket, DNS or TLS failure beside it, that is the finding; with a hub
 * error, that one; alone it says nothing of whose fault it is (a hub closes connections too: 404104, failovers).
 */
const dropped = (name: string): ClassSpec => spec(name, null, true, 'unclassified', { absorbable: true });
const network = (name: string, transient: boolean | null, absorbable = false): ClassSpec => spec(name, null, transient, 'network', { absorbable });
/** A platform (OS / runtime) network exception rather than an IoT SDK name: evidence kind 'network'. */
const platform = (name: string, transient: boolean | null, absorbable = false): ClassSpec => ({ ...network(name, transient, absorbable), platform: true });
/**
 * An IoT Edge runtime error of its own: its deployment configuration, or a local service it calls (the edge daemon's
 * module management and workload APIs, the HSM). Local, not IoT Hub; an HTTP status or socket error told with it is
 * that local service's ("EdgeletCommunicationException- Message:Error calling Create module x ..., StatusCode:500").
 */
const edgeLocal = (name: string, extra: Partial<ClassSpec> = {}): ClassSpec => spec(name, null, null, 'network', { absorbsNetwork: true, ...extra });

/** Exception / error class names, matched as whole identifiers. */
export const SDK_CLASSES: ReadonlyMap<string, ClassSpec> = new Map<string, ClassSpec>(
  [
    // .NET device and service SDKs (v1 Microsoft.Azure.Devices[.Client].Exceptions, v2)
    spec('ServerErrorException', 500, true, 'service'),
    spec('ServerBusyException', 503, true, 'service'),
    spec('IotHubThrottledException', 429, true, 'throttling'),
    spec('ThrottlingException', 429, true, 'throttling'),
    spec('QuotaExceededException', 403, null, 'quota'),
    spec('DeviceMaximumQueueDepthExceededException', 403, false, 'quota', { code: 403004 }),
    spec('IotHubSuspendedException', 403, false, 'quota'),
    spec('JobQuotaExceededException', 403, false, 'quota'),
    spec('UnauthorizedException', 401, false, 'auth'),
    spec('IotHubNotFoundException', 401, false, 'auth'),
    // The .NET service SDK raises it for any 404 (404103 too): its code comes from the body or the message.
    spec('DeviceNotFoundException', 404, false, 'config'),
    // The .NET service SDK's exception for ErrorCode DeviceNotOnline alone (Microsoft.Azure.Devices.Common.Exceptions)
    spec('DeviceNotOnlineException', 404, true, 'device-offline', { code: 404103 }),
    spec('ModuleNotFoundException', 404, false, 'config'),
    spec('JobNotFoundException', 404, false, 'config'),
    spec('DeviceAlreadyExistsException', 409, false, 'config'),
    spec('ModuleAlreadyExistsException', 409, false, 'config'),
    spec('PreconditionFailedException', 412, false, 'config'),
    spec('DeviceMessageLockLostException', 412, false, 'config'),
    spec('MessageTooLargeException', 413, false, 'config'),
    spec('TooManyDevicesException', 413, false, 'config'),
    spec('InvalidProtocolVersionException', 400, false, 'config'),
    network('IotHubCommunicationException', true, true),
    wrapper('IotHubException'),
    wrapper('IotHubClientException'),
    wrapper('IotHubServiceException'),
    wrapper('DeviceScopeApiException'),
    wrapper('AmqpException'),
    wrapper('IotHubClientTransientException'),
    platform('TimeoutException', true),
    platform('SocketException', true),
    platform('HttpRequestException', true, true),
    platform('WebSocketException', true),
    platform('AuthenticationException', false),
    // Java device/service SDKs
    spec('ThrottledException', 429, true, 'throttling'),
    spec('InternalServerErrorException', 500, true, 'service'),
    spec('IotHubBadGatewayException', 502, true, 'service'),
    spec('IotHubGatewayTimeoutException', 504, true, 'service'),
    spec('HubOrDeviceIdNotFoundException', 404, false, 'config'),
    spec('BadFormatException', 400, false, 'config'),
    spec('RequestEntityTooLargeException', 413, false, 'config'),
    spec('AmqpUnauthorizedAccessException', 401, false, 'auth'),
    spec('AmqpResourceLimitExceededException', 403, null, 'quota'),
    spec('AmqpNotFoundException', 404, false, 'config'),
    spec('AmqpInternalErrorException', 500, true, 'service'),
    platform('SocketTimeoutException', true),
    platform('UnknownHostException', null),
    platform('ConnectException', null),
    platform('SSLHandshakeException', false),
    // IoT Edge: edgeHub/edgeAgent calling the local workload API (the security daemon), not IoT Hub
    edgeLocal('WorkloadCommunicationException', { platform: true }),
    // IoT Edge runtime (Azure/iotedge edge-agent, edge-hub, edge-util): its deployment configuration and local services
    edgeLocal('ConfigEmptyException'),
    edgeLocal('ConfigFormatException'),
    edgeLocal('InvalidSchemaVersionException'),
    edgeLocal('RouteCompilationException'),
    edgeLocal('EdgeletCommunicationException'),
    edgeLocal('HttpHsmCommunicationException'),
    // Node azure-iot-common errors
    spec('InternalServerError', 500, true, 'service'),
    spec('ServiceUnavailableError', 503, true, 'service'),
    spec('GatewayTimeoutError', 504, true, 'service'),
    // azure-iot-common's RestApiClient maps HTTP 408 to it (504 is GatewayTimeoutError)
    spec('DeviceTimeoutError', 408, true, 'service'),
    spec('ThrottlingError', 429, true, 'throttling'),
    spec('IotHubQuotaExceededError', 403, null, 'quota'),
    spec('DeviceMaximumQueueDepthExceededError', 403, false, 'quota', { code: 403004 }),
    spec('IoTHubSuspendedError', 403, false, 'quota'),
    spec('TooManyDevicesError', 403, false, 'quota'),
    spec('UnauthorizedError', 401, false, 'auth'),
    spec('IotHubNotFoundError', 401, false, 'auth'),
    spec('DeviceNotFoundError', 404, false, 'config'),
    spec('JobNotFoundError', 404, false, 'config'),
    spec('DeviceAlreadyExistsError', 409, false, 'config'),
    spec('DeviceMessageLockLostError', 412, false, 'config'),
    spec('InvalidEtagError', 412, false, 'config'),
    spec('PreconditionFailedError', 412, false, 'config'),
    spec('MessageTooLargeError', 413, false, 'config'),
    dropped('NotConnectedError'),
    network('TimeoutError', true),
    // Python azure-iot-device
    network('ConnectionFailedError', true, true),
    dropped('ConnectionDroppedError'),
    dropped('NoConnectionError'),
    network('OperationTimeout', true),
    network('TlsExchangeAuthError', false),
    network('ProtocolProxyError', false),
    platform('SSLCertVerificationError', false),
    spec('CredentialError', 401, false, 'auth'),
    wrapper('ProtocolClientError'),
    wrapper('IoTHubError'),
    // C SDK connection status reasons and confirmation results
    spec('IOTHUB_CLIENT_CONNECTION_EXPIRED_SAS_TOKEN', 401, null, 'auth'),
    spec('IOTHUB_CLIENT_CONNECTION_BAD_CREDENTIAL', 401, false, 'auth'),
    spec('IOTHUB_CLIENT_CONNECTION_DEVICE_DISABLED', 403, false, 'config'),
    spec('IOTHUB_CLIENT_CONNECTION_QUOTA_EXCEEDED', 403, null, 'quota'),
    network('IOTHUB_CLIENT_CONNECTION_RETRY_EXPIRED', true),
    dropped('IOTHUB_CLIENT_CONNECTION_NO_NETWORK'),
    dropped('IOTHUB_CLIENT_CONNECTION_COMMUNICATION_ERROR'),
    network('IOTHUB_CLIENT_CONNECTION_NO_PING_RESPONSE', true),
    network('IOTHUB_CLIENT_CONFIRMATION_MESSAGE_TIMEOUT', true),
    network('IOTHUB_CLIENT_CONFIRMATION_BECAUSE_DESTROY', false),
    wrapper('IOTHUB_CLIENT_CONFIRMATION_ERROR'),
    // .NET ConnectionStatusChangeReason and Java IotHubConnectionStatusChangeReason
    spec('Bad_Credential', 401, false, 'auth'),
    spec('Expired_SAS_Token', 401, null, 'auth'),
    spec('Device_Disabled', 403, false, 'config'),
    network('Retry_Expired', true),
    dropped('No_Network'),
    dropped('Communication_Error'),
    spec('BAD_CREDENTIAL', 401, false, 'auth'),
    spec('EXPIRED_SAS_TOKEN', 401, null, 'auth'),
    network('RETRY_EXPIRED', true),
    dropped('NO_NETWORK'),
    dropped('COMMUNICATION_ERROR'),
    // Device Provisioning Service: C SDK PROV_DEVICE_RESULT values, .NET/Java client exceptions (see service.ts)
    network('PROV_DEVICE_RESULT_TIMEOUT', true),
    network('PROV_DEVICE_RESULT_TRANSPORT', true),
    spec('PROV_DEVICE_RESULT_DEV_AUTH_ERROR', 401, false, 'auth'),
    spec('PROV_DEVICE_RESULT_UNAUTHORIZED', 401, false, 'auth'),
    spec('PROV_DEVICE_RESULT_DISABLED', null, false, 'config'),
    spec('PROV_DEVICE_RESULT_HUB_NOT_SPECIFIED', null, false, 'config'),
    wrapper('PROV_DEVICE_RESULT_ERROR'),
    wrapper('PROV_DEVICE_RESULT_PARSING'),
    wrapper('PROV_DEVICE_RESULT_KEY_ERROR'),
    wrapper('ProvisioningTransportException'),
    wrapper('ProvisioningServiceClientHttpException'),
    wrapper('ProvisioningServiceClientException'),
    // Event Hubs, Service Bus and Storage clients (see service.ts)
    spec('ReceiverDisconnectedException', null, false, 'config'),
    spec('MessagingEntityNotFoundException', 404, false, 'config'),
    wrapper('EventHubsException'),
    wrapper('ServiceBusException'),
    wrapper('MessagingException'),
    wrapper('BlobStorageException'),
    wrapper('StorageException'),
    wrapper('RequestFailedException'),
    // Java IotHubStatusCode names distinctive enough to read anywhere
    spec('THROTTLED', 429, true, 'throttling'),
    spec('INTERNAL_SERVER_ERROR', 500, true, 'service'),
    spec('SERVER_BUSY', 503, true, 'service'),
    spec('DEVICE_OPERATION_TIMED_OUT', 504, true, 'service'),
    spec('QUOTA_EXCEEDED', 403, null, 'quota'),
    spec('TOO_MANY_DEVICES', 403, false, 'quota'),
    spec('UNAUTHORIZED', 401, false, 'auth'),
    spec('PRECONDITION_FAILED', 412, false, 'config'),
    spec('REQUEST_ENTITY_TOO_LARGE', 413, false, 'config'),
    spec('HUB_OR_DEVICE_ID_NOT_FOUND', 404, false, 'config'),
    spec('BAD_FORMAT', 400, false, 'config'),
  ].map((s) => [s.name, s]),
);

/** Java IotHubStatusCode names too generic to read without a status context. */
export const CONTEXTUAL_STATUS_NAMES: ReadonlyMap<string, ClassSpec> = new Map<string, ClassSpec>(
  [spec('NOT_FOUND', 404, false, 'config'), network('IO_ERROR', true, true), spec('SERVICE_UNAVAILABLE', 503, true, 'service')].map((s) => [s.name, s]),
);

/**
 * Azure Resource Manager error codes (any resource provider), read where an ARM error body or az names them
 * ("code": "ResourceNotFound", Code="AuthorizationFailed", "(ResourceGroupNotFound) ..."). Source: Microsoft
 * Learn, "Troubleshoot common Azure deployment errors".
 */
export const ARM_ERROR_CODES: ReadonlyMap<string, ClassSpec> = new Map<string, ClassSpec>(
  [
    spec('AuthorizationFailed', 403, false, 'auth'),
    spec('RequestDisallowedByPolicy', 403, false, 'auth'),
    spec('InvalidAuthenticationToken', 401, false, 'auth'),
    spec('InvalidAuthenticationTokenTenant', 401, false, 'auth'),
    spec('ExpiredAuthenticationToken', 401, false, 'auth'),
    spec('ResourceNotFound', 404, false, 'config'),
    spec('ResourceGroupNotFound', 404, false, 'config'),
    spec('ParentResourceNotFound', 404, false, 'config'),
    spec('SubscriptionNotFound', 404, false, 'config'),
    spec('NoRegisteredProviderFound', 400, false, 'config'),
    spec('MissingSubscriptionRegistration', 409, false, 'config'),
    spec('InvalidTemplate', 400, false, 'config'),
    spec('InvalidTemplateDeployment', 400, false, 'config'),
    spec('InvalidResourceType', 400, false, 'config'),
    spec('LocationNotAvailableForResourceType', 400, false, 'config'),
    spec('InvalidRequestContent', 400, false, 'config'),
    spec('SkuNotAvailable', 409, false, 'config'),
    spec('AnotherOperationInProgress', 409, true, 'config'),
    spec('ResourceQuotaExceeded', 409, false, 'quota'),
    wrapper('DeploymentFailed'),
    wrapper('ResourceDeploymentFailure'),
  ].map((s) => [s.name, s]),
);

/** .NET v2 IotHubClientErrorCode / IotHubServiceErrorCode values that are not catalog names. */
export const V2_ERROR_CODE_NAMES: ReadonlyMap<string, ClassSpec> = new Map<string, ClassSpec>(
  [
    spec('Throttled', 429, true, 'throttling'),
    spec('QuotaExceeded', 403, null, 'quota'),
    spec('Suspended', 403, false, 'quota'),
    spec('Unauthorized', 401, false, 'auth'),
    network('NetworkErrors', true, true),
    network('Timeout', true),
    network('TlsAuthenticationError', false),
  ].map((s) => [s.name, s]),
);

/**
 * IotHubCommunicationException that says the operation timed out, with no socket, DNS or TLS failure beside it:
 * the hub (or an edgeHub's cloud connection to it) did not answer in time. Alone, the class stays a network failure.
 */
export const HUB_COMMUNICATION_TIMEOUT: ClassSpec = spec('IotHubCommunicationException', null, true, 'service', { absorbsNetwork: true });
/** A TimeoutException where the log line says the operation was with the hub ("Error creating cloud connection"). */
export const HUB_OPERATION_TIMEOUT: ClassSpec = spec('TimeoutException', null, true, 'service', { absorbsNetwork: true, platform: true });
/** Words by which IoT Edge and SDK logs say the peer was IoT Hub. */
export const HUB_PEER_WORDS = /\bcloud connection|\bIoT ?Hub\b|\b(?:to|from|with) (?:the )?hub\b/i;
/**
 * A paste about invoking a direct method: there, an HTTP 504 without its code is 504101 (the only 504 the hub
 * gives a method call a device did not answer in time, besides the generic 504000).
 */
export const DIRECT_METHOD_CALL =
  /\binvoke[_-]?(?:device[_-]?|module[_-]?)?method|\bMethodInvoke|\bInvoke(?:Device|Module)?MethodAsync\b|\bdirect method|\bCloudToDeviceMethod\b|\binvoke-(?:device|module)-method\b/i;
export const DIRECT_METHOD_TIMEOUT: ClassSpec = spec('HTTP 504 Gateway Timeout (direct method)', 504, true, 'device-offline');
/** Read on the exception's line and the line before it (a TimeoutException wrapping it), never in stack frames. */
export const TIMEOUT_WORDS = /timed out|TimeoutException|did not complete within|timeout expired/i;
export const SOCKET_FAILURE_WORDS =
  /SocketException|forcibly closed|connection (?:was )?reset|ECONNRESET|refused|ENOTFOUND|getaddrinfo|No such host|unreachable|certificate|\bSSL|\bTLS|AuthenticationException|HttpRequestException|WebSocketException/i;

export type ConnackReturnCode = 1 | 2 | 3 | 4 | 5;

/** MQTT 3.1.1 CONNACK refusals as IoT Hub uses them. */
export const CONNACK: Readonly<Record<ConnackReturnCode, ClassSpec>> = {
  1: spec('MQTT CONNACK 1 unacceptable protocol version', 400, false, 'config'),
  2: spec('MQTT CONNACK 2 identifier rejected', 401, false, 'auth'),
  3: spec('MQTT CONNACK 3 server unavailable', 503, true, 'service'),
  4: spec('MQTT CONNACK 4 bad user name or password', 401, false, 'auth'),
  5: spec('MQTT CONNACK 5 not authorized', 401, false, 'auth'),
};

/** uamqp's (Python) names for the AMQP conditions: "ErrorCodes.UnauthorizedAccess" is amqp:unauthorized-access. */
export const UAMQP_ERROR_CODES: Readonly<Record<string, string>> = {
  UnauthorizedAccess: 'amqp:unauthorized-access',
  NotFound: 'amqp:not-found',
  ResourceDeleted: 'amqp:resource-deleted',
  ResourceLimitExceeded: 'amqp:resource-limit-exceeded',
  ResourceLocked: 'amqp:resource-locked',
  PreconditionFailed: 'amqp:precondition-failed',
  NotAllowed: 'amqp:not-allowed',
  NotImplemented: 'amqp:not-implemented',
  DecodeError: 'amqp:decode-error',
  InvalidField: 'amqp:invalid-field',
  IllegalState: 'amqp:illegal-state',
  FrameSizeTooSmall: 'amqp:frame-size-too-small',
  InternalServerError: 'amqp:internal-error',
  ConnectionCloseForced: 'amqp:connection:forced',
  ConnectionFramingError: 'amqp:connection:framing-error',
  LinkDetachForced: 'amqp:link:detach-forced',
  LinkStolen: 'amqp:link:stolen',
  LinkMessageSizeExceeded: 'amqp:link:message-size-exceeded',
  LinkTransferLimitExceeded: 'amqp:link:transfer-limit-exceeded',
  SessionWindowViolation: 'amqp:session:window-violation',
};

/** AMQP 1.0 and IoT Hub (com.microsoft:) error conditions. */
export const AMQP_CONDITIONS: ReadonlyMap<string, ClassSpec> = new Map<string, ClassSpec>(
  [
    spec('amqp:unauthorized-access', 401, false, 'auth'),
    spec('amqp:not-found', 404, false, 'config'),
    spec('amqp:resource-deleted', 404, false, 'config'),
    spec('amqp:resource-limit-exceeded', 403, null, 'quota'),
    // The SDKs retry a locked link; it is usually a second client using the same identity.
    spec('amqp:resource-locked', 409, true, 'config'),
    spec('amqp:precondition-failed', 412, false, 'config'),
    spec('amqp:not-allowed', 400, false, 'config'),
    spec('amqp:not-implemented', 400, false, 'config'),
    spec('amqp:decode-error', 400, false, 'config'),
    spec('amqp:invalid-field', 400, false, 'config'),
    spec('amqp:illegal-state', 400, false, 'config'),
    spec('amqp:frame-size-too-small', 400, false, 'config'),
    spec('amqp:internal-error', 500, true, 'service'),
    spec('amqp:connection:forced', 503, true, 'service'),
    spec('amqp:connection:framing-error', 400, false, 'config'),
    spec('amqp:link:detach-forced', 503, true, 'service'),
    spec('amqp:link:stolen', 409, false, 'config'),
    spec('amqp:link:message-size-exceeded', 413, false, 'config'),
    spec('amqp:link:transfer-limit-exceeded', 429, true, 'throttling'),
    spec('amqp:session:window-violation', 400, false, 'config'),
    spec('com.microsoft:device-container-throttled', 429, true, 'throttling', { code: 429001 }),
    spec('com.microsoft:message-lock-lost', 412, false, 'config', { code: 412002 }),
    spec('com.microsoft:iot-hub-suspended', 403, false, 'quota', { code: 403001 }),
    spec('com.microsoft:link-creation-conflict', 409, null, 'config', { code: 409002 }),
    spec('com.microsoft:iot-hub-not-found-error', 401, false, 'auth', { code: 401001 }),
    spec('com.microsoft:timeout', 408, true, 'service'),
    spec('com.microsoft:server-busy', 503, true, 'service'),
    spec('com.microsoft:argument-error', 400, false, 'config'),
    spec('com.microsoft:argument-out-of-range', 400, false, 'config'),
    spec('com.microsoft:quota-exceeded', 403, null, 'quota'),
    spec('com.microsoft:precondition-failed', 412, false, 'config'),
  ].map((s) => [s.name, s]),
);

/**
 * A phrase and where its matches start (see triggers.ts): each keyword (matched case-insensitively) with how
 * many characters before it a match can start.
 */
export interface PhraseRule extends TriggeredPattern {
  spec: ClassSpec;
}

const AT = [0] as const;
/** The IoT Edge socket/daemon phrase starts with one of connect|connection|request|call|calling|unavailable
 * (4 to 11 characters), then 0 to 60 characters, then the socket or daemon name. */
const BEFORE_EDGE_SOCKET = Array.from({ length: 71 - 4 + 1 }, (_, i) => i + 4);
const EDGE_PHRASE_FIRST = new Set([...'cruaiCRUAI'].map((c) => c.charCodeAt(0)));

/**
 * Messages the service writes for exactly one catalog code, read where no code is written ("Failed to invoke
 * method: Timed out waiting for the response from device."). Sources: the catalog's sample messages.
 */
export const DOCUMENTED_MESSAGES: readonly PhraseRule[] = [
  {
    spec: spec('GatewayTimeout', 504, true, 'device-offline', { code: 504101 }),
    pattern: /\bTimed out waiting for the response from (?:the )?device\b/gi,
    starts: { 'timed out waiting for the response': AT },
  },
  {
    spec: spec('DeviceNotOnline', 404, true, 'device-offline', { code: 404103 }),
    pattern: /\bTimed out waiting for (?:the )?device to connect\b|\brequested device (?:isn't|is not) online\b/gi,
    starts: { 'timed out waiting for device': AT, 'timed out waiting for the device': AT, 'requested device': AT },
  },
  {
    // The .NET SDKs' message for ErrorCode DeviceNotFound: "DeviceNotFoundException: Not registered".
    spec: spec('DeviceNotFound', 404, false, 'config', { code: 404001 }),
    pattern: /\bDeviceNotFoundException\b["']?[ \t:>-]{1,6}["']?Not registered\b/gi,
    starts: { devicenotfoundexception: AT },
  },
  {
    spec: spec('DeviceMaximumQueueDepthExceeded', 403, false, 'quota', { code: 403004 }),
    pattern: /\bDevice Queue depth cannot exceed\b|\bexceeded the queue limit of\b/gi,
    starts: { 'device queue depth': AT, 'queue limit of': [13] },
  },
  {
    spec: spec('DeviceMaximumActiveFileUploadLimitExceeded', 403, false, 'quota', { code: 403006 }),
    pattern: /\bNumber of active file upload requests cannot exceed\b/gi,
    starts: { 'number of active file upload': AT },
  },
  {
    // A second client opened a link with the same identity (the Java SDK raises it as AmqpInternalErrorException).
    spec: spec('ConnectionForcefullyClosedOnNewConnection', 400, false, 'config', { code: 400027 }),
    pattern: /\bAnother AMQP Client has opened a (?:Receive|Send|Sender|Receiver) Link\b/gi,
    starts: { 'another amqp client': AT },
  },
];

/**
 * The az CLI's own errors when it cannot reach a hub by name: the azure-iot extension (azext_iot IotHubDiscovery,
 * common/base_discovery.py) and the CLI's iot module (command_modules/iot/custom.py _get_iot_hub_by_name: "No IoT Hub
 * found with name X in current subscription.", also quoted without its name).
 */
export const CLI_PHRASES: readonly PhraseRule[] = [
  {
    spec: spec('IotHubNotFoundInSubscription', null, false, 'config'),
    pattern:
      /\bUnable to find IoT Hub: [A-Za-z0-9-]{3,50} in (?:current subscription|resource group)\b|\bNo IoT Hub found (?:with name (?:[^\s]{1,60} )?)?in (?:the )?current subscription\b/g,
    starts: { 'unable to find iot hub': AT, 'no iot hub found': AT },
  },
  {
    spec: spec('NoPrivilegedPolicyForIotHub', null, false, 'auth'),
    pattern: /\bUnable to discover a privi?ledged policy for IoT Hub\b/g,
    starts: { 'unable to discover a priv': AT },
  },
];

/** Network, TLS and local problems: not a hub fault. Every pattern is bounded (no nested repetition). */
export const NETWORK_PHRASES: readonly PhraseRule[] = [
  {
    spec: network('DnsResolutionFailed', null),
    pattern:
      /\b(?:getaddrinfo\s+)?(?:ENOTFOUND|EAI_AGAIN|EAI_NONAME)\b|getaddrinfo failure|No such host is known|Name or service not known|Temporary failure in name resolution|nodename nor servname provided|Could not resolve host|\bgaierror\b/gi,
    starts: {
      getaddrinfo: AT,
      enotfound: AT,
      eai_again: AT,
      eai_noname: AT,
      'no such host is known': AT,
      'name or service not known': AT,
      'temporary failure in name resolution': AT,
      'nodename nor servname provided': AT,
      'could not resolve host': AT,
      gaierror: AT,
    },
  },
  {
    spec: network('ConnectionRefused', null),
    pattern:
      /\bECONNREFUSED\b|actively refused|Connection refused(?![:,]? ?(?:-\s)?(?:the )?(?:unacceptable|identifier|server unavailable|broker|bad user|not authori))/gi,
    // ECONN, "actively ", "Connection "
    starts: { refused: [5, 9, 11] },
  },
  {
    spec: network('ConnectionReset', true),
    pattern: /\bECONNRESET\b|\bEPIPE\b|\bECONNABORTED\b|Connection reset by peer|connection (?:was )?aborted|forcibly closed by the remote host|premature close|Broken pipe/gi,
    starts: {
      'connection aborted': AT,
      'connection was aborted': AT,
      econnreset: AT,
      epipe: AT,
      econnaborted: AT,
      'connection reset by peer': AT,
      'forcibly closed by the remote host': AT,
      'premature close': AT,
      'broken pipe': AT,
    },
  },
  {
    spec: network('NetworkTimeout', true),
    // also the Java SDK's AMQP open ("Connection unable to be opened in time") and "Timed out connecting to ..."
    // also Python's socket.timeout and its device SDK's "Transport timeout on connection operation"
    // also Eclipse Paho's (the Java SDK's MQTT client) keep-alive timeout, "Timed out as no activity": no answer to its ping
    // ("connect ETIMEDOUT" is read whole: a connection that was never made, see record-merge.ts)
    pattern:
      /\b(?:connect )?ETIMEDOUT\b|\bESOCKETTIMEDOUT\b|Connection timed out|Connection unable to be opened in time|Timed out connecting to\b|\bsocket\.timeout\b|Transport timeout on connection operation|timed out waiting for CONNACK|\bTimed out as no activity\b/gi,
    starts: {
      // "connect " is 8 characters
      etimedout: [0, 8],
      'timed out as no activity': AT,
      esockettimedout: AT,
      'connection timed out': AT,
      'connection unable to be opened': AT,
      'timed out connecting to': AT,
      'socket.timeout': AT,
      'transport timeout on connection': AT,
      'timed out waiting for connack': AT,
    },
  },
  {
    // The C SDK's own words when it cannot open its connection (its adapters log the OS cause, when known, apart).
    spec: network('ConnectionOpenFailed', true),
    pattern: /\bio_open failed\b|\bFailed opening the underlying I\/O\b|\bfailure connecting to address\b|\blookup_address_and_connect_socket failed\b/gi,
    starts: { io_open: AT, 'failed opening the underlying': AT, 'failure connecting to address': AT, lookup_address_and_connect_socket: AT },
  },
  {
    spec: network('NetworkUnreachable', true),
    pattern: /\bEHOSTUNREACH\b|\bENETUNREACH\b|\bENETDOWN\b|Network is unreachable|No route to host/gi,
    starts: { ehostunreach: AT, enetunreach: AT, enetdown: AT, 'network is unreachable': AT, 'no route to host': AT },
  },
  {
    spec: network('TlsCertificateError', false),
    pattern:
      /certificate verify failed|unable to get local issuer certificate|self[- ]signed certificate|UNABLE_TO_VERIFY_LEAF_SIGNATURE|CERT_HAS_EXPIRED|certificate has expired|remote certificate is invalid|\bSSLError\b|TLS handshake (?:failed|failure|timeout|error)|\bx509: certificate|\bERR_TLS_CERT_[A-Z_]+|SSL routines/gi,
    starts: {
      // at it, "x509: ", "remote ", "self-signed "
      certificate: [0, 6, 7, 12],
      'unable to get local issuer': AT,
      unable_to_verify_leaf_signature: AT,
      cert_has_expired: AT,
      sslerror: AT,
      'tls handshake': AT,
      err_tls_cert_: AT,
      'ssl routines': AT,
    },
  },
  {
    spec: network('ProxyError', false),
    pattern: /Proxy Authentication Required|tunneling socket could not be established|proxy (?:connection failed|error)/gi,
    starts: { proxy: AT, 'tunneling socket': AT },
  },
  {
    spec: network('IotEdgeLocalServiceError', null),
    pattern:
      /(?:connect|connection|request|call(?:ing)?|unavailable)[^\n]{0,60}?(?:workload\.sock|mgmt\.sock|identityd\.sock|keyd\.sock|aziot-identityd|aziot-edged|aziot-keyd|iotedged)|(?:aziot-identityd|aziot-edged|aziot-keyd|iotedged|IoT Edge security daemon|identity service)[^\n]{0,40}?(?:fail|error|unavailable|not running|refused)/gi,
    starts: {
      'workload.sock': BEFORE_EDGE_SOCKET,
      'mgmt.sock': BEFORE_EDGE_SOCKET,
      'identityd.sock': BEFORE_EDGE_SOCKET,
      'keyd.sock': BEFORE_EDGE_SOCKET,
      'aziot-': [0, ...BEFORE_EDGE_SOCKET],
      iotedged: [0, ...BEFORE_EDGE_SOCKET],
      'iot edge security daemon': AT,
      'identity service': AT,
    },
    canStartAt: (text, offset) => EDGE_PHRASE_FIRST.has(text.charCodeAt(offset)),
  },
  {
    // The Device Provisioning Service failing or unreachable, as IoT Edge's identity service and the SDKs log it.
    spec: network('DpsProvisioningFailed', null),
    pattern: /\b(?:DPS|[Pp]rovisioning [Ss]ervice)\b[^\n]{0,40}?\b(?:client error|error|fail(?:ed|ure)?|timed out|unreachable|not assigned)\b/g,
    starts: { dps: AT, 'provisioning service': AT },
  },
  {
    spec: network('ClientMessageSizeLimit', false),
    pattern: /Size of telemetry message can not exceed|message size (?:is )?(?:too large|exceeds?)[^\n]{0,60}?(?:256 ?KB|262,?144)/gi,
    starts: { 'size of telemetry': AT, 'message size': AT },
  },
];
