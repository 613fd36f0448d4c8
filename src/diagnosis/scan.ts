// Scanning helpers shared by the recognisers: bounded global scans, and "the matches a global scan would
// find" computed from a few candidate offsets (see triggers.ts for where the candidates come from).

/** Calls `onMatch` for each match of a global regex, in order, at most `limit` times; empty matches are skipped. */
export function forEachMatch(pattern: RegExp, text: string, limit: number, onMatch: (match: RegExpExecArray) => void): void {
  pattern.lastIndex = 0;
  let produced = 0;
  for (let m = pattern.exec(text); m !== null && produced < limit; m = pattern.exec(text)) {
    if (m[0].length === 0) {
      pattern.lastIndex += 1;
      continue;
    }
    produced += 1;
    onMatch(m);
  }
}

/** The same pattern with the sticky flag (and without the global one): it matches only where lastIndex is. */
export function stickyCopy(pattern: RegExp): RegExp {
  return new RegExp(pattern.source, `${pattern.flags.replace(/[gy]/g, '')}y`);
}

/**
 * The matches a global scan of `sticky`'s pattern would produce, given sorted offsets that include every
 * offset where a match can start: each candidate is tried in order, and candidates inside the previous
 * match are skipped exactly as a global scan skips them. Stops after `limit` non-empty matches.
 */
export function matchesAtCandidates(sticky: RegExp, text: string, candidates: readonly number[], limit: number): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  let resumeAt = 0;
  for (const candidate of candidates) {
    if (candidate < resumeAt) continue;
    sticky.lastIndex = candidate;
    const m = sticky.exec(text);
    if (m === null) continue;
    if (m[0].length === 0) {
      resumeAt = candidate + 1;
      continue;
    }
    found.push(m);
    if (found.length >= limit) break;
    resumeAt = candidate + m[0].length;
  }
  return found;
}

/** [A-Za-z0-9] */
export function isAsciiAlphanumeric(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a);
}

/** [A-Za-z0-9_] (\w) */
export function isWordCode(code: number): boolean {
  return code === 0x5f || isAsciiAlphanumeric(code);
}
