// Context around the errors: which hub, devices and modules, tracking ids, when, over what
// protocol. Works on redacted text only, so nothing it returns can carry a secret.
import type { FoundTimestamp } from './timestamps.ts';
import type { ExtractedContext } from './types.ts';

export const MAX_CONTEXT_VALUES = 20;
const MAX_SCANNED_MATCHES = 100_000;

/** Keeps the first distinct values (by a comparison key), up to a limit. */
class Collector {
  readonly values: string[] = [];
  private readonly keys = new Map<string, number>();
  private readonly limit: number;
  private readonly keyOf: (value: string) => string;
  private readonly prefer: ((current: string, candidate: string) => boolean) | null;

  constructor(limit: number, keyOf: (value: string) => string = (v) => v, prefer: ((current: string, candidate: string) => boolean) | null = null) {
    this.limit = limit;
    this.keyOf = keyOf;
    this.prefer = prefer;
  }

  add(value: string | undefined): void {
    if (value === undefined || value === '') return;
    const key = this.keyOf(value);
    const at = this.keys.get(key);
    if (at !== undefined) {
      const current = this.values[at];
      if (current !== undefined && this.prefer?.(current, value) === true) this.values[at] = value;
      return;
    }
    if (this.values.length >= this.limit) return;
    this.keys.set(key, this.values.length);
    this.values.push(value);
  }
}

function* matches(pattern: RegExp, text: string): Generator<RegExpExecArray> {
  pattern.lastIndex = 0;
  let produced = 0;
  for (let m = pattern.exec(text); m !== null && produced < MAX_SCANNED_MATCHES; m = pattern.exec(text)) {
    if (m[0].length === 0) {
      pattern.lastIndex += 1;
      continue;
    }
    produced += 1;
    yield m;
  }
}

const HUB_HOST = /(?<![A-Za-z0-9-])([A-Za-z0-9][A-Za-z0-9-]{1,62})\.(?:privatelink\.)?azure-devices\.(net|cn|us|de|microsoftazure\.de)(?![A-Za-z0-9-])/gi;

const HUB_RESOURCE_ID = /\/subscriptions\/[0-9a-fA-F-]{36}\/resourceGroups\/[^/\s"'?]{1,90}\/providers\/Microsoft\.Devices\/IotHubs\/[A-Za-z0-9-]{3,50}(?![A-Za-z0-9-])/gi;

const HUB_NAME_PATTERNS: readonly RegExp[] = [
  /--hub-name(?:=|\s+)["']?([A-Za-z0-9-]{3,50})\b/g,
  /\baz iot hub\b[^\n]{0,300}?\s-n\s+["']?([A-Za-z0-9-]{3,50})\b/g,
  /\bIot ?Hub Name\s*[:=]?\s*["']([A-Za-z0-9-]{3,50})["']/gi,
  /["'](?:iotHubName|hubName|IotHubName|HubName)["']\s*:\s*["']([A-Za-z0-9-]{3,50})["']/g,
  /\bIot ?Hub ['"]([A-Za-z0-9-]{3,50})['"]/gi,
];

const ID_VALUE = String.raw`([A-Za-z0-9$][\w.:@$*()!=%+-]{0,127})`;
const DEVICE_PATTERNS: readonly RegExp[] = [
  new RegExp(String.raw`\bdevice[ _-]?id\b["']?\s*[:=]?\s*["']?${ID_VALUE}`, 'gi'),
  new RegExp(String.raw`\bdevice ["']${ID_VALUE}["']`, 'gi'),
  // Prose ("failed for device meter-7"): only ids that look like ids (a digit, '-', '_' or '.').
  /\bfor device\s+(?!id\b)([A-Za-z0-9][\w.:@$-]{0,127}(?<=[\d_.-][\w.:@$-]*))(?![\w/.:@$-])/gi,
];
const MODULE_PATTERNS: readonly RegExp[] = [new RegExp(String.raw`\bmodule[ _-]?id\b["']?\s*[:=]?\s*["']?${ID_VALUE}`, 'gi')];
/** Patterns with a device id in group 1 and, optionally, a module id in group 2. */
const DEVICE_MODULE_PATTERNS: readonly RegExp[] = [
  /(?<=^|[\s/"'=:(])(?:devices|twins)\/([^/\s"'?#,;{}<>]{1,128})(?:\/modules\/([^/\s"'?#,;{}<>]{1,128}))?/gm,
  /\bfor device\s+(?:id\s+)?([A-Za-z0-9][\w.-]{0,127})\/(\$?[A-Za-z][\w.-]{0,63})/gi,
  /azure-devices\.[a-z.]{2,20}\/([^/\s?"']{1,128})\/(?:([^/\s?"']{1,128})\/)?\?api-version/gi,
  /\b(?:identity|identities) for ([A-Za-z0-9][\w.-]{0,127})\/(\$?[A-Za-z][\w.-]{0,63})/g,
  /(?<![\w/.-])([A-Za-z0-9][\w.-]{0,127})\/(\$edge(?:Hub|Agent))\b/g,
];

const NOT_AN_ID: ReadonlySet<string> = new Set([
  'is', 'was', 'are', 'and', 'or', 'the', 'a', 'an', 'not', 'of', 'for', 'from', 'in', 'on', 'to', 'with', 'must', 'cannot', 'can', 'should', 'does',
  'did', 'has', 'have', 'which', 'that', 'this', 'mismatch', 'null', 'undefined', 'none', 'empty', 'missing', 'invalid', 'property', 'parameter',
  'field', 'value', 'string', 'format', 'length', 'id', 'ids', 'name', 'true', 'false', 'provided', 'specified', 'required', 'redacted',
]);

function cleanId(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const value = raw.replace(/[.,:;)]+$/, '');
  if (value.length === 0 || value.length > 128) return undefined;
  if (/[{}<>*]|\.\.\.|…|\[REDACTED\]/.test(value)) return undefined;
  if (NOT_AN_ID.has(value.toLowerCase())) return undefined;
  return value;
}

const TRACK_TIMESTAMP = String.raw`-TimeStamp:\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2}:\d{2}(?: ?[AP]M)?`;
const TRACKING_ID = String.raw`[0-9a-fA-F]{32}(?:-G:\d{1,4}|_G\d{1,4})?(?:${TRACK_TIMESTAMP})?`;
const TRACKING_PATTERNS: readonly RegExp[] = [
  new RegExp(String.raw`Tracking ?I[Dd]\s*[:=]\s*(${TRACKING_ID}(?![0-9A-Za-z])|[^\s,;"'}\]]{1,200})`, 'g'),
  /["']trackingId["']\s*:\s*["']([^"'\n]{1,200})["']/gi,
  new RegExp(String.raw`(?<![0-9A-Za-z])([0-9a-fA-F]{32}(?:-G:\d{1,4}(?:${TRACK_TIMESTAMP})?|${TRACK_TIMESTAMP}))`, 'g'),
];

function cleanTrackingId(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const value = raw.trim().replace(/[.,]+$/, '');
  // Users mask tracking ids with asterisks or placeholders: those are absent, not ids.
  if (value.length < 8 || /[*{}<>]|\.\.\.|…|\[REDACTED\]/i.test(value)) return undefined;
  return value;
}

/** Same tracking id with and without its -G:/-TimeStamp: parts: compare by the 32-hex core. */
function trackingKey(value: string): string {
  const core = /^[0-9a-fA-F]{32}/.exec(value);
  return core === null ? value : core[0].toLowerCase();
}

const GUID = String.raw`[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}`;
const CORRELATION_PATTERNS: readonly RegExp[] = [
  new RegExp(String.raw`correlation (?:identifier|id)\s*[:=]?\s*["']?(${GUID})`, 'gi'),
  new RegExp(String.raw`x-ms-correlation-request-id["']?\s*[:=]\s*["']?(${GUID})`, 'gi'),
  new RegExp(String.raw`["']correlationId["']\s*:\s*["'](${GUID})["']`, 'gi'),
];

const PROTOCOLS: readonly { name: string; pattern: RegExp }[] = [
  { name: 'MQTT', pattern: /mqtt|paho|\bCONNACK\b|\$iothub\/|:8883\b/i },
  { name: 'AMQP', pattern: /amqp|:5671\b|com\.microsoft:[a-z]/i },
  {
    name: 'HTTP',
    pattern: /\bHttp1\b|TransportType\.Http|\bHttp(?:Client|Transport|Request|Response|StatusCode)[A-Za-z]*|\bHTTP\/\d(?:\.\d)? \d{3}\b|\bhttp_errors\b/,
  },
  { name: 'WebSockets', pattern: /websocket|\bMqttWs\b|\bAmqpWs\b|\bwss:\/\//i },
];

interface Positioned {
  index: number;
  value: string | undefined;
}

function collectInOrder(found: Positioned[], into: Collector): Collector {
  found.sort((a, b) => a.index - b.index);
  for (const f of found) into.add(f.value);
  return into;
}

export function extractContext(text: string, timestamps: readonly FoundTimestamp[]): ExtractedContext {
  const hosts = new Collector(MAX_CONTEXT_VALUES);
  for (const m of matches(HUB_HOST, text)) hosts.add(`${(m[1] ?? '').toLowerCase()}.azure-devices.${(m[2] ?? '').toLowerCase()}`);

  // Ids are kept in order of appearance, whichever pattern found them.
  const deviceHits: Positioned[] = [];
  const moduleHits: Positioned[] = [];
  for (const pattern of DEVICE_PATTERNS) for (const m of matches(pattern, text)) deviceHits.push({ index: m.index, value: cleanId(m[1]) });
  for (const pattern of MODULE_PATTERNS) for (const m of matches(pattern, text)) moduleHits.push({ index: m.index, value: cleanId(m[1]) });
  for (const pattern of DEVICE_MODULE_PATTERNS) {
    for (const m of matches(pattern, text)) {
      const device = cleanId(m[1]);
      if (device === undefined) continue;
      deviceHits.push({ index: m.index, value: device });
      moduleHits.push({ index: m.index, value: cleanId(m[2]) });
    }
  }
  const devices = collectInOrder(deviceHits, new Collector(MAX_CONTEXT_VALUES));
  const modules = collectInOrder(moduleHits, new Collector(MAX_CONTEXT_VALUES));

  const trackingHits: Positioned[] = [];
  for (const pattern of TRACKING_PATTERNS) for (const m of matches(pattern, text)) trackingHits.push({ index: m.index, value: cleanTrackingId(m[1]) });
  const tracking = collectInOrder(trackingHits, new Collector(MAX_CONTEXT_VALUES, trackingKey, (current, candidate) => candidate.length > current.length));

  const stamps = new Collector(MAX_CONTEXT_VALUES);
  for (const stamp of timestamps) stamps.add(stamp.iso ?? stamp.raw);

  const hubNames = new Collector(MAX_CONTEXT_VALUES, (v) => v.toLowerCase());
  for (const pattern of HUB_NAME_PATTERNS) for (const m of matches(pattern, text)) hubNames.add(m[1]);

  const resourceIds = new Collector(MAX_CONTEXT_VALUES, (v) => v.toLowerCase());
  for (const m of matches(HUB_RESOURCE_ID, text)) resourceIds.add(m[0]);

  const correlations = new Collector(MAX_CONTEXT_VALUES, (v) => v.toLowerCase());
  for (const pattern of CORRELATION_PATTERNS) for (const m of matches(pattern, text)) correlations.add(m[1]?.toLowerCase());

  return {
    hubHostNames: hosts.values,
    deviceIds: devices.values,
    moduleIds: modules.values,
    trackingIds: tracking.values,
    timestamps: stamps.values,
    protocols: PROTOCOLS.filter((p) => p.pattern.test(text)).map((p) => p.name),
    hubNames: hubNames.values,
    hubResourceIds: resourceIds.values,
    correlationIds: correlations.values,
  };
}
