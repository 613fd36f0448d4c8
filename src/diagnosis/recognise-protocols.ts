// Phrase recognisers: MQTT CONNACK refusals, AMQP error conditions, HTTP statuses and network failures.
// Each phrase contains a keyword ("refused", "CONNACK", "amqp:", "status", "ECONNRESET" ...); the one
// search for all keywords (text-triggers.ts) says where each phrase can match, instead of some thirty
// scans of the whole paste. Each pattern still decides, at those offsets, exactly as its global scan would.
import { classCandidate, httpStatusCandidate, resourceProviderCandidate } from './classify.ts';
import { hit, type Hit } from './hit.ts';
import { AMQP_CONDITIONS, CLI_PHRASES, CONNACK, DOCUMENTED_MESSAGES, NETWORK_PHRASES, UAMQP_ERROR_CODES, type ConnackReturnCode } from './known-errors.ts';
import { AMQP_CONDITION, UAMQP_ERROR_CODE, CONNACK_ENUM, CONNACK_NUMBER, CONNACK_PAHO_JAVA, CONNACK_TEXT, HTTP_PHRASES, HTTP_STATUS_PATTERNS } from './phrase-patterns.ts';
import { ARM_MESSAGES, CALLER_CONFIG_MESSAGES, C_SDK_AUTH_MESSAGES, DEVICE_NOT_CONNECTED, EDGE_CLIENT_NOT_CONNECTED, EDGE_DAEMON_MESSAGES, RESOURCE_PROVIDER_MESSAGES } from './sdk-messages.ts';
import { compileTextPattern } from './text-triggers.ts';
import { triggeredMatches, type TriggerHits } from './triggers.ts';

/** Bound on matches per pattern, so memory stays bounded on adversarial input. */
const MAX_MATCHES_PER_PATTERN = 200_000;

const HTTP_STATUS_NAMES: Readonly<Record<string, number>> = {
  badrequest: 400,
  unauthorized: 401,
  forbidden: 403,
  notfound: 404,
  methodnotallowed: 405,
  requesttimeout: 408,
  conflict: 409,
  preconditionfailed: 412,
  requestentitytoolarge: 413,
  payloadtoolarge: 413,
  unsupportedmediatype: 415,
  toomanyrequests: 429,
  internalservererror: 500,
  badgateway: 502,
  serviceunavailable: 503,
  gatewaytimeout: 504,
};
const compile = compileTextPattern;
const CONNACK_NAMED = [CONNACK_TEXT, CONNACK_ENUM, CONNACK_PAHO_JAVA].map(compile);
const CONNACK_NUMBERED = compile(CONNACK_NUMBER);
const AMQP = compile(AMQP_CONDITION);
const UAMQP = compile(UAMQP_ERROR_CODE);
const HTTP_STATUSES = HTTP_STATUS_PATTERNS.map(compile);
const HTTP_STATUS_PHRASES = HTTP_PHRASES.map((phrase) => ({ matcher: compile(phrase), status: phrase.status }));
const NETWORK = NETWORK_PHRASES.map((rule) => ({ matcher: compile(rule), candidate: classCandidate(rule.spec) }));
const MESSAGES = [
  ...[...DOCUMENTED_MESSAGES, ...CLI_PHRASES, ...CALLER_CONFIG_MESSAGES, ...C_SDK_AUTH_MESSAGES, EDGE_CLIENT_NOT_CONNECTED, DEVICE_NOT_CONNECTED, ...EDGE_DAEMON_MESSAGES, ...ARM_MESSAGES].map((rule) => ({
    matcher: compile(rule),
    candidate: classCandidate(rule.spec),
  })),
  ...RESOURCE_PROVIDER_MESSAGES.map((rule) => ({ matcher: compile(rule), candidate: resourceProviderCandidate(rule.resourceProviderCode) })),
];

function connackCodeOf(text: string): ConnackReturnCode | null {
  const t = text.toLowerCase().replace(/\s+/g, '');
  if (t.includes('protocolversion')) return 1;
  if (t.includes('identifierrejected') || t.includes('invalidclientid')) return 2;
  if (t.includes('unavailable')) return 3;
  if (t.includes('username') || t.includes('badusername')) return 4;
  if (t.includes('notauthori')) return 5;
  return null;
}

export function recogniseMqtt(text: string, triggers: TriggerHits, hits: Hit[]): void {
  for (const matcher of CONNACK_NAMED) {
    for (const m of triggeredMatches(matcher, text, triggers, MAX_MATCHES_PER_PATTERN)) {
      const rc = connackCodeOf(m[1] ?? m[0]);
      if (rc !== null) hits.push(hit(m.index, m[0], 'mqtt-connack', classCandidate(CONNACK[rc])));
    }
  }
  for (const m of triggeredMatches(CONNACK_NUMBERED, text, triggers, MAX_MATCHES_PER_PATTERN)) {
    const rc = Number(m[1] ?? m[2]) as ConnackReturnCode;
    hits.push(hit(m.index, m[0], 'mqtt-connack', classCandidate(CONNACK[rc])));
  }
}

export function recogniseAmqp(text: string, triggers: TriggerHits, hits: Hit[]): void {
  for (const m of triggeredMatches(AMQP, text, triggers, MAX_MATCHES_PER_PATTERN)) {
    const spec = AMQP_CONDITIONS.get(m[0]);
    if (spec !== undefined) hits.push(hit(m.index, m[0], 'amqp-condition', classCandidate(spec)));
  }
  for (const m of triggeredMatches(UAMQP, text, triggers, MAX_MATCHES_PER_PATTERN)) {
    const condition = UAMQP_ERROR_CODES[m[1] ?? ''];
    const spec = condition === undefined ? undefined : AMQP_CONDITIONS.get(condition);
    if (spec !== undefined) hits.push(hit(m.index, m[0], 'amqp-condition', classCandidate(spec)));
  }
}

export function recogniseHttpStatus(text: string, triggers: TriggerHits, hits: Hit[]): void {
  for (const matcher of HTTP_STATUSES) {
    for (const m of triggeredMatches(matcher, text, triggers, MAX_MATCHES_PER_PATTERN)) {
      const value = m[1] ?? m[2] ?? '';
      const status = /^\d+$/.test(value) ? Number(value) : HTTP_STATUS_NAMES[value.toLowerCase().replace(/ /g, '')];
      const candidate = status === undefined ? null : httpStatusCandidate(status);
      if (candidate !== null) hits.push(hit(m.index, m[0], 'http-status', candidate));
    }
  }
  for (const { matcher, status } of HTTP_STATUS_PHRASES) {
    const candidate = httpStatusCandidate(status);
    if (candidate === null) continue;
    for (const m of triggeredMatches(matcher, text, triggers, MAX_MATCHES_PER_PATTERN)) hits.push(hit(m.index, m[0], 'http-status', candidate));
  }
}

/** Messages the service writes for one code (the code, where the paste does not write it), and the SDKs', IoT Edge's and the az CLI's own errors. */
export function recogniseMessages(text: string, triggers: TriggerHits, hits: Hit[]): void {
  for (const { matcher, candidate } of MESSAGES) {
    if (candidate === null) continue;
    for (const m of triggeredMatches(matcher, text, triggers, MAX_MATCHES_PER_PATTERN)) hits.push(hit(m.index, m[0], 'message', candidate));
  }
}

export function recogniseNetwork(text: string, triggers: TriggerHits, hits: Hit[]): void {
  for (const { matcher, candidate } of NETWORK) {
    for (const m of triggeredMatches(matcher, text, triggers, MAX_MATCHES_PER_PATTERN)) hits.push(hit(m.index, m[0], 'network', candidate));
  }
}
