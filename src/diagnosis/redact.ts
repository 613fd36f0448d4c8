// Finds secrets in pasted text and replaces their values before anything else reads the text.
// The patterns tolerate the shapes pastes arrive in: raw, JSON-escaped once or more (\" \u0026 \/),
// HTML-encoded (&quot; &#43;) and URL-encoded (%2B). Every pattern is linear: each repetition
// is over atoms that start with different characters, so there is nothing to backtrack into.
import type { SecretKind, SecretReport } from './types.ts';

export const REDACTED = '[REDACTED]';

export interface RedactionResult {
  text: string;
  report: SecretReport;
}

const SECRET_KIND_ORDER: readonly SecretKind[] = [
  'shared-access-key',
  'sas-signature',
  'primary-key',
  'secondary-key',
  'storage-account-key',
  'bearer-token',
  'connection-string-password',
  'private-key',
];

// A quote as it appears raw, JSON-escaped (\" \\\" \u0022), or HTML-encoded.
const QUOTE = String.raw`(?:\\*["'` + '`' + String.raw`]|&quot;|&apos;|&#0*3[49];|&#[xX]0*2[27];|\\*u00(?:22|27))`;
// '=' raw, JSON-escaped by Gson (\u003d), HTML- or URL-encoded.
const EQUALS = String.raw`(?:=|\\*u003[dD]|&#0*61;|&#[xX]0*3[dD];|%3[dD])`;
// Between a field name and its value: "name": / name= / the malformed "name";" seen in the dev corpus.
const SEPARATOR = String.raw`(?:${QUOTE}?\s*(?:${EQUALS}|:)|${QUOTE}\s*;)\s*${QUOTE}?\s*`;

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

interface SecretRule {
  kind: SecretKind | ((match: RegExpExecArray) => SecretKind);
  pattern: RegExp;
  /** Keep the text before the value; replace the whole match otherwise. */
  wholeMatch?: boolean;
  minLength?: number;
}

const rules: readonly SecretRule[] = [
  {
    kind: 'private-key',
    // The body (base64, escaped newlines, Proc-Type/DEK-Info headers) cannot contain '-----'.
    pattern: /-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----(?:[A-Za-z0-9+/=\s\\:,]|-(?!----))*(?:-----END (?:[A-Z]+ )*PRIVATE KEY-----)?/g,
    wholeMatch: true,
  },
  { kind: 'shared-access-key', pattern: new RegExp(String.raw`SharedAccessKey${SEPARATOR}${VALUE}`, 'gi') },
  { kind: 'sas-signature', pattern: new RegExp(String.raw`(?:(?<![A-Za-z0-9])|(?<=u0026)|(?<=%26))sig${EQUALS}${VALUE}`, 'g') },
  {
    kind: (m) => (m.groups?.['which']?.toLowerCase() === 'secondary' ? 'secondary-key' : 'primary-key'),
    pattern: new RegExp(String.raw`(?<![A-Za-z0-9])(?<which>primary|secondary)[_-]?key${SEPARATOR}${VALUE}`, 'gi'),
  },
  {
    kind: (m) => (m.groups?.['which']?.toLowerCase() === 'secondary' ? 'secondary-key' : 'primary-key'),
    pattern: new RegExp(String.raw`--(?<which>primary|secondary)-key(?:=|\s+)${QUOTE}?${VALUE}`, 'gi'),
  },
  { kind: 'storage-account-key', pattern: new RegExp(String.raw`AccountKey${SEPARATOR}${VALUE}`, 'gi') },
  { kind: 'connection-string-password', pattern: new RegExp(String.raw`(?<![A-Za-z0-9])(?:password|passwd|pwd)${SEPARATOR}${VALUE}`, 'gi') },
  { kind: 'bearer-token', pattern: /\bBearer\s+(?<value>[A-Za-z0-9\-._~+/]+=*)/gi, minLength: 16 },
  { kind: 'bearer-token', pattern: new RegExp(String.raw`(?<![A-Za-z0-9])(?:access|refresh|id)_?token${SEPARATOR}${VALUE}`, 'gi'), minLength: 16 },
  // A JSON Web Token anywhere (header.payload.signature, or what is left of one after a cut).
  { kind: 'bearer-token', pattern: /eyJ[A-Za-z0-9_-]{10,}(?:\.[A-Za-z0-9_-]*){0,2}/g, wholeMatch: true },
];

/** Values that are not secrets: empty fields, masks users typed, earlier redactions. */
function isPlaceholderValue(value: string): boolean {
  return /^(?:null|none|undefined|nil|true|false|redacted|\[?redacted\]?)$/i.test(value) || /^[*xX.•-]+$/.test(value);
}

/** Replaces every secret value with [REDACTED] and reports how many of which kind were found. */
export function redactSecrets(text: string): RedactionResult {
  let count = 0;
  const kinds = new Set<SecretKind>();
  let out = text;
  for (const rule of rules) {
    out = applyRule(out, rule, (kind) => {
      count += 1;
      kinds.add(kind);
    });
  }
  return { text: out, report: { count, kinds: SECRET_KIND_ORDER.filter((kind) => kinds.has(kind)) } };
}

function applyRule(text: string, rule: SecretRule, onSecret: (kind: SecretKind) => void): string {
  const pattern = rule.pattern;
  pattern.lastIndex = 0;
  let out = '';
  let copiedUpTo = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const whole = match[0];
    const value = rule.wholeMatch ? whole : match.groups?.['value'];
    if (value === undefined || isPlaceholderValue(value) || value.length < (rule.minLength ?? 1)) continue;
    onSecret(typeof rule.kind === 'function' ? rule.kind(match) : rule.kind);
    const kept = rule.wholeMatch ? '' : whole.slice(0, whole.length - value.length);
    out += text.slice(copiedUpTo, match.index) + kept + REDACTED;
    copiedUpTo = match.index + whole.length;
  }
  return copiedUpTo === 0 ? text : out + text.slice(copiedUpTo);
}

/** Adds two reports (e.g. the pass on the raw paste and the pass after unwrapping). */
export function mergeSecretReports(a: SecretReport, b: SecretReport): SecretReport {
  const kinds = new Set([...a.kinds, ...b.kinds]);
  return { count: a.count + b.count, kinds: SECRET_KIND_ORDER.filter((kind) => kinds.has(kind)) };
}
