// The patterns context extraction reads (hubs, devices, modules, tracking and correlation ids,
// protocols), each with the keyword it contains and where its matches start relative to that keyword:
// one search for all keywords (text-triggers.ts) replaces some thirty scans of the whole paste.
// Separators are written \s*(?:[:=]\s*)?, never \s*[:=]?\s*: two repeats around an optional token try every split
// of a long run of spaces (quadratic). Free text between a keyword and what follows is bounded and stops at the
// next occurrence of the keyword, so that keywords repeated back to back do not each read the same stretch.
import { isAsciiAlphanumeric, isWordCode } from './scan.ts';
import { DEVICE_NOT_CONNECTED, EDGE_CLIENT_NOT_CONNECTED } from './sdk-messages.ts';
import type { TriggeredPattern } from './triggers.ts';

const AT = [0] as const;

function leadsBetween(min: number, max: number): number[] {
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

/** What the pattern's leading lookbehind requires of the character before a start. */
function startNotAfter(isExcluded: (code: number) => boolean): (text: string, offset: number) => boolean {
  return (text, offset) => offset === 0 || !isExcluded(text.charCodeAt(offset - 1));
}

// A host is a label (2-63) + "." + optional "privatelink." before "azure-devices.": 3 to 76 characters.
export const HUB_HOST: TriggeredPattern = {
  pattern: /(?<![A-Za-z0-9-])([A-Za-z0-9][A-Za-z0-9-]{1,62})\.(?:privatelink\.)?azure-devices\.(net|cn|us|de|microsoftazure\.de)(?![A-Za-z0-9-])/gi,
  starts: { 'azure-devices.': leadsBetween(3, 76) },
  canStartAt: startNotAfter((code) => code === 0x2d || isAsciiAlphanumeric(code)),
  leadChars: (code) => code === 0x2d || code === 0x2e || isAsciiAlphanumeric(code),
};

export const HUB_RESOURCE_ID: TriggeredPattern = {
  pattern: /\/subscriptions\/[0-9a-fA-F-]{36}\/resourceGroups\/[^/\s"'?]{1,90}\/providers\/Microsoft\.Devices\/IotHubs\/[A-Za-z0-9-]{3,50}(?![A-Za-z0-9-])/gi,
  starts: { '/subscriptions/': AT },
};

/** "Iot Hub " or "IotHub " before the quote or "Name". */
const AFTER_IOT = [3, 4] as const;

export const HUB_NAME_PATTERNS: readonly TriggeredPattern[] = [
  { pattern: /--hub-name(?:=|\s+)["']?([A-Za-z0-9-]{3,50})\b/g, starts: { '--hub-name': AT } },
  { pattern: /\baz iot hub\b(?:(?!az iot hub)[^\n]){0,300}?\s-n\s{1,16}["']?([A-Za-z0-9-]{3,50})\b/g, starts: { 'az iot hub': AT } },
  { pattern: /\bIot ?Hub Name\s*(?:[:=]\s*)?["']([A-Za-z0-9-]{3,50})["']/gi, starts: { 'hub name': AFTER_IOT } },
  // a quote, then "iot" (or nothing) before "HubName"
  { pattern: /["'](?:iotHubName|hubName|IotHubName|HubName)["']\s*:\s*["']([A-Za-z0-9-]{3,50})["']/g, starts: { hubname: [1, 4] } },
  { pattern: /\bIot ?Hub ['"]([A-Za-z0-9-]{3,50})['"]/gi, starts: { "hub '": AFTER_IOT, 'hub "': AFTER_IOT } },
  // az iot: "Unable to find IoT Hub: ops-hub in current subscription ...", "... a priviledged policy for IoT Hub: ops-hub, ..."
  { pattern: /\bUnable to (?:find|discover a privi?ledged policy for) IoT Hub: ([A-Za-z0-9-]{3,50})\b/g, starts: { 'unable to find iot hub': AT, 'unable to discover a priv': AT } },
  // az (iot module): "No IoT Hub found with name ops-hub in current subscription."
  { pattern: /\bNo IoT Hub found with name ([A-Za-z0-9-]{3,50}) in\b/g, starts: { 'no iot hub found': AT } },
];

const ID_VALUE = String.raw`([A-Za-z0-9$][\w.:@$*()!=%+#-]{0,127})`;
/** An id in prose: it must look like one (a digit, '-', '_' or '.'), and nothing id-like may follow it. */
const PROSE_ID = String.raw`(?!id\b)([A-Za-z0-9][\w.:@$-]{0,127}(?<=[\d_.-][\w.:@$-]*))(?![\w/.:@$-])`;
/** What comes before "device <id>" in prose and log messages: "Failed to update device meter-7", "on device rpi-4:". */
const DEVICE_VERBS = ['for', 'on', 'to', 'from', 'create', 'creating', 'update', 'updating', 'delete', 'deleting', 'get', 'getting', 'register', 'registering'];
/** What an SDK call that takes a device id is named (get_device, GetTwinAsync, invokeDeviceMethod ...): read in extract-context. */
export const DEVICE_CALL_NAME = /device|twin/i;
export const NOT_A_DEVICE_CALL = /client|connection|string|provision|registration|enrollment|certificate|from|type|name|log|print|write|console/i;
/** The longest function name read before an SDK call's "(". */
const CALL_NAME_LEADS = leadsBetween(3, 61);
// The keywords are the id field names themselves: "device" alone is in every .NET stack frame (Devices.Client).
const DEVICE_ID = { deviceid: AT, 'device id': AT, device_id: AT, 'device-id': AT };

export const DEVICE_PATTERNS: readonly TriggeredPattern[] = [
  { pattern: new RegExp(String.raw`\bdevice[ _-]?id\b["']?\s*(?:[:=]\s*)?["']?${ID_VALUE}`, 'gi'), starts: DEVICE_ID },
  { pattern: new RegExp(String.raw`\bdevice ["']${ID_VALUE}["']`, 'gi'), starts: { 'device "': AT, "device '": AT } },
  // "A device with ID 'pump-7' is already registered."
  { pattern: new RegExp(String.raw`\bdevice with ID ["']${ID_VALUE}["']`, 'gi'), starts: { 'device with id': AT } },
  // Prose ("failed for device meter-7", "Failed to invoke method on device rpi-4:"): only ids that look like ids.
  {
    pattern: new RegExp(String.raw`\b(?:${DEVICE_VERBS.join('|')}) device\s+${PROSE_ID}`, 'gi'),
    starts: Object.fromEntries(DEVICE_VERBS.map((verb) => [`${verb} device`, AT])),
  },
  // az iot ... -d sensor-1 (the long form --device-id is read above)
  { pattern: new RegExp(String.raw`(?<=\baz iot [^\n]{0,300}?) -d\s{1,16}["']?${ID_VALUE}`, 'g'), starts: { ' -d ': AT } },
  // iothub-explorer create|get|delete|update|... <device-id>
  {
    pattern: new RegExp(
      String.raw`\biothub-explorer\s{1,4}(?:create|delete|get|update|send|receive|sas-token|regenerate-sas|get-twin|update-twin|device-method|monitor-events|simulate-device)\s{1,4}["']?(?!-)${ID_VALUE}`,
      'g',
    ),
    starts: { 'iothub-explorer': AT },
  },
];

export const MODULE_PATTERNS: readonly TriggeredPattern[] = [
  { pattern: new RegExp(String.raw`\bmodule[ _-]?id\b["']?\s*(?:[:=]\s*)?["']?${ID_VALUE}`, 'gi'), starts: { moduleid: AT, 'module id': AT, module_id: AT, 'module-id': AT } },
];

/** Patterns with a device id in group 1 and, optionally, a module id in group 2. */
export const DEVICE_MODULE_PATTERNS: readonly TriggeredPattern[] = [
  { pattern: /(?<=^|[\s/"'=:(])(?:devices|twins)\/([^/\s"'?#,;{}<>]{1,128})(?:\/modules\/([^/\s"'?#,;{}<>]{1,128}))?/gm, starts: { 'devices/': AT, 'twins/': AT } },
  { pattern: /\bfor device\s+(?:id\s+)?([A-Za-z0-9][\w.-]{0,127})\/(\$?[A-Za-z][\w.-]{0,63})/gi, starts: { 'for device': AT } },
  // IoT Edge client ids in edgeHub logs: "cloud connection for client gw-1/SimulatedTemperatureSensor",
  // "Did not receive ack ... from device/module gw-1/bridge"
  { pattern: /\b(?:for|from|to) client\s+([A-Za-z0-9][\w.-]{0,127})\/(\$?[A-Za-z][\w.-]{0,63})/gi, starts: { 'for client': AT, 'from client': AT, 'to client': AT } },
  { pattern: /\bdevice\/module\s+([A-Za-z0-9][\w.-]{0,127})\/(\$?[A-Za-z][\w.-]{0,63})/gi, starts: { 'device/module': AT } },
  // MQTT user names: host/device/?api-version=..., host/device/module/?api-version=..., and the legacy host/device/api-version=...
  { pattern: /azure-devices\.[a-z.]{2,20}\/([^/\s?"']{1,128})\/(?:([^/\s?"']{1,128})\/)?\??api-version=/gi, starts: { 'azure-devices.': AT } },
  { pattern: /\b(?:identity|identities) for ([A-Za-z0-9][\w.-]{0,127})\/(\$?[A-Za-z][\w.-]{0,63})/g, starts: { 'identity for': AT, 'identities for': AT } },
  // edgeHub: "Module gw-1/reader is not connected", "Unable to invoke method as client gw-1/reader is not connected."
  EDGE_CLIENT_NOT_CONNECTED,
  // "Device 'sensor-3' is not online"
  DEVICE_NOT_CONNECTED,
  // Eclipse Paho (the Java SDK's MQTT client, whose client id is the device id, "device/module" for a module) logs
  // "SEVERE: sensor-7: Timed out as no activity, keepAlive=230,000 ..." (ClientState.checkForActivity).
  {
    pattern: /(?<![\w/.:-])([A-Za-z0-9][\w.-]{0,127})(?:\/([A-Za-z0-9$][\w.-]{0,63}))?: Timed out as no activity\b/g,
    starts: { 'timed out as no activity': leadsBetween(3, 195) },
    canStartAt: startNotAfter((code) => code === 0x2f || code === 0x2e || code === 0x2d || code === 0x3a || isWordCode(code)),
    leadChars: (code) => code === 0x2e || code === 0x2d || code === 0x2f || code === 0x3a || code === 0x20 || code === 0x24 || isWordCode(code),
  },
  // An id of 1 to 128 characters right before "/$edge".
  {
    pattern: /(?<![\w/.-])([A-Za-z0-9][\w.-]{0,127})\/(\$edge(?:Hub|Agent))\b/g,
    starts: { '/$edge': leadsBetween(1, 128) },
    canStartAt: startNotAfter((code) => code === 0x2f || code === 0x2e || code === 0x2d || isWordCode(code)),
    leadChars: (code) => code === 0x2e || code === 0x2d || isWordCode(code),
  },
];

/** An SDK call whose first argument is a quoted id: group 1 is the function's name, group 2 the id. */
export const DEVICE_CALL: TriggeredPattern = {
  pattern: /(?<!\w)([A-Za-z_][A-Za-z0-9_]{2,60})\(["']([A-Za-z0-9][\w.:@$*()!=%+#-]{0,127})["']\s?[,)]/g,
  starts: { '("': CALL_NAME_LEADS, "('": CALL_NAME_LEADS },
  canStartAt: startNotAfter(isWordCode),
  leadChars: isWordCode,
};

// The parts IoT Hub appends to a tracking id's 32 hex digits: gateway ("-G:9", "-G2:", "_G3") and time ("-TimeStamp:
// 12/07/2026 21:30:12", "-TimeStamp:2024-02-27T17:27:48.272248437+00:00"), sometimes twice (a call relayed by a gateway).
const TRACK_TIMESTAMP = String.raw`-TimeStamp: ?(?:\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2}:\d{2}(?: ?[AP]M)?|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})?)`;
const TRACK_SEGMENT = String.raw`(?:-G\d{0,4}:\d{0,4}|_G\d{1,4}|${TRACK_TIMESTAMP})`;
const TRACKING_ID = String.raw`[0-9a-fA-F]{32}${TRACK_SEGMENT}{0,4}`;

export const TRACKING_PATTERNS: readonly TriggeredPattern[] = [
  { pattern: new RegExp(String.raw`Tracking ?I[Dd]\s*[:=]\s*(${TRACKING_ID}(?![0-9A-Za-z])|[^\s,;"'}\]]{1,200})`, 'g'), starts: { 'tracking id': AT, trackingid: AT } },
  { pattern: /["']trackingId["']\s*:\s*["']([^"'\n]{1,200})["']/gi, starts: { trackingid: [1] } },
  // 32 hex digits right before "-G:", "-G2:" or "-TimeStamp:".
  {
    pattern: new RegExp(String.raw`(?<![0-9A-Za-z])([0-9a-fA-F]{32}(?:-G\d{0,4}:\d{0,4}|${TRACK_TIMESTAMP})${TRACK_SEGMENT}{0,3})`, 'g'),
    starts: { '-g': [32], '-timestamp:': [32] },
  },
];

const GUID = String.raw`[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}`;

export const CORRELATION_PATTERNS: readonly TriggeredPattern[] = [
  { pattern: new RegExp(String.raw`correlation (?:identifier|id)\s*(?:[:=]\s*)?["']?(${GUID})`, 'gi'), starts: { correlation: AT } },
  // "x-ms-" before "correlation"
  { pattern: new RegExp(String.raw`x-ms-correlation-request-id["']?\s*[:=]\s*["']?(${GUID})`, 'gi'), starts: { correlation: [5] } },
  { pattern: new RegExp(String.raw`["']correlationId["']\s*:\s*["'](${GUID})["']`, 'gi'), starts: { correlation: [1] } },
];

/** Protocols, in the order they are listed; each pattern is only tested for presence. */
export const PROTOCOLS: readonly (TriggeredPattern & { name: string })[] = [
  { name: 'MQTT', pattern: /mqtt|paho|\bCONNACK\b|\$iothub\/|:8883\b/i, starts: { mqtt: AT, paho: AT, connack: AT, '$iothub/': AT, ':8883': AT } },
  { name: 'AMQP', pattern: /amqp|:5671\b|com\.microsoft:[a-z]/i, starts: { amqp: AT, ':5671': AT, 'com.microsoft:': AT } },
  {
    name: 'HTTP',
    pattern: /\bHttp1\b|TransportType\.Http|\bHttp(?:Client|Transport|Request|Response|StatusCode)[A-Za-z]*|\bHTTP\/\d(?:\.\d)? \d{3}\b|\bhttp_errors\b/,
    starts: { http: AT, 'transporttype.http': AT },
  },
  // MqttWs and AmqpWs start with "mqtt" and "amqp"
  { name: 'WebSockets', pattern: /websocket|\bMqttWs\b|\bAmqpWs\b|\bwss:\/\//i, starts: { websocket: AT, mqtt: AT, amqp: AT, 'wss://': AT } },
];

/** Every pattern above, in one list for the shared trigger search (text-triggers.ts). */
export const CONTEXT_PATTERNS: readonly TriggeredPattern[] = [
  HUB_HOST,
  HUB_RESOURCE_ID,
  ...HUB_NAME_PATTERNS,
  ...DEVICE_PATTERNS,
  ...MODULE_PATTERNS,
  ...DEVICE_MODULE_PATTERNS,
  DEVICE_CALL,
  ...TRACKING_PATTERNS,
  ...CORRELATION_PATTERNS,
  ...PROTOCOLS,
];
