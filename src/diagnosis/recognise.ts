// Finds evidence of errors in normalised, redacted text. Each recogniser is one linear scan of
// the text; name-like evidence is found by a single identifier scan and map look-ups rather than
// by large alternations, so a megabyte-sized paste costs a few passes over it.
import { baseName, catalogNames, entryByCode, entryByName, type CatalogEntry } from './catalog.ts';
import { candidateForCode, classCandidate, codeCandidate, httpStatusCandidate, type Candidate } from './classify.ts';
import { AMQP_CONDITIONS, CONNACK, CONTEXTUAL_STATUS_NAMES, NETWORK_PHRASES, SDK_CLASSES, V2_ERROR_CODE_NAMES, type ConnackReturnCode } from './known-errors.ts';
import type { EvidenceKind } from './types.ts';

export interface Hit {
  index: number;
  end: number;
  kind: EvidenceKind;
  /** The matched text (from redacted text), used as evidence. */
  text: string;
  candidate: Candidate;
}

/** Bound on hits per recogniser, so memory stays bounded on adversarial input. */
const MAX_HITS_PER_RECOGNISER = 200_000;
const CONTEXT_WINDOW = 48;

// Catalog names that are also ordinary words in other frameworks (HttpStatusCode members,
// .NET/Python class names, English): recognised only where an error-code field names them.
const NAMES_NEEDING_CONTEXT: ReadonlySet<string> = new Set([
  'ServiceUnavailable',
  'RequestTimeout',
  'PreconditionFailed',
  'GatewayTimeout',
  'ThrottlingException',
  'InvalidOperation',
  'DeserializationError',
  'RequestCanceled',
  'RequestTimedOut',
  'ResolutionError',
  'FeatureNotSupported',
  'GroupNotFound',
  'ConfigurationNotFound',
  'NullMessage',
  'ArgumentInvalid',
  'ArgumentNull',
  'CertificateNotFound',
  'JobCancelled',
  'GenericTimeout',
]);

const CATALOG_NAMES: ReadonlySet<string> = new Set(catalogNames());

/** Text right before an error name or number that says "this is an error code". */
const CODE_FIELD_BEFORE = /(?:error[ _-]?code|errorcode|\bcode|result[ _]?type|iothub-errorcode|IotHub(?:Client|Service)ErrorCode|\bErrorCode)["'\]]?\s*[:=.]?\s*["']?\s*$/i;
const HEADER_BEFORE = /iothub-errorcode["']?\s*[:=]\s*["']?\s*$/i;
const LOOSE_CODE_BEFORE = /(?:\berror|\bstatus|\bfailed with|\bfailure|\bcode)\s*[:=#]?\s*["']?$/i;
const V2_CODE_BEFORE = /(?:IotHubClientErrorCode|IotHubServiceErrorCode|ErrorCode)\s*[.:=]\s*["']?$/;
const STATUS_NAME_BEFORE = /(?:IotHubStatusCode|status(?: code)?|error code(?: from the service)?|statusCode)\s*[.:=]?\s*["']?$/i;
const HTTP_STATUS_FIELD_BEFORE = /HttpStatusCode["']?\s*[.:=]?\s*["']?\s*$/i;

function before(text: string, index: number): string {
  return text.slice(Math.max(0, index - CONTEXT_WINDOW), index);
}

function hit(index: number, text: string, kind: EvidenceKind, candidate: Candidate): Hit {
  return { index, end: index + text.length, kind, text, candidate };
}

function* matches(pattern: RegExp, text: string): Generator<RegExpExecArray> {
  pattern.lastIndex = 0;
  let produced = 0;
  for (let m = pattern.exec(text); m !== null && produced < MAX_HITS_PER_RECOGNISER; m = pattern.exec(text)) {
    if (m[0].length === 0) {
      pattern.lastIndex += 1;
      continue;
    }
    produced += 1;
    yield m;
  }
}

const SIX_DIGITS = /(?<![A-Za-z0-9_])\d{6}(?![0-9A-Za-z_])/g;
// Characters around a bare number that let it stand as a code without an error-code label.
const BARE_BEFORE = /^$|[\s([{"'>*`|]$/;
const BARE_AFTER = /^(?:$|[\s)\]}"'<*`|;,:]|\.(?!\d))/;

const WORD_AFTER = /^\W{1,4}([A-Za-z]+)/;
const WORD_BEFORE = /([A-Za-z]+)\W{1,4}$/;
const CODE_AFTER = /^\W{1,4}(\d{6})(?!\d)/;
const CODE_BEFORE = /(?<!\d)(\d{6})\W{1,4}$/;

/** "500001 ServerError", "GenericBadRequest (400000)": the number stands next to its own name. */
function besideOwnName(text: string, index: number, entry: CatalogEntry | undefined): boolean {
  if (entry === undefined) return false;
  const name = baseName(entry.name);
  return WORD_AFTER.exec(text.slice(index + 6, index + 70))?.[1] === name || WORD_BEFORE.exec(before(text, index))?.[1] === name;
}

/** A name standing next to a code whose own name it is ("404003 PartitionNotFound") means that code. */
function entryOfNameBesideCode(text: string, index: number, token: string): CatalogEntry | undefined {
  for (const found of [CODE_BEFORE.exec(before(text, index)), CODE_AFTER.exec(text.slice(index + token.length, index + token.length + 12))]) {
    const entry = found?.[1] === undefined ? undefined : entryByCode(Number(found[1]));
    if (entry !== undefined && baseName(entry.name) === token) return entry;
  }
  return undefined;
}

function recogniseCodes(text: string, hits: Hit[]): void {
  for (const m of matches(SIX_DIGITS, text)) {
    const code = Number(m[0]);
    const prefix = before(text, m.index);
    const isHeader = HEADER_BEFORE.test(prefix);
    const labelled = isHeader || CODE_FIELD_BEFORE.test(prefix) || besideOwnName(text, m.index, entryByCode(code));
    const candidate = candidateForCode(code);
    if (candidate === null) continue;
    if (candidate.family !== 'iothub-code' && !labelled) continue;
    if (!labelled) {
      const loose = LOOSE_CODE_BEFORE.test(prefix);
      const standsAlone = BARE_BEFORE.test(prefix.slice(-1)) && BARE_AFTER.test(text.slice(m.index + 6, m.index + 8));
      // Round codes (400000, 500000 ...) are also ordinary quantities: only with a label.
      if (!standsAlone || (code % 1000 === 0 && !loose)) continue;
    }
    hits.push(hit(m.index, m[0], isHeader ? 'header' : 'code', candidate));
  }
}

const ARM_CODE = /\bIH(\d{6})\b/g;
const DOC_LINK = /aka\.ms\/iothub(\d{6})\b|troubleshoot-error-(\d{6})\b/gi;

function recogniseLinksAndArmCodes(text: string, hits: Hit[]): void {
  for (const m of matches(ARM_CODE, text)) {
    const candidate = candidateForCode(Number(m[1]));
    if (candidate !== null) hits.push(hit(m.index, m[0], 'arm-code', candidate));
  }
  for (const m of matches(DOC_LINK, text)) {
    const candidate = candidateForCode(Number(m[1] ?? m[2]));
    if (candidate !== null) hits.push(hit(m.index, m[0], 'aka-link', candidate));
  }
}

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]{2,}/g;

/** Error names, SDK exception classes, status-code names: one identifier scan, map look-ups. */
function recogniseIdentifiers(text: string, hits: Hit[]): void {
  for (const m of matches(IDENTIFIER, text)) {
    const token = m[0];
    const inCatalog = CATALOG_NAMES.has(token);
    const sdk = SDK_CLASSES.get(token);
    const contextual = CONTEXTUAL_STATUS_NAMES.get(token);
    const v2 = V2_ERROR_CODE_NAMES.get(token);
    if (!inCatalog && sdk === undefined && contextual === undefined && v2 === undefined) continue;
    const prefix = before(text, m.index);

    if (inCatalog) {
      const entry = entryOfNameBesideCode(text, m.index, token) ?? entryByName(token);
      const isHeader = HEADER_BEFORE.test(prefix);
      const labelled = isHeader || CODE_FIELD_BEFORE.test(prefix);
      if (entry !== undefined && (labelled || !NAMES_NEEDING_CONTEXT.has(token))) {
        hits.push(hit(m.index, token, isHeader ? 'header' : 'name', codeCandidate(entry)));
        continue;
      }
    }
    if (v2 !== undefined && V2_CODE_BEFORE.test(prefix)) {
      hits.push(hit(m.index, token, 'sdk-exception', classCandidate(v2)));
      continue;
    }
    if (contextual !== undefined && STATUS_NAME_BEFORE.test(prefix)) {
      hits.push(hit(m.index, token, 'sdk-exception', classCandidate(contextual)));
      continue;
    }
    // "HttpStatusCode: InternalServerError" is an HTTP status, read by recogniseHttpStatus.
    if (sdk !== undefined && !HTTP_STATUS_FIELD_BEFORE.test(prefix)) {
      hits.push(hit(m.index, token, sdk.platform === true ? 'network' : 'sdk-exception', classCandidate(sdk)));
    }
  }
}

const CONNACK_TEXT =
  /(?:Connection Refused|CONNACK)[,:]? ?(?:-\s)?(?:the )?(unacceptable protocol version|identifier rejected|server unavailable|broker unavailable|bad user ?name or password|not authori[sz]ed)/gi;
const CONNACK_ENUM = /\b(?:Connection)?Refused(NotAuthorized|ServerUnavailable|BadUsernameOrPassword|IdentifierRejected|UnacceptableProtocolVersion)\b/g;
const CONNACK_PAHO_JAVA = /\b(?:Not authorized to connect|Bad user name or password|Broker unavailable|Invalid client ID|Invalid protocol version)\b/g;
const CONNACK_NUMBER = /\bCONNACK\b[^\n\d]{0,40}?\b(?:0x0?)?([1-5])\b/gi;

function connackCodeOf(text: string): ConnackReturnCode | null {
  const t = text.toLowerCase().replace(/\s+/g, '');
  if (t.includes('protocolversion')) return 1;
  if (t.includes('identifierrejected') || t.includes('invalidclientid')) return 2;
  if (t.includes('unavailable')) return 3;
  if (t.includes('username') || t.includes('badusername')) return 4;
  if (t.includes('notauthori')) return 5;
  return null;
}

function recogniseMqtt(text: string, hits: Hit[]): void {
  for (const pattern of [CONNACK_TEXT, CONNACK_ENUM, CONNACK_PAHO_JAVA]) {
    for (const m of matches(pattern, text)) {
      const rc = connackCodeOf(m[1] ?? m[0]);
      if (rc !== null) hits.push(hit(m.index, m[0], 'mqtt-connack', classCandidate(CONNACK[rc])));
    }
  }
  for (const m of matches(CONNACK_NUMBER, text)) {
    const rc = Number(m[1]) as ConnackReturnCode;
    hits.push(hit(m.index, m[0], 'mqtt-connack', classCandidate(CONNACK[rc])));
  }
}

const AMQP_CONDITION = /\b(?:amqp|com\.microsoft):[a-z]+(?:[:-][a-z]+)*/g;

function recogniseAmqp(text: string, hits: Hit[]): void {
  for (const m of matches(AMQP_CONDITION, text)) {
    const spec = AMQP_CONDITIONS.get(m[0]);
    if (spec !== undefined) hits.push(hit(m.index, m[0], 'amqp-condition', classCandidate(spec)));
  }
}

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
const HTTP_REASON_WORDS =
  'Bad Request|Unauthorized|Forbidden|Not Found|Method Not Allowed|Request Timeout|Conflict|Precondition Failed|Payload Too Large|Request Entity Too Large|Unsupported Media Type|Too Many Requests|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout';

const HTTP_STATUS_PATTERNS: readonly RegExp[] = [
  /\bHttpStatusCode\b["']?\s*[:=.]?\s*["']?([A-Za-z]+|\d{3})\b/gi,
  /\b(?:status[ _]?code|status)\b["']?\s*[:=]?\s*["']?(\d{3})\b(?![.,]\d)/gi,
  /\bHTTP(?:\/\d(?:\.\d)?)?\s+(\d{3})\b(?![.,]\d)/g,
  new RegExp(String.raw`\b([45]\d\d)\s?[(:-]?\s?(?:${HTTP_REASON_WORDS})\b`, 'gi'),
];
const HTTP_PHRASES: readonly { pattern: RegExp; status: number }[] = [
  { pattern: /\binternal server error\b/gi, status: 500 },
  { pattern: /\btoo many requests\b/gi, status: 429 },
  { pattern: /\b(?:has been|was|is being|being) throttled\b/gi, status: 429 },
  { pattern: /\bservice (?:is )?(?:temporarily )?unavailable\b/gi, status: 503 },
  { pattern: /\bgateway time-?out\b/gi, status: 504 },
];

function recogniseHttpStatus(text: string, hits: Hit[]): void {
  for (const pattern of HTTP_STATUS_PATTERNS) {
    for (const m of matches(pattern, text)) {
      const value = m[1] ?? '';
      const status = /^\d+$/.test(value) ? Number(value) : HTTP_STATUS_NAMES[value.toLowerCase()];
      const candidate = status === undefined ? null : httpStatusCandidate(status);
      if (candidate !== null) hits.push(hit(m.index, m[0], 'http-status', candidate));
    }
  }
  for (const { pattern, status } of HTTP_PHRASES) {
    const candidate = httpStatusCandidate(status);
    if (candidate === null) continue;
    for (const m of matches(pattern, text)) hits.push(hit(m.index, m[0], 'http-status', candidate));
  }
}

function recogniseNetwork(text: string, hits: Hit[]): void {
  for (const rule of NETWORK_PHRASES) {
    const candidate = classCandidate(rule.spec);
    for (const m of matches(rule.pattern, text)) hits.push(hit(m.index, m[0], 'network', candidate));
  }
}

/** All evidence in the text, sorted by position. */
export function recogniseEvidence(text: string): Hit[] {
  const hits: Hit[] = [];
  recogniseCodes(text, hits);
  recogniseLinksAndArmCodes(text, hits);
  recogniseIdentifiers(text, hits);
  recogniseMqtt(text, hits);
  recogniseAmqp(text, hits);
  recogniseHttpStatus(text, hits);
  recogniseNetwork(text, hits);
  hits.sort((a, b) => a.index - b.index || b.end - a.end);
  return hits;
}
