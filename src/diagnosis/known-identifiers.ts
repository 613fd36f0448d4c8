// Finds the identifiers of a text that belong to a fixed set of names (error names, SDK classes ...).
//
// The meaning is that of a scan of every identifier (IDENTIFIER below) followed by a set look-up, but a
// paste has some 80,000 identifiers per megabyte and only a few thousand are names we know: one global
// search for the names themselves (a literal alternation, which the regex engine scans quickly) and a
// check that the occurrence is a whole identifier of that scan do the same work in a fraction of the time.
import { isWordCode } from './scan.ts';

/** An identifier, as the recognisers tokenise text: a letter or '_' then at least two word characters. */
export const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]{2,}/g;
const IS_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{2,}$/;

export interface KnownIdentifier {
  index: number;
  name: string;
}

export type KnownIdentifierFinder = (text: string) => KnownIdentifier[];

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/**
 * An occurrence of a name at `index` is an identifier of the full scan when nothing word-like follows it
 * and it is not the tail of an earlier identifier: only digits (which cannot start one) may precede it
 * within its run of word characters.
 */
function isWholeIdentifier(text: string, index: number, length: number): boolean {
  if (isWordCode(text.charCodeAt(index + length))) return false;
  let before = index - 1;
  while (before >= 0 && isDigit(text.charCodeAt(before))) before -= 1;
  return before < 0 || !isWordCode(text.charCodeAt(before));
}

/**
 * Where the full scan would have stopped: it reads at most `maxIdentifiers` identifiers. Identifiers are
 * at least 3 characters and separated by at least one other character, so shorter texts never reach the
 * bound and are not counted.
 */
function scanEnd(text: string, maxIdentifiers: number): number {
  if (text.length + 1 < 4 * (maxIdentifiers + 1)) return text.length;
  IDENTIFIER.lastIndex = 0;
  for (let seen = 0; seen < maxIdentifiers; seen += 1) if (!IDENTIFIER.test(text)) return text.length;
  return IDENTIFIER.lastIndex;
}

/**
 * A finder for `names` (names that are not identifiers can never be found and are ignored), reading at
 * most `maxIdentifiers` identifiers of the text, as the full scan would.
 */
export function knownIdentifierFinder(names: Iterable<string>, maxIdentifiers: number): KnownIdentifierFinder {
  // Longest first, so that where one name is a prefix of another the longer is tried first; a shorter one
  // there could not be a whole identifier anyway. Names are literal word characters: nothing to escape.
  const identifiers = [...new Set(names)].filter((name) => IS_IDENTIFIER.test(name)).sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  if (identifiers.length === 0) return () => [];
  const search = new RegExp(identifiers.join('|'), 'g');
  return (text) => {
    const end = scanEnd(text, maxIdentifiers);
    const found: KnownIdentifier[] = [];
    search.lastIndex = 0;
    // Matches never overlap, and none is skipped: a name starting inside another match is preceded by a
    // letter of the same run of word characters, so it would not be a whole identifier.
    for (let m = search.exec(text); m !== null && m.index < end; m = search.exec(text)) {
      if (isWholeIdentifier(text, m.index, m[0].length)) found.push({ index: m.index, name: m[0] });
    }
    return found;
  };
}
