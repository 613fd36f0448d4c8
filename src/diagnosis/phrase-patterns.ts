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
// "CONNACK 5", the C SDK's trace "CONNACK | SESSION_PRESENT: false | RETURN_CODE: 0x5" and its error line
// "Connection Not Accepted: 0x5: Not Authorized" ("Connection " is 11 characters).
export const CONNACK_NUMBER: TriggeredPattern = {
  // (a count after it is not a return code: "CONNACK received after 3 retries")
  pattern: /\bCONNACK\b[^\n\d]{0,60}?\b(?:0x0?)?([1-5])\b(?! ?(?:retr|attempt|time|sec|ms\b|s\b))|\bConnection Not Accepted:?\s?(?:0x0?)?([1-5])\b/gi,
  starts: { connack: AT, 'not accepted': [11] },
};

export const AMQP_CONDITION: TriggeredPattern = { pattern: /\b(?:amqp|com\.microsoft):[a-z]+(?:[:-][a-z]+)*/g, starts: { amqp: AT, 'com.microsoft:': AT } };
/** uamqp (Python): ErrorCodes.UnauthorizedAccess */
export const UAMQP_ERROR_CODE: TriggeredPattern = { pattern: /\bErrorCodes\.([A-Z][A-Za-z]+)\b/g, starts: { 'errorcodes.': AT } };

export const DOC_LINK: TriggeredPattern = {
  pattern: /aka\.ms\/iothub(\d{6})\b|troubleshoot-error-(\d{6})\b/gi,
  starts: { 'aka.ms/iothub': AT, 'troubleshoot-error-': AT },
};

const HTTP_REASON_WORDS =
  'Bad Request|Unauthorized|Forbidden|Not Found|Method Not Allowed|Request Timeout|Conflict|Precondition Failed|Payload Too Large|Request Entity Too Large|Unsupported Media Type|Too Many Requests|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout';
/** A reason phrase follows its 3-digit status, an optional space, an optional "(", ":" or "-", and an optional space. */
const AFTER_STATUS = [3, 4, 5, 6] as const;

/** Reason phrases as the status line writes them, and as names without spaces ('BadRequest', 'NotFound'). */
const HTTP_REASON_NAMES =
  'BadRequest|Unauthorized|Forbidden|NotFound|MethodNotAllowed|RequestTimeout|Conflict|PreconditionFailed|PayloadTooLarge|RequestEntityTooLarge|UnsupportedMediaType|TooManyRequests|InternalServerError|BadGateway|ServiceUnavailable|GatewayTimeout';
const REASON_LITERALS = [
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
  // the same reasons written as one word (not prefixes of the ones above)
  'badrequest',
  'notfound',
  'methodnotallowed',
  'requesttimeout',
  'preconditionfailed',
  'payloadtoolarge',
  'requestentitytoolarge',
  'unsupportedmediatype',
  'toomanyrequests',
  'internalservererror',
  'badgateway',
  'gatewaytimeout',
] as const;
/** Node's HTTP layer throws `new Error(statusMessage)`: "Error: Bad Request" ("Error: " is 7 characters). */
const AFTER_ERROR_COLON = [7] as const;

/** Each pattern's group 1 is a 3-digit status or a reason phrase (looked up without spaces or case). */
export const HTTP_STATUS_PATTERNS: readonly TriggeredPattern[] = [
  { pattern: /\bHttpStatusCode\b["']?\s*(?:[:=.]\s*)?["']?([A-Za-z]+|\d{3})\b/gi, starts: { http: AT } },
  // "status code: 503", "status-code: 404", "StatusCode=412", C SDK "server reply code is 401", "HTTP status code (404)",
  // "HTTP failed response code was 404"; msrest "invalid status code 'Not Found'", "Operation failed with status: 'Unauthorized'".
  {
    pattern: /\b(?:status[ _-]?code|status|reply code|response code)\b["']?(?:\s(?:is|was|of))?\s*(?:[:=]\s*)?(?:[("]\s?)?(?:(\d{3})\b(?![.,]\d)|'([A-Za-z][A-Za-z ]{2,30}?)')/gi,
    starts: { status: AT, 'reply code': AT, 'response code': AT },
  },
  // Azure PowerShell -Debug: "Status Code:" on its own line, the status on the next (after the log's own timestamp, if any).
  {
    pattern: new RegExp(String.raw`\bStatus Code:[ \t]*\n(?:\d{4}-\d\d-\d\dT[\d:.]{8,20}Z?[ \t])?[ \t]{0,8}(\d{3}|${HTTP_REASON_NAMES})\b`, 'g'),
    starts: { status: AT },
  },
  // "HTTP/1.1 429", "HTTP 503", and the HTML error page of HTTP.sys: "HTTP Error 411."
  { pattern: /\bHTTP(?:\/\d(?:\.\d)?)?(?:\sError)?\s+(\d{3})\b(?![.,]\d)/g, starts: { http: AT } },
  {
    pattern: new RegExp(String.raw`\b([45]\d\d)\s?[(:-]?\s?(?:${HTTP_REASON_WORDS}|${HTTP_REASON_NAMES})\b`, 'gi'),
    // "service" and "gateway time" are shared with the phrases below (a trigger may not be a prefix of another).
    starts: Object.fromEntries(REASON_LITERALS.map((reason) => [reason, AFTER_STATUS])),
  },
  // Node: "Error: Bad Request" (azure-iot-http-base), "UnauthorizedError: Unauthorized" (the reason as the message).
  {
    pattern: new RegExp(String.raw`Error: (${HTTP_REASON_WORDS}|${HTTP_REASON_NAMES})(?=[ \t]*$|[ \t]*[\r"'\],;)]|\.\s|\.$)`, 'gm'),
    starts: Object.fromEntries(REASON_LITERALS.map((reason) => [reason, AFTER_ERROR_COLON])),
  },
  // Python requests: "401 Client Error: Unauthorized for url"; "503 Server Error"
  { pattern: /\b([45]\d\d) (?:Client|Server) Error\b/g, starts: { 'client error': [4], 'server error': [4] } },
  // C SDK AMQP: "The CBS put token operation failed: 401"; "... failed with status 403"
  { pattern: /\bfailed(?::| with status(?: code)?:?)\s?(\d{3})\b(?![.,]\d| ?(?:ms|s|seconds|bytes|messages|times|devices)\b)/g, starts: { 'failed:': AT, 'failed with status': AT } },
  // urllib3: "Max retries exceeded ... (Caused by ResponseError('too many 504 error responses'))"
  { pattern: /\btoo many (\d{3}) error responses\b/g, starts: { 'error responses': [13] } },
];
export const HTTP_PHRASES: readonly (TriggeredPattern & { status: number })[] = [
  { pattern: /\binternal server error\b/gi, starts: { 'internal server error': AT }, status: 500 },
  { pattern: /\btoo many requests\b/gi, starts: { 'too many requests': AT }, status: 429 },
  { pattern: /\bservice (?:is )?(?:temporarily )?unavailable\b/gi, starts: { service: AT }, status: 503 },
  { pattern: /\bgateway time-?out\b/gi, starts: { 'gateway time': AT }, status: 504 },
];
