// Finds evidence of errors in normalised, redacted text. Each recogniser is one linear scan of
// the text; name-like evidence is found by one search for the known names (known-identifiers.ts),
// so a megabyte-sized paste costs a few passes over it.
import { baseName, catalogNames, entryByCode, entryByName, type CatalogEntry } from './catalog.ts';
import { candidateForCode, classCandidate, codeCandidate, resourceProviderCandidate, type ClassSpec } from './classify.ts';
import { hit, type Hit } from './hit.ts';
import { ARM_ERROR_CODES, CONTEXTUAL_STATUS_NAMES, DIRECT_METHOD_CALL, DIRECT_METHOD_TIMEOUT, HUB_COMMUNICATION_TIMEOUT, HUB_OPERATION_TIMEOUT, HUB_PEER_WORDS, SDK_CLASSES, SOCKET_FAILURE_WORDS, TIMEOUT_WORDS, V2_ERROR_CODE_NAMES } from './known-errors.ts';
import { knownIdentifierFinder } from './known-identifiers.ts';
import { DOC_LINK } from './phrase-patterns.ts';
import { recogniseAmqp, recogniseHttpStatus, recogniseMessages, recogniseMqtt, recogniseNetwork } from './recognise-protocols.ts';
import { forEachMatch } from './scan.ts';
import { compileTextPattern, findTextTriggers } from './text-triggers.ts';
import { triggeredMatches, type TriggerHits } from './triggers.ts';

export type { Hit } from './hit.ts';

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

// The patterns below read a 48-character window before a hit; their separators are written \s*(?:[:=]\s*)?
// (not \s*[:=]?\s*) so that a window of spaces is read once, not once per way of splitting it.
/** Text right before an error name or number that says "this is an error code". */
const CODE_FIELD_BEFORE = /(?:error[ _-]?code|errorcode|\bcode|result[ _]?type|iothub-errorcode|IotHub(?:Client|Service)ErrorCode|\bErrorCode)["'\]]?\s*(?:[:=.]\s*)?(?:["']\s*)?$/i;
const HEADER_BEFORE = /iothub-errorcode["']?\s*[:=]\s*(?:["']\s*)?$/i;
const LOOSE_CODE_BEFORE = /(?:\berror|\bstatus|\bfailed with|\bfailure|\bcode)\s*(?:[:=#]\s*)?["']?$/i;
const V2_CODE_BEFORE = /(?:IotHubClientErrorCode|IotHubServiceErrorCode|ErrorCode)\s*[.:=]\s*["']?$/;
const STATUS_NAME_BEFORE = /(?:IotHubStatusCode|status(?: code)?|error code(?: from the service)?|statusCode)\s*(?:[.:=]\s*)?["']?$/i;
const HTTP_STATUS_FIELD_BEFORE = /HttpStatusCode["']?\s*(?:[.:=]\s*)?(?:["']\s*)?$/i;
/** An ARM error code's place: "code": "X", Code="X", Code: X, and az's "(X) message" at the start of a line. */
const ARM_CODE_FIELD_BEFORE = /(?:["']code["']\s*:\s*["']|\bCode\s*[=:]\s*["']?|(?:^|\n|ERROR: )\()$/;

function before(text: string, index: number): string {
  return text.slice(Math.max(0, index - CONTEXT_WINDOW), index);
}

function matches(pattern: RegExp, text: string): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  forEachMatch(pattern, text, MAX_HITS_PER_RECOGNISER, (m) => found.push(m));
  return found;
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

/** 6-digit codes; a number the paste also writes as a resource-provider code (IH400090) is that code. */
function recogniseCodes(text: string, resourceProviderCodes: ReadonlySet<number>, hits: Hit[]): void {
  for (const m of matches(SIX_DIGITS, text)) {
    const code = Number(m[0]);
    const prefix = before(text, m.index);
    const isHeader = HEADER_BEFORE.test(prefix);
    const labelled = isHeader || CODE_FIELD_BEFORE.test(prefix) || besideOwnName(text, m.index, entryByCode(code));
    const candidate = resourceProviderCodes.has(code) ? resourceProviderCandidate(code) : candidateForCode(code);
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
const docLink = compileTextPattern(DOC_LINK);

/** Resource-provider codes (IH409002) and the numbers they carry. */
function recogniseArmCodes(text: string, hits: Hit[]): Set<number> {
  const codes = new Set<number>();
  for (const m of matches(ARM_CODE, text)) {
    const code = Number(m[1]);
    const candidate = resourceProviderCandidate(code);
    if (candidate === null) continue;
    codes.add(code);
    hits.push(hit(m.index, m[0], 'arm-code', candidate));
  }
  return codes;
}

function recogniseLinks(text: string, triggers: TriggerHits, hits: Hit[]): void {
  for (const m of triggeredMatches(docLink, text, triggers, MAX_HITS_PER_RECOGNISER)) {
    const candidate = candidateForCode(Number(m[1] ?? m[2]));
    if (candidate !== null) hits.push(hit(m.index, m[0], 'aka-link', candidate));
  }
}

const findKnownIdentifiers = knownIdentifierFinder(
  [...CATALOG_NAMES, ...SDK_CLASSES.keys(), ...CONTEXTUAL_STATUS_NAMES.keys(), ...V2_ERROR_CODE_NAMES.keys(), ...ARM_ERROR_CODES.keys()],
  MAX_HITS_PER_RECOGNISER,
);

const LINE_WINDOW = 300;

/** The line of text[index] and the line before it, each cut to LINE_WINDOW characters around it. */
function lineAndPrevious(text: string, index: number): string {
  const lineStart = text.lastIndexOf('\n', index) + 1;
  const previousStart = lineStart === 0 ? 0 : text.lastIndexOf('\n', lineStart - 2) + 1;
  const lineEnd = text.indexOf('\n', index);
  const end = Math.min(lineEnd === -1 ? text.length : lineEnd, index + LINE_WINDOW);
  return text.slice(Math.max(previousStart, index - 2 * LINE_WINDOW), end);
}

/** IotHubCommunicationException that timed out, or a TimeoutException on an operation the log says was with the hub. */
function hubTimeoutAt(text: string, index: number, spec: ClassSpec): ClassSpec {
  if (spec.name !== HUB_COMMUNICATION_TIMEOUT.name && spec.name !== HUB_OPERATION_TIMEOUT.name) return spec;
  const around = lineAndPrevious(text, index);
  if (SOCKET_FAILURE_WORDS.test(around)) return spec;
  if (spec.name === HUB_COMMUNICATION_TIMEOUT.name) return TIMEOUT_WORDS.test(around) ? HUB_COMMUNICATION_TIMEOUT : spec;
  return HUB_PEER_WORDS.test(around) ? HUB_OPERATION_TIMEOUT : spec;
}

/** Error names, SDK exception classes, status-code names: known identifiers, then map look-ups. */
function recogniseIdentifiers(text: string, hits: Hit[]): void {
  for (const m of findKnownIdentifiers(text)) {
    const token = m.name;
    const inCatalog = CATALOG_NAMES.has(token);
    const sdk = SDK_CLASSES.get(token);
    const contextual = CONTEXTUAL_STATUS_NAMES.get(token);
    const v2 = V2_ERROR_CODE_NAMES.get(token);
    const arm = ARM_ERROR_CODES.get(token);
    if (!inCatalog && sdk === undefined && contextual === undefined && v2 === undefined && arm === undefined) continue;
    const prefix = before(text, m.index);
    if (arm !== undefined && ARM_CODE_FIELD_BEFORE.test(prefix)) {
      hits.push(hit(m.index, token, 'name', classCandidate(arm)));
      continue;
    }

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
      const read = hubTimeoutAt(text, m.index, sdk);
      hits.push(hit(m.index, token, read.platform === true ? 'network' : 'sdk-exception', classCandidate(read)));
    }
  }
}

/** In a paste about a direct method call, a 504 without its code is the device not answering (see DIRECT_METHOD_CALL). */
function readDirectMethodTimeouts(text: string, hits: Hit[]): void {
  const isTimeout = (h: Hit): boolean => h.candidate.httpStatus === 504 && h.candidate.code === null && h.candidate.category === 'service';
  if (!hits.some(isTimeout) || !DIRECT_METHOD_CALL.test(text)) return;
  const deviceTimeout = classCandidate(DIRECT_METHOD_TIMEOUT);
  hits.forEach((h, i) => {
    if (isTimeout(h)) hits[i] = { ...h, candidate: deviceTimeout };
  });
}

/** All evidence in the text, sorted by position. */
export function recogniseEvidence(text: string, triggers: TriggerHits = findTextTriggers(text)): Hit[] {
  const hits: Hit[] = [];
  recogniseCodes(text, recogniseArmCodes(text, hits), hits);
  recogniseLinks(text, triggers, hits);
  recogniseIdentifiers(text, hits);
  recogniseMqtt(text, triggers, hits);
  recogniseAmqp(text, triggers, hits);
  recogniseHttpStatus(text, triggers, hits);
  recogniseMessages(text, triggers, hits);
  recogniseNetwork(text, triggers, hits);
  readDirectMethodTimeouts(text, hits);
  hits.sort((a, b) => a.index - b.index || b.end - a.end);
  return hits;
}
