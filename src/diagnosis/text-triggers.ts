// The keywords of every pattern read on the normalised, redacted text (error phrases, context, occurrence
// ids), found by one search shared by the recognisers, context extraction and occurrence ids (each search
// of a megabyte costs about as much as the next, whatever the number of keywords, so one is cheaper than three).
import { CONTEXT_PATTERNS } from './context-patterns.ts';
import { CLI_PHRASES, DOCUMENTED_MESSAGES, NETWORK_PHRASES } from './known-errors.ts';
import { OCCURRENCE_ID } from './occurrence-patterns.ts';
import { ARM_MESSAGES, CALLER_CONFIG_MESSAGES, C_SDK_AUTH_MESSAGES, DEVICE_NOT_CONNECTED, EDGE_CLIENT_NOT_CONNECTED, EDGE_DAEMON_MESSAGES, RESOURCE_PROVIDER_MESSAGES } from './sdk-messages.ts';
import { AMQP_CONDITION, UAMQP_ERROR_CODE, CONNACK_ENUM, CONNACK_NUMBER, CONNACK_PAHO_JAVA, CONNACK_TEXT, DOC_LINK, HTTP_PHRASES, HTTP_STATUS_PATTERNS } from './phrase-patterns.ts';
import { compileTriggered, findTriggers, triggerSetFor, type CompiledTriggeredPattern, type TriggerHits, type TriggeredPattern } from './triggers.ts';

/** Every pattern located through the shared search (each still decides exactly as its own global scan would). */
export const TEXT_PATTERNS: readonly TriggeredPattern[] = [
  DOC_LINK,
  CONNACK_TEXT,
  CONNACK_ENUM,
  CONNACK_PAHO_JAVA,
  CONNACK_NUMBER,
  AMQP_CONDITION,
  UAMQP_ERROR_CODE,
  ...HTTP_STATUS_PATTERNS,
  ...HTTP_PHRASES,
  ...DOCUMENTED_MESSAGES,
  ...CLI_PHRASES,
  ...CALLER_CONFIG_MESSAGES,
  ...C_SDK_AUTH_MESSAGES,
  EDGE_CLIENT_NOT_CONNECTED,
  DEVICE_NOT_CONNECTED,
  ...EDGE_DAEMON_MESSAGES,
  ...ARM_MESSAGES,
  ...RESOURCE_PROVIDER_MESSAGES,
  ...NETWORK_PHRASES,
  ...CONTEXT_PATTERNS,
  OCCURRENCE_ID,
];

/** The keywords of every pattern above, found by one search. */
export const TEXT_TRIGGERS = triggerSetFor(TEXT_PATTERNS);

export function compileTextPattern(pattern: TriggeredPattern): CompiledTriggeredPattern {
  return compileTriggered(TEXT_TRIGGERS, pattern);
}

/** Where the patterns above can match in `text`. */
export function findTextTriggers(text: string): TriggerHits {
  return findTriggers(TEXT_TRIGGERS, text);
}
