// Finds secrets in pasted text and replaces their values before anything else reads the text.
// The patterns tolerate the shapes pastes arrive in: raw, JSON-escaped once or more (\" \u0026 \/),
// HTML-encoded (&quot; &#43;) and URL-encoded (%2B).
// Every rule's match begins at a keyword (SharedAccessKey, sig, Bearer ...): one search for all the
// keywords (triggers.ts) says where each rule can match, instead of each rule scanning the whole paste.
// The rules are linear: an attempt costs in proportion to what it reads (the atoms of a repetition start with
// different characters, and where two repeats meet the second cannot start with what the first matches), and
// attempts do not read the same text again (free text between a keyword and its value is bounded and stops at the
// next occurrence of the keyword). Whitespace around an optional quote is written \s*(?:QUOTE\s*)? and never
// \s*QUOTE?\s*, which tries every split of a long run of spaces (`SharedAccessKey=` and 64 K spaces took 17 s).
// test/unit/diagnosis/linear-time.test.ts holds every keyword to this.
import { compileTriggered, findTriggers, triggeredMatches, triggerSetFor, type CompiledTriggeredPattern, type TriggerHits, type TriggeredPattern } from './triggers.ts';
import type { SecretKind, SecretReport } from './types.ts';

export const REDACTED = '[REDACTED]';

export interface RedactionResult {
  text: string;
  report: SecretReport;
}

/** Every kind, in the order reports list them. */
export const SECRET_KIND_ORDER: readonly SecretKind[] = [
  'shared-access-key',
  'sas-signature',
  'primary-key',
  'secondary-key',
  'storage-account-key',
  'bearer-token',
  'connection-string-password',
  'client-secret',
  'private-key',
];

// A quote as it appears raw, JSON-escaped (\" \\\" \u0022), or HTML-encoded.
const QUOTE = String.raw`(?:\\*["'` + '`' + String.raw`]|&quot;|&apos;|&#0*3[49];|&#[xX]0*2[27];|\\*u00(?:22|27))`;
// '=' raw, JSON-escaped by Gson (\u003d), HTML-encoded, or URL-encoded once or more (%3D, %253D).
const EQUALS = String.raw`(?:=|\\*u003[dD]|&#0*61;|&#[xX]0*3[dD];|%(?:25)*3[dD])`;
// Between a field name and its value: "name": / name= / the malformed "name";" seen in the dev corpus.
const SEPARATOR = String.raw`(?:${QUOTE}?\s*(?:${EQUALS}|:)|${QUOTE}\s*;)\s*(?:${QUOTE}\s*)?`;

// One character of a value: anything that cannot end a value, an escaped character that is not a
// quote, '&', ';', '<', '>' or '\', or an HTML entity for such a character.
const VALUE_ATOM = [
  String.raw`[^\s;"'` + '`' + String.raw`\\&<>,()}\[\]|]`,
  String.raw`\\+\/`,
  String.raw`\\+u00(?!22|27|26|3[bBcCeE]|5[cC])[0-9a-fA-F]{2}`,
  String.raw`&#(?!0*(?:34|39|38|59|60|62|44);)\d{1,4};`,
  String.raw`&#[xX](?!0*(?:22|27|26|3[bBcCeE]|2[cC]);)[0-9a-fA-F]{1,4};`,
  String.raw`&(?:plus|sol|equals|percnt|lowbar|period|ast|excl|commat|dollar|num|colon|quest|tilde);`,
].join('|');
const VALUE = String.raw`(?<value>(?:${VALUE_ATOM})+)`;
// Entra client secrets may contain '[' and ']' (older generated secrets did); everything else ends them as it ends any value.
const CLIENT_SECRET_VALUE = String.raw`(?<value>(?:${VALUE_ATOM}|[\[\]])+)`;
// A storage account key is 64 random bytes: 86 base64 characters and '=='.
// Base64 padding ends a value: what follows "==" is another token (glued on by a paste, or redacted itself by a
// later rule), so it must not decide whether this is a key, or a second pass would find what the first missed.
const ACCOUNT_KEY_VALUE = String.raw`(?<value>[A-Za-z0-9+/]{86}==)(?!=)`;

export interface SecretRule extends TriggeredPattern {
  kind: SecretKind | ((match: RegExpExecArray) => SecretKind);
  /** Keep the text before the value; replace the whole match otherwise. */
  wholeMatch?: boolean;
  minLength?: number;
  /** Values of this shape name a secret kept elsewhere ($AZURE_CLIENT_SECRET, %SECRET%): left as they are. */
  reference?: RegExp;
}

const AT_KEYWORD = [0] as const;
const PRIMARY_OR_SECONDARY = { primary: AT_KEYWORD, secondary: AT_KEYWORD };
const VARIABLE_REFERENCE = /^(?:\$\{?[A-Za-z_][A-Za-z0-9_.]*\}?|%[A-Za-z_][A-Za-z0-9_]*%)$/;
const STORAGE_KEY_NAMES = { key1: AT_KEYWORD, key2: AT_KEYWORD, kerb1: AT_KEYWORD, kerb2: AT_KEYWORD };

export const SECRET_RULES: readonly SecretRule[] = [
  {
    kind: 'private-key',
    // The body (base64, escaped newlines, Proc-Type/DEK-Info headers) cannot contain '-----'.
    pattern: /-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----(?:[A-Za-z0-9+/=\s\\:,]|-(?!----))*(?:-----END (?:[A-Z]+ )*PRIVATE KEY-----)?/g,
    starts: { '-----begin': AT_KEYWORD },
    wholeMatch: true,
  },
  { kind: 'shared-access-key', pattern: new RegExp(String.raw`SharedAccessKey${SEPARATOR}${VALUE}`, 'gi'), starts: { sharedaccesskey: AT_KEYWORD } },
  { kind: 'sas-signature', pattern: new RegExp(String.raw`(?:(?<![A-Za-z0-9])|(?<=u0026)|(?<=%(?:25)*26))sig${EQUALS}${VALUE}`, 'g'), starts: { sig: AT_KEYWORD } },
  {
    kind: (m) => (m.groups?.['which']?.toLowerCase() === 'secondary' ? 'secondary-key' : 'primary-key'),
    pattern: new RegExp(String.raw`(?<![A-Za-z0-9])(?<which>primary|secondary)[_-]?key${SEPARATOR}${VALUE}`, 'gi'),
    starts: PRIMARY_OR_SECONDARY,
  },
  {
    kind: (m) => (m.groups?.['which']?.toLowerCase() === 'secondary' ? 'secondary-key' : 'primary-key'),
    pattern: new RegExp(String.raw`--(?<which>primary|secondary)-key(?:=|\s+)${QUOTE}?${VALUE}`, 'gi'),
    starts: { primary: [2], secondary: [2] },
  },
  { kind: 'storage-account-key', pattern: new RegExp(String.raw`AccountKey${SEPARATOR}${VALUE}`, 'gi'), starts: { accountkey: AT_KEYWORD } },
  // `az storage account keys list`, JSON ({"keyName": "key1", "permissions": "FULL", "value": "<key>"}) or Az PowerShell's
  // ({"KeyName": "key1", "Value": "<key>"}): a 64-byte key in the "value" field of the object that names key1 or key2.
  {
    kind: 'storage-account-key',
    pattern: new RegExp(String.raw`(?<![A-Za-z0-9])(?:key|kerb)[12]${QUOTE}(?:(?!(?:key|kerb)[12])[^{}]){0,300}?(?<=["';]|u002[27])value${QUOTE}\s*:\s*${QUOTE}${ACCOUNT_KEY_VALUE}`, 'gi'),
    starts: STORAGE_KEY_NAMES,
  },
  // The same as a table or tsv, "key1  FULL  <key>", or as Az PowerShell prints it, "key1 <key> Full". A bare key
  // (`--query [0].value -o tsv`) has nothing to tell it from other base64 and is not found.
  {
    kind: 'storage-account-key',
    pattern: new RegExp(String.raw`(?<![A-Za-z0-9])(?:key|kerb)[12][ \t]{1,64}(?:(?:full|read)[ \t]{1,64})?${ACCOUNT_KEY_VALUE}`, 'gi'),
    starts: STORAGE_KEY_NAMES,
  },
  // Microsoft Entra (Azure AD) application secrets: AZURE_CLIENT_SECRET=, "clientSecret": , client_secret= in form bodies and URLs.
  // The keyword is "secret" ("clientsecret" and the like would make the search for all keywords three times slower).
  {
    kind: 'client-secret',
    pattern: new RegExp(String.raw`client[_-]?secret${SEPARATOR}${CLIENT_SECRET_VALUE}`, 'gi'),
    starts: { secret: [6, 7] },
    canStartAt: (text, offset) => (text.charCodeAt(offset) | 0x20) === 0x63 /* c */,
    minLength: 8,
    reference: VARIABLE_REFERENCE,
  },
  {
    kind: 'client-secret',
    pattern: new RegExp(String.raw`--client-secret(?:=|[ \t]{1,16})${QUOTE}?${CLIENT_SECRET_VALUE}`, 'gi'),
    starts: { secret: [9] },
    minLength: 8,
    reference: VARIABLE_REFERENCE,
  },
  // az login [--service-principal] -u <app or user> -p <secret or password>: a client secret when it signs in a service principal.
  {
    kind: (m) => (/--service-principal\b/i.test(m[0]) ? 'client-secret' : 'connection-string-password'),
    pattern: new RegExp(String.raw`\baz login\b(?:(?!az login)[^\n]){0,400}?[ \t](?:-p|--password)(?:=|[ \t]{1,16})${QUOTE}?${CLIENT_SECRET_VALUE}`, 'gi'),
    starts: { 'az login': AT_KEYWORD },
    reference: VARIABLE_REFERENCE,
  },
  {
    kind: 'connection-string-password',
    pattern: new RegExp(String.raw`(?<![A-Za-z0-9])(?:password|passwd|pwd)${SEPARATOR}${VALUE}`, 'gi'),
    starts: { passw: AT_KEYWORD, pwd: AT_KEYWORD },
  },
  { kind: 'bearer-token', pattern: /\bBearer\s+(?<value>[A-Za-z0-9\-._~+/]+=*)/gi, starts: { bearer: AT_KEYWORD }, minLength: 16 },
  {
    kind: 'bearer-token',
    pattern: new RegExp(String.raw`(?<![A-Za-z0-9])(?:access|refresh|id)_?token${SEPARATOR}${VALUE}`, 'gi'),
    // id, id_, access, access_ / refresh, refresh_
    starts: { token: [2, 3, 6, 7, 8] },
    minLength: 16,
  },
  // A JSON Web Token anywhere (header.payload.signature, or what is left of one after a cut).
  { kind: 'bearer-token', pattern: /eyJ[A-Za-z0-9_-]{10,}(?:\.[A-Za-z0-9_-]*){0,2}/g, starts: { eyj: AT_KEYWORD }, wholeMatch: true },
];

/** The keywords of every rule, found by one search. */
export const SECRET_TRIGGERS = triggerSetFor(SECRET_RULES);

interface CompiledRule {
  rule: SecretRule;
  matcher: CompiledTriggeredPattern;
}

const compiledRules: readonly CompiledRule[] = SECRET_RULES.map((rule) => ({ rule, matcher: compileTriggered(SECRET_TRIGGERS, rule) }));

/** Where the rules' keywords are in `text`. */
export function findSecretTriggers(text: string): TriggerHits {
  return findTriggers(SECRET_TRIGGERS, text);
}

/** Values that are not secrets: empty fields, masks users typed, earlier redactions. */
export function isPlaceholderValue(value: string): boolean {
  return /^(?:null|none|undefined|nil|true|false|redacted|\[?redacted\]?)$/i.test(value) || /^[*xX.•-]+$/.test(value);
}

/** Replaces every secret value with [REDACTED] and reports how many of which kind were found. */
export function redactSecrets(text: string): RedactionResult {
  const { text: out, report } = redactionPass(text);
  return { text: out, report };
}

/** A redaction, with where the rules' keywords are in its output. */
export interface RedactionPass extends RedactionResult {
  triggers: TriggerHits;
}

/**
 * redactSecrets, taking where the keywords are when that is already known: the `triggers` of the pass
 * that produced `text` hold for it ("[REDACTED]" contains no keyword), so a second pass over the same
 * text need not search again.
 */
export function redactionPass(text: string, known?: TriggerHits): RedactionPass {
  let count = 0;
  const kinds = new Set<SecretKind>();
  let out = text;
  let triggers = known ?? findSecretTriggers(text);
  for (const { rule, matcher } of compiledRules) {
    const applied = applyRule(out, rule, triggeredMatches(matcher, out, triggers, Number.POSITIVE_INFINITY), (kind) => {
      count += 1;
      kinds.add(kind);
    });
    if (applied.edits.length === 0) continue;
    out = applied.text;
    // Later rules read the redacted text: move the keyword offsets by what was replaced. "[REDACTED]"
    // contains no keyword, so no keyword appears that was not there before.
    triggers = shiftTriggers(triggers, applied.edits);
  }
  return { text: out, report: { count, kinds: SECRET_KIND_ORDER.filter((kind) => kinds.has(kind)) }, triggers };
}

/** A replaced stretch: `length` characters at `start` (offsets before the replacement) became `REDACTED`. */
interface Edit {
  start: number;
  length: number;
}

function applyRule(text: string, rule: SecretRule, matches: readonly RegExpExecArray[], onSecret: (kind: SecretKind) => void): { text: string; edits: Edit[] } {
  let out = '';
  let copiedUpTo = 0;
  const edits: Edit[] = [];
  for (const match of matches) {
    const whole = match[0];
    const value = rule.wholeMatch ? whole : match.groups?.['value'];
    if (value === undefined || isPlaceholderValue(value) || value.length < (rule.minLength ?? 1) || rule.reference?.test(value) === true) continue;
    onSecret(typeof rule.kind === 'function' ? rule.kind(match) : rule.kind);
    const kept = rule.wholeMatch ? '' : whole.slice(0, whole.length - value.length);
    out += text.slice(copiedUpTo, match.index) + kept + REDACTED;
    copiedUpTo = match.index + whole.length;
    edits.push({ start: match.index + kept.length, length: value.length });
  }
  return copiedUpTo === 0 ? { text, edits } : { text: out + text.slice(copiedUpTo), edits };
}

/** Trigger offsets after `edits` (sorted, disjoint); one inside a replaced stretch moves to its start. */
function shiftTriggers(triggers: TriggerHits, edits: readonly Edit[]): TriggerHits {
  return { byLiteral: triggers.byLiteral.map((offsets) => shiftOffsets(offsets, edits)) };
}

function shiftOffsets(offsets: readonly number[], edits: readonly Edit[]): number[] {
  const shifted: number[] = [];
  let shift = 0;
  let next = 0;
  for (const offset of offsets) {
    for (let edit = edits[next]; edit !== undefined && edit.start + edit.length <= offset; edit = edits[++next]) shift += REDACTED.length - edit.length;
    const edit = edits[next];
    shifted.push(edit !== undefined && edit.start <= offset ? edit.start + shift : offset + shift);
  }
  return shifted;
}

/** Adds two reports (e.g. the pass on the raw paste and the pass after unwrapping). */
export function mergeSecretReports(a: SecretReport, b: SecretReport): SecretReport {
  const kinds = new Set([...a.kinds, ...b.kinds]);
  return { count: a.count + b.count, kinds: SECRET_KIND_ORDER.filter((kind) => kinds.has(kind)) };
}
