// The MQTT, AMQP and HTTP phrases and the documentation links the recognisers read (network phrases are
// in known-errors.ts), each with the keywords it contains and where its matches start relative to them
// (see triggers.ts). Separators are written \s*(?:[:=]\s*)?, never \s*[:=]?\s* (see context-patterns.ts).
import type { TriggeredPattern } from './triggers.ts';

const AT = [0] as const;

export const CONNACK_TEXT: TriggeredPattern = {
  pattern:
    /(?:Connection Refused|CONNACK)[,:]? ?(?:-\s)?(?:the )?(unacceptable protocol version|identifier rejected|server unavailable|broker unavailable|bad user ?name or password|not authori[sz]ed)/gi,
  // "Connection " is 11 characters
  starts: { refused: [11], connack: AT },
};
export const CONNACK_ENUM: TriggeredPattern = {
  pattern: /\b(?:Connection)?Refused(NotAuthorized|ServerUnavailable|BadUsernameOrPassword|IdentifierRejected|UnacceptableProtocolVersion)\b/g,
  starts: { refused: [0, 10] },
};
export const CONNACK_PAHO_JAVA: TriggeredPattern = {
  pattern: /\b(?:Not authorized to connect|Bad user name or password|Broker unavailable|Invalid client ID|Invalid protocol version)\b/g,
  starts: {
    'not authorized to connect': AT,
    'bad user name or password': AT,
    'broker unavailable': AT,
    'invalid client id': AT,
    'invalid protocol version': AT,
  },
};
export const CONNACK_NUMBER: TriggeredPattern = { pattern: /\bCONNACK\b[^\n\d]{0,40}?\b(?:0x0?)?([1-5])\b/gi, starts: { connack: AT } };

export const AMQP_CONDITION: TriggeredPattern = { pattern: /\b(?:amqp|com\.microsoft):[a-z]+(?:[:-][a-z]+)*/g, starts: { amqp: AT, 'com.microsoft:': AT } };

export const DOC_LINK: TriggeredPattern = {
  pattern: /aka\.ms\/iothub(\d{6})\b|troubleshoot-error-(\d{6})\b/gi,
  starts: { 'aka.ms/iothub': AT, 'troubleshoot-error-': AT },
};

const HTTP_REASON_WORDS =
  'Bad Request|Unauthorized|Forbidden|Not Found|Method Not Allowed|Request Timeout|Conflict|Precondition Failed|Payload Too Large|Request Entity Too Large|Unsupported Media Type|Too Many Requests|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout';
/** A reason phrase follows its 3-digit status, an optional space, an optional "(", ":" or "-", and an optional space. */
const AFTER_STATUS = [3, 4, 5, 6] as const;

export const HTTP_STATUS_PATTERNS: readonly TriggeredPattern[] = [
  { pattern: /\bHttpStatusCode\b["']?\s*(?:[:=.]\s*)?["']?([A-Za-z]+|\d{3})\b/gi, starts: { http: AT } },
  { pattern: /\b(?:status[ _]?code|status)\b["']?\s*(?:[:=]\s*)?["']?(\d{3})\b(?![.,]\d)/gi, starts: { status: AT } },
  { pattern: /\bHTTP(?:\/\d(?:\.\d)?)?\s+(\d{3})\b(?![.,]\d)/g, starts: { http: AT } },
  {
    pattern: new RegExp(String.raw`\b([45]\d\d)\s?[(:-]?\s?(?:${HTTP_REASON_WORDS})\b`, 'gi'),
    // "service" and "gateway time" are shared with the phrases below (a trigger may not be a prefix of another).
    starts: Object.fromEntries(
      [
        'bad request',
        'unauthorized',
        'forbidden',
        'not found',
        'method not allowed',
        'request timeout',
        'conflict',
        'precondition failed',
        'payload too large',
        'request entity too large',
        'unsupported media type',
        'too many requests',
        'internal server error',
        'bad gateway',
        'service',
        'gateway time',
      ].map((reason) => [reason, AFTER_STATUS]),
    ),
  },
];
export const HTTP_PHRASES: readonly (TriggeredPattern & { status: number })[] = [
  { pattern: /\binternal server error\b/gi, starts: { 'internal server error': AT }, status: 500 },
  { pattern: /\btoo many requests\b/gi, starts: { 'too many requests': AT }, status: 429 },
  // "was ", "being ", "has been " / "is being "
  { pattern: /\b(?:has been|was|is being|being) throttled\b/gi, starts: { throttled: [4, 6, 9] }, status: 429 },
  { pattern: /\bservice (?:is )?(?:temporarily )?unavailable\b/gi, starts: { service: AT }, status: 503 },
  { pattern: /\bgateway time-?out\b/gi, starts: { 'gateway time': AT }, status: 504 },
];
