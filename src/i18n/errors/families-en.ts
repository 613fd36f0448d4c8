// English texts for findings without a 6-digit code: an HTTP class alone, or a failure that is not
// an IoT Hub fault at all.

import type { NotIotHubKind } from './kinds.ts';
import { freezeTexts } from './freeze.ts';
import { sdkRetryNote } from './sdk-retry.ts';

const NO_CODE = 'No 6-digit IoT Hub code was found in the paste, so this is based on the HTTP status alone.';
const PASTE_MORE = 'Paste the full error, including any 6-digit code, tracking id and message, for a precise diagnosis.';

function note(first: string, httpStatus: number): string {
  const sdk = sdkRetryNote('en', httpStatus);
  return sdk === undefined ? first : `${first} ${sdk}`;
}

export const httpClassesEn = freezeTexts<number>({
  400: {
    title: 'Bad request (HTTP 400)',
    cause: `The hub rejected the request as invalid: the fix is in what the caller sent. ${NO_CODE}`,
    actions: [
      'Look in the full error for a message naming the field or value at fault.',
      'Check the request body, parameters and API version.',
      PASTE_MORE,
    ],
  },
  401: {
    title: 'Not authorized (HTTP 401)',
    cause: `The hub did not accept the caller's credentials: expired or wrongly signed SAS token, wrong key, revoked certificate or clock skew. An MQTT 'not authorized' connection refusal falls in this class too. ${NO_CODE}`,
    actions: [
      'Check the connection string, SAS token or certificate the client uses, and when it expires.',
      'Check the device clock; sync it with NTP.',
      'If it recurs about once an hour and the client reconnects, it is normal SAS token renewal.',
    ],
  },
  403: {
    title: 'Forbidden (HTTP 403)',
    cause: `The hub refused the operation: a quota or limit is reached (daily messages, queue depth, jobs), the hub is suspended, or the tier or permissions do not allow it. Over HTTP, the .NET v1 and Node SDKs report any 403 as a quota error, whatever the real cause. ${NO_CODE}`,
    actions: [
      "Check the hub's daily message usage and its status (Active or suspended) in the portal.",
      "Check the caller's permissions and that the hub's tier offers the feature.",
      PASTE_MORE,
    ],
  },
  404: {
    title: 'Not found (HTTP 404)',
    cause: `The target of the request does not exist or cannot be reached: device or module not registered, device offline for a direct method, wrong hub, or a hub failing over. Over HTTP, the Node SDK reports any 404 as DeviceNotFoundError. ${NO_CODE}`,
    actions: [
      'Check the device id, module id and hub host name in the request.',
      'For a direct method, check that the device is connected and has registered its handler.',
      PASTE_MORE,
    ],
  },
  408: {
    title: 'Request timeout (HTTP 408)',
    cause: 'The request did not complete in time, usually a timeout in the client SDK rather than an answer from the hub. Usually transient.',
    actions: [
      'Retry with exponential backoff.',
      'If many clients time out, check the network path and Resource Health for the hub.',
    ],
    transientNote: note('Transient.', 408),
  },
  409: {
    title: 'Conflict (HTTP 409)',
    cause: `The request conflicts with the current state: the resource already exists, is locked, or a second connection was opened for the same client. ${NO_CODE}`,
    actions: [
      'For a create, check whether the device, module or job already exists.',
      'For connections, check that no two clients share one identity.',
      PASTE_MORE,
    ],
  },
  412: {
    title: 'Precondition failed (HTTP 412)',
    cause: `A condition of the request was not met: usually an ETag that is no longer current, or a cloud-to-device message completed after its lock expired (over HTTP, .NET v1 reports any 412 as DeviceMessageLockLost). ${NO_CODE}`,
    actions: [
      'Read the resource again and retry with its current ETag.',
      'For cloud-to-device messages, complete each one within a minute of receiving it.',
    ],
  },
  413: {
    title: 'Payload too large (HTTP 413)',
    cause: `The request or message is bigger than the hub accepts: 256 KB device-to-cloud, 64 KB cloud-to-device, 128 KB for a direct method payload. ${NO_CODE}`,
    actions: ['Reduce or split the payload.', 'Use file upload for large data.'],
  },
  429: {
    title: 'Throttled (HTTP 429)',
    cause: "The hub is throttling the caller: requests arrive faster than the hub's tier and units allow. Nothing is broken, and requests succeed again once the rate drops.",
    actions: [
      'Back off: let the SDK retry with its throttling delay instead of retrying in a tight loop.',
      "Compare the traffic with the tier's throttling limits.",
      'If the load is legitimate, add units or move the hub to a higher tier.',
    ],
    transientNote: note('Transient.', 429),
  },
  500: {
    title: 'Internal server error (HTTP 500)',
    cause: 'IoT Hub failed on its side while handling the request, most likely a short-lived fault on some of its nodes. It is not caused by the request.',
    actions: [
      'Retry from the device with exponential backoff and jitter, and check that your SDK retries this error (see the note).',
      'If the errors go on for more than a few minutes, check Azure Resource Health for this hub and the Azure status page for IoT Hub in its region.',
      'Consider a manual failover only if Resource Health shows the hub Unavailable or Degraded.',
      'If it continues, open an Azure support request with the tracking id and the UTC timestamp of the errors.',
    ],
    transientNote: note('Transient, on the service side.', 500),
  },
  502: {
    title: 'Bad gateway (HTTP 502)',
    cause: 'A component in the request path returned an invalid answer; for a direct method, the device may have answered with something the hub could not use. Usually transient.',
    actions: [
      'Retry later with backoff.',
      'For a direct method, check that the device handler returns valid JSON and a status.',
      'If it persists, check Resource Health for the hub.',
    ],
    transientNote: note('Usually transient.', 502),
  },
  503: {
    title: 'Service unavailable (HTTP 503)',
    cause: "The hub could not take the request at that moment (server busy or unavailable); an MQTT 'Server unavailable' connection refusal falls in this class too. Service side and transient.",
    actions: [
      'Retry with exponential backoff and jitter.',
      'If it goes on for more than a few minutes, check Azure Resource Health for this hub and the Azure status page.',
      'Consider a manual failover only if Resource Health shows the hub Unavailable or Degraded.',
      'If it continues, open an Azure support request with the tracking id and UTC timestamp.',
    ],
    transientNote: note('Transient, on the service side.', 503),
  },
  504: {
    title: 'Gateway timeout (HTTP 504)',
    cause: 'A component timed out waiting for an answer; for a direct method, the device did not respond within the method timeout. Usually transient.',
    actions: [
      'Retry if the operation is safe to repeat.',
      "For a direct method, check the device handler's duration against the response timeout.",
      'If many callers time out at once, check Resource Health for the hub.',
    ],
    transientNote: note('Usually transient.', 504),
  },
});

export const notIotHubEn = freezeTexts<NotIotHubKind>({
  dns: {
    title: 'Host name could not be resolved (DNS)',
    cause: "The client could not turn the hub's host name into an address (for example ENOTFOUND or a getaddrinfo failure), so it never reached IoT Hub. Network or configuration on the client side, not a hub fault.",
    actions: [
      'Check the host name in the connection string for typos.',
      "Check the device's DNS servers and that it can resolve public names.",
      'If the hub uses private endpoints, check the private DNS zone the device resolves with.',
      'If the hub was deleted or renamed, update the connection string.',
    ],
  },
  'connection-refused': {
    title: 'Connection refused',
    cause: 'The target actively refused the TCP connection (ECONNREFUSED). It usually means a wrong host or port, a proxy or firewall in the way, or a local gateway that is not running; it rarely comes from IoT Hub itself.',
    actions: [
      'Check the host and port: 8883 for MQTT, 5671 for AMQP, 443 for HTTPS and WebSockets.',
      'Check that firewalls and proxies allow outbound traffic to those ports.',
      'If the target is local (IoT Edge or a gateway), check that the service is running.',
    ],
  },
  'connection-reset': {
    title: 'Connection reset',
    cause: 'The TCP connection was cut abruptly (ECONNRESET, socket hang up) by the network, a proxy, a firewall or the peer. It is usually not a hub fault, and the SDKs reconnect.',
    actions: [
      'Let the SDK reconnect, and check that it does so with backoff.',
      'If resets are frequent, look for a proxy, NAT or firewall that closes idle connections, and compare its timeout with the keep-alive.',
      'If many devices are reset at the same moment, check Resource Health for the hub.',
    ],
  },
  tls: {
    title: 'TLS handshake or certificate failure',
    cause: 'The secure connection failed during the TLS handshake: untrusted or expired certificate, host name mismatch, unsupported TLS version, or a proxy inspecting traffic. Client or network side.',
    actions: [
      'Check that the device trusts the root certificates IoT Hub uses (DigiCert Global Root G2 since the 2023 migration).',
      "Check the device's date and time: a wrong clock makes valid certificates look invalid.",
      'Make sure TLS 1.2 is enabled on the device.',
      "If a proxy inspects TLS, exclude the hub's host name from inspection.",
    ],
  },
  'local-identity-service': {
    title: 'Local identity service unavailable',
    cause: 'The client could not get a token or key from a local identity service (IoT Edge workload API, Azure IoT Identity Service or a managed identity endpoint), so it never reached the hub.',
    actions: [
      'Check that the identity service is running on the device (for example with iotedge system status).',
      'Check that the workload socket or identity endpoint is reachable from the module or app.',
      "Read the identity service's own logs for the underlying error.",
    ],
  },
  'client-size-check': {
    title: 'Message refused by the SDK before sending: too big',
    cause: 'The SDK refused the message locally because it exceeds the maximum size (for example 262,143 bytes for the .NET MQTT transport). Nothing was sent to the hub.',
    actions: ['Reduce the payload or split it into several messages.', 'Use file upload for large data.'],
  },
  'timeout-client': {
    title: 'Timed out on the client side',
    cause: 'The client stopped waiting for the operation (an SDK operation timeout or a network timeout such as ETIMEDOUT). The hub may never have received the request, or may have handled it after the client gave up.',
    actions: [
      'Retry with backoff, after checking that a repeat is safe.',
      "Check the device's network latency and connectivity to the hub.",
      'If many clients time out at once, check Resource Health for the hub.',
    ],
    transientNote: 'Usually transient: the SDKs retry timeouts by default.',
  },
  'generic-network': {
    title: 'Network error on the client side',
    cause: "A network error occurred between the client and the hub before any IoT Hub answer came back. It points at the device's network, proxy or firewall rather than at the hub.",
    actions: [
      "Check the device's connectivity to the hub's host name on port 443, 8883 or 5671.",
      'Check proxy and firewall settings.',
      'Let the SDK reconnect with backoff; check Resource Health only if many devices are affected.',
    ],
    transientNote: 'Often transient: the SDKs reconnect after network errors.',
  },
});
