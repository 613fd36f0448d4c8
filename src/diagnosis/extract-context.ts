// Context around the errors: which hub, devices and modules, tracking ids, when, over what
// protocol. Works on redacted text only, so nothing it returns can carry a secret.
import {
  CORRELATION_PATTERNS,
  DEVICE_CALL,
  DEVICE_CALL_NAME,
  DEVICE_MODULE_PATTERNS,
  DEVICE_PATTERNS,
  HUB_HOST,
  HUB_NAME_PATTERNS,
  HUB_RESOURCE_ID,
  MODULE_PATTERNS,
  NOT_A_DEVICE_CALL,
  PROTOCOLS,
  TRACKING_PATTERNS,
} from './context-patterns.ts';
import { compileTextPattern, findTextTriggers } from './text-triggers.ts';
import type { FoundTimestamp } from './timestamps.ts';
import { triggeredMatches, triggeredTest, type CompiledTriggeredPattern, type TriggerHits } from './triggers.ts';
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

const NOT_AN_ID: ReadonlySet<string> = new Set([
  'is', 'was', 'are', 'and', 'or', 'the', 'a', 'an', 'not', 'of', 'for', 'from', 'in', 'on', 'to', 'with', 'must', 'cannot', 'can', 'should', 'does',
  'did', 'has', 'have', 'which', 'that', 'this', 'mismatch', 'null', 'undefined', 'none', 'empty', 'missing', 'invalid', 'property', 'parameter',
  'field', 'value', 'string', 'format', 'length', 'id', 'ids', 'name', 'true', 'false', 'provided', 'specified', 'required', 'redacted',
]);

/** `value` without the run of `chars` it ends with (a loop: /[.,]+$/ would retry at each character of a long run). */
function withoutTrailing(value: string, chars: string): string {
  let end = value.length;
  while (end > 0 && chars.includes(value.charAt(end - 1))) end -= 1;
  return end === value.length ? value : value.slice(0, end);
}

function cleanId(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const value = withoutTrailing(raw, '.,:;)');
  if (value.length === 0 || value.length > 128) return undefined;
  if (/[{}<>*]|\.\.\.|…|\[REDACTED\]/.test(value)) return undefined;
  if (NOT_AN_ID.has(value.toLowerCase())) return undefined;
  return value;
}

function cleanTrackingId(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const value = withoutTrailing(raw.trim(), '.,');
  // Users mask tracking ids with asterisks or placeholders: those are absent, not ids.
  if (value.length < 8 || /[*{}<>]|\.\.\.|…|\[REDACTED\]/i.test(value)) return undefined;
  return value;
}

/** Same tracking id with and without its -G:/-TimeStamp: parts: compare by the 32-hex core. */
const STARTS_WITH_HEX_CORE = /^[0-9a-fA-F]{32}/;

function trackingKey(value: string): string {
  return STARTS_WITH_HEX_CORE.test(value) ? value.slice(0, 32).toLowerCase() : value;
}

const hubHost = compileTextPattern(HUB_HOST);
const hubResourceId = compileTextPattern(HUB_RESOURCE_ID);
const hubNamePatterns = HUB_NAME_PATTERNS.map(compileTextPattern);
const devicePatterns = DEVICE_PATTERNS.map(compileTextPattern);
const modulePatterns = MODULE_PATTERNS.map(compileTextPattern);
const deviceModulePatterns = DEVICE_MODULE_PATTERNS.map(compileTextPattern);
const deviceCall = compileTextPattern(DEVICE_CALL);
const trackingPatterns = TRACKING_PATTERNS.map(compileTextPattern);
const correlationPatterns = CORRELATION_PATTERNS.map(compileTextPattern);
const protocols = PROTOCOLS.map((protocol) => ({ name: protocol.name, matcher: compileTextPattern(protocol) }));

interface Positioned {
  index: number;
  value: string | undefined;
}

function collectInOrder(found: Positioned[], into: Collector): Collector {
  found.sort((a, b) => a.index - b.index);
  for (const f of found) into.add(f.value);
  return into;
}

export function extractContext(text: string, timestamps: readonly FoundTimestamp[], triggers: TriggerHits = findTextTriggers(text)): ExtractedContext {
  const eachMatch = (pattern: CompiledTriggeredPattern, onMatch: (match: RegExpExecArray) => void): void => {
    for (const m of triggeredMatches(pattern, text, triggers, MAX_SCANNED_MATCHES)) onMatch(m);
  };

  const hosts = new Collector(MAX_CONTEXT_VALUES);
  eachMatch(hubHost, (m) => hosts.add(`${(m[1] ?? '').toLowerCase()}.azure-devices.${(m[2] ?? '').toLowerCase()}`));

  // Ids are kept in order of appearance, whichever pattern found them.
  const deviceHits: Positioned[] = [];
  const moduleHits: Positioned[] = [];
  for (const pattern of devicePatterns) eachMatch(pattern, (m) => deviceHits.push({ index: m.index, value: cleanId(m[1]) }));
  for (const pattern of modulePatterns) eachMatch(pattern, (m) => moduleHits.push({ index: m.index, value: cleanId(m[1]) }));
  for (const pattern of deviceModulePatterns) {
    eachMatch(pattern, (m) => {
      const device = cleanId(m[1]);
      if (device === undefined) return;
      deviceHits.push({ index: m.index, value: device });
      moduleHits.push({ index: m.index, value: cleanId(m[2]) });
    });
  }
  eachMatch(deviceCall, (m) => {
    const name = m[1] ?? '';
    if (DEVICE_CALL_NAME.test(name) && !NOT_A_DEVICE_CALL.test(name)) deviceHits.push({ index: m.index, value: cleanId(m[2]) });
  });
  const devices = collectInOrder(deviceHits, new Collector(MAX_CONTEXT_VALUES));
  const modules = collectInOrder(moduleHits, new Collector(MAX_CONTEXT_VALUES));

  const trackingHits: Positioned[] = [];
  for (const pattern of trackingPatterns) eachMatch(pattern, (m) => trackingHits.push({ index: m.index, value: cleanTrackingId(m[1]) }));
  const tracking = collectInOrder(trackingHits, new Collector(MAX_CONTEXT_VALUES, trackingKey, (current, candidate) => candidate.length > current.length));

  const stamps = new Collector(MAX_CONTEXT_VALUES);
  for (const stamp of timestamps) stamps.add(stamp.iso ?? stamp.raw);

  const hubNames = new Collector(MAX_CONTEXT_VALUES, (v) => v.toLowerCase());
  for (const pattern of hubNamePatterns) eachMatch(pattern, (m) => hubNames.add(m[1]));

  const resourceIds = new Collector(MAX_CONTEXT_VALUES, (v) => v.toLowerCase());
  eachMatch(hubResourceId, (m) => resourceIds.add(m[0]));

  const correlations = new Collector(MAX_CONTEXT_VALUES, (v) => v.toLowerCase());
  for (const pattern of correlationPatterns) eachMatch(pattern, (m) => correlations.add(m[1]?.toLowerCase()));

  return {
    hubHostNames: hosts.values,
    deviceIds: devices.values,
    moduleIds: modules.values,
    trackingIds: tracking.values,
    timestamps: stamps.values,
    protocols: protocols.filter((protocol) => triggeredTest(protocol.matcher, text, triggers)).map((protocol) => protocol.name),
    hubNames: hubNames.values,
    hubResourceIds: resourceIds.values,
    correlationIds: correlations.values,
  };
}
