// PURE. What people type into a failover (the justification, the reject reason) is redacted like a paste
// before anything validates, stores, shows or logs it: the same rules (redactSecrets), the same [REDACTED] in
// place of each value. Text that held nothing but secrets is then empty, so it is refused as missing instead
// of being stored as "SharedAccessKey=[REDACTED]".
import { REDACTED, redactSecrets } from '../diagnosis/redact.ts';
import type { SecretKind } from '../diagnosis/types.ts';

export interface TypedText {
  /** Trimmed, every secret value replaced with [REDACTED]; '' when nothing but secrets was typed. */
  text: string;
  /** Kinds of the secrets removed ([] when none). */
  secretsRemoved: SecretKind[];
}

// Words that only name or introduce a secret ("SharedAccessKey=", "password:", "Bearer"): once the value
// after them is redacted they say nothing of why a failover is needed.
const SECRET_LABELS = new Set([
  'sharedaccesskey',
  'sharedaccesssignature',
  'accountkey',
  'password',
  'passwd',
  'pwd',
  'primarykey',
  'primary_key',
  'primary-key',
  '--primary-key',
  'secondarykey',
  'secondary_key',
  'secondary-key',
  '--secondary-key',
  'accesstoken',
  'access_token',
  'refreshtoken',
  'refresh_token',
  'idtoken',
  'id_token',
  'authorization',
  'bearer',
  'sig',
]);

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** A word that says something: not (part of) a secret, not a secret's label, not punctuation alone. */
function saysSomething(word: string): boolean {
  if (word.includes(REDACTED)) return false;
  const label = word.replace(/^["'`]+|["'`=:]+$/g, '').toLowerCase();
  return !SECRET_LABELS.has(label) && LETTER_OR_DIGIT.test(word);
}

/** The typed text with its secrets redacted, and which kinds were removed. */
export function redactTypedText(typed: string): TypedText {
  const { text, report } = redactSecrets(typed);
  const trimmed = text.trim();
  if (report.count === 0) return { text: trimmed, secretsRemoved: [] };
  const substance = trimmed.split(/\s+/).some(saysSomething);
  return { text: substance ? trimmed : '', secretsRemoved: report.kinds };
}
