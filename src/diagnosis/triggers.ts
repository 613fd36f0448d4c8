// Trigger literals: one case-insensitive search for several rare literals, telling each pattern where it
// can match. A dozen patterns that each scan a megabyte for their own keyword cost a dozen scans; one
// alternation of the keywords costs about one, and each pattern is then tried only at its keywords.
import { matchesAtCandidates, stickyCopy } from './scan.ts';

export interface TriggerSet {
  readonly literals: readonly string[];
  /** Global, case-insensitive alternation of the literals. */
  readonly search: RegExp;
  /** Lower-cased literal → its index in `literals`. */
  readonly indexOf: ReadonlyMap<string, number>;
}

/** Where each trigger literal occurs in a text: the offsets of literal i, in order, are `byLiteral[i]`. */
export interface TriggerHits {
  byLiteral: number[][];
}

function escapeLiteral(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/**
 * Pairs of literals where one is a prefix of the other: at an offset where both occur the search reports
 * only one of them. A trigger set must have none (the search resumes one character after each match, so
 * literals that merely overlap or contain one another are all seen).
 */
export function prefixRelatedLiterals(literals: readonly string[]): [string, string][] {
  const lower = literals.map((literal) => literal.toLowerCase());
  const pairs: [string, string][] = [];
  lower.forEach((a, i) => {
    lower.forEach((b, j) => {
      if (i !== j && b.startsWith(a)) pairs.push([a, b]);
    });
  });
  return pairs;
}

export function triggerSet(literals: readonly string[]): TriggerSet {
  const related = prefixRelatedLiterals(literals);
  if (related.length > 0) throw new Error(`trigger literals that are prefixes of one another: ${related.map((pair) => pair.join(' / ')).join(', ')}`);
  if (literals.some((literal) => literal.length === 0 || /[^\x20-\x7e]/.test(literal))) throw new Error('trigger literals must be non-empty printable ASCII');
  return {
    literals,
    search: new RegExp(literals.map(escapeLiteral).join('|'), 'gi'),
    indexOf: new Map(literals.map((literal, index) => [literal.toLowerCase(), index])),
  };
}

export function findTriggers(set: TriggerSet, text: string): TriggerHits {
  const byLiteral: number[][] = set.literals.map(() => []);
  const { search, indexOf } = set;
  search.lastIndex = 0;
  for (let m = search.exec(text); m !== null; m = search.exec(text)) {
    // ASCII literals under a non-Unicode case-insensitive search only match ASCII text, so lower-casing
    // what matched gives the literal back.
    byLiteral[indexOf.get(m[0].toLowerCase()) ?? -1]?.push(m.index);
    // Resume right after the start, not after the match: another literal may begin inside this one.
    search.lastIndex = m.index + 1;
  }
  return { byLiteral };
}

/** Optional narrowing of the candidates of one pattern (see TriggeredPattern). */
export interface CandidateFilter {
  /** The earliest start a match of a keyword at `keywordOffset` can have, `maxLead` characters before it at most. */
  earliestStart?: (keywordOffset: number, maxLead: number) => number;
  accept?: (offset: number) => boolean;
}

/**
 * Candidate start offsets for a pattern whose matches begin `lead` characters before one of its literals
 * (several leads when the keyword has variable-length forms in front of it), sorted and without repeats.
 */
export function candidatesFor(hits: TriggerHits, literalLeads: ReadonlyMap<number, readonly number[]>, filter: CandidateFilter = {}): number[] {
  const range = candidateRange(hits, literalLeads);
  if (range === null) return [];
  // Keywords close together with many leads each (an id of up to 128 characters before "/$edge", a phrase
  // of up to 71 before "aziot-") name the same offsets again and again: a paste of "aziot-aziot-..." gives
  // some 70 candidates per character. Marking offsets keeps that linear; pushing them all and sorting did not.
  return range.count > 64 && range.last - range.first < range.count * 4 ? markedCandidates(hits, literalLeads, filter, range) : listedCandidates(hits, literalLeads, filter);
}

interface CandidateRange {
  /** Candidates before filtering (keyword occurrences times leads). */
  count: number;
  first: number;
  last: number;
}

function candidateRange(hits: TriggerHits, literalLeads: ReadonlyMap<number, readonly number[]>): CandidateRange | null {
  let count = 0;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const [literal, leads] of literalLeads) {
    const offsets = hits.byLiteral[literal] ?? [];
    const firstOffset = offsets[0];
    const lastOffset = offsets[offsets.length - 1];
    const longest = leads[0];
    const shortest = leads[leads.length - 1];
    if (firstOffset === undefined || lastOffset === undefined || longest === undefined || shortest === undefined) continue;
    count += offsets.length * leads.length;
    first = Math.min(first, firstOffset - longest);
    last = Math.max(last, lastOffset - shortest);
  }
  return count === 0 || last < 0 ? null : { count, first: Math.max(0, first), last };
}

/** Each candidate, literal by literal; sorted afterwards when literals or leads interleave. Leads are listed largest first. */
function listedCandidates(hits: TriggerHits, literalLeads: ReadonlyMap<number, readonly number[]>, filter: CandidateFilter): number[] {
  const { earliestStart, accept } = filter;
  const candidates: number[] = [];
  let sorted = true;
  for (const [literal, leads] of literalLeads) {
    let last = candidates.length === 0 ? -1 : (candidates[candidates.length - 1] ?? -1);
    for (const offset of hits.byLiteral[literal] ?? []) {
      const earliest = earliestStart === undefined ? 0 : earliestStart(offset, leads[0] ?? 0);
      for (const lead of leads) {
        const candidate = offset - lead;
        if (candidate < earliest || (accept !== undefined && !accept(candidate))) continue;
        if (candidate <= last) sorted = false;
        candidates.push(candidate);
        last = candidate;
      }
    }
  }
  if (sorted) return candidates;
  candidates.sort((a, b) => a - b);
  return candidates.filter((candidate, index) => index === 0 || candidate !== candidates[index - 1]);
}

const UNSEEN = 0;
const REFUSED = 1;
const ACCEPTED = 2;

/** The same candidates, each offset of the range marked once (accept() is asked once per offset), then read in order. */
function markedCandidates(hits: TriggerHits, literalLeads: ReadonlyMap<number, readonly number[]>, filter: CandidateFilter, range: CandidateRange): number[] {
  const { earliestStart, accept } = filter;
  const marks = new Uint8Array(range.last - range.first + 1);
  for (const [literal, leads] of literalLeads) {
    for (const offset of hits.byLiteral[literal] ?? []) {
      const earliest = earliestStart === undefined ? 0 : earliestStart(offset, leads[0] ?? 0);
      for (const lead of leads) {
        const candidate = offset - lead;
        if (candidate < earliest || marks[candidate - range.first] !== UNSEEN) continue;
        marks[candidate - range.first] = accept === undefined || accept(candidate) ? ACCEPTED : REFUSED;
      }
    }
  }
  const candidates: number[] = [];
  for (let at = 0; at < marks.length; at += 1) if (marks[at] === ACCEPTED) candidates.push(range.first + at);
  return candidates;
}

/** A global pattern and where its matches start relative to trigger literals. */
export interface TriggeredPattern {
  pattern: RegExp;
  /** Trigger literal → how many characters before it a match can start (0: at the literal). */
  starts: Readonly<Record<string, readonly number[]>>;
  /** Optional quick test of a candidate start (e.g. the pattern's leading lookbehind); must accept every real match. */
  canStartAt?: (text: string, offset: number) => boolean;
  /**
   * Optional: the characters a match can have between its start and its keyword. With long variable leads
   * (an id of up to 128 characters before "/$edge"), candidates then stop at the first other character.
   */
  leadChars?: (code: number) => boolean;
}

export interface CompiledTriggeredPattern {
  sticky: RegExp;
  /** Trigger literal index → leads. */
  leads: ReadonlyMap<number, readonly number[]>;
  canStartAt: ((text: string, offset: number) => boolean) | undefined;
  leadChars: ((code: number) => boolean) | undefined;
}

/** One trigger set for all the start literals of `patterns`. */
export function triggerSetFor(patterns: readonly TriggeredPattern[]): TriggerSet {
  return triggerSet([...new Set(patterns.flatMap((p) => Object.keys(p.starts).map((literal) => literal.toLowerCase())))]);
}

export function compileTriggered(set: TriggerSet, spec: TriggeredPattern): CompiledTriggeredPattern {
  const leads = new Map<number, readonly number[]>();
  for (const [literal, offsets] of Object.entries(spec.starts)) {
    const index = set.indexOf.get(literal.toLowerCase());
    if (index === undefined) throw new Error(`trigger literal not in its set: ${literal}`);
    leads.set(index, [...offsets].sort((a, b) => b - a));
  }
  return { sticky: stickyCopy(spec.pattern), leads, canStartAt: spec.canStartAt, leadChars: spec.leadChars };
}

function candidatesOf(compiled: CompiledTriggeredPattern, text: string, hits: TriggerHits): number[] {
  const { canStartAt, leadChars } = compiled;
  return candidatesFor(hits, compiled.leads, {
    earliestStart:
      leadChars === undefined
        ? undefined
        : (keywordOffset, maxLead) => {
            let start = keywordOffset;
            while (start > 0 && keywordOffset - start < maxLead && leadChars(text.charCodeAt(start - 1))) start -= 1;
            return start;
          },
    accept: canStartAt === undefined ? undefined : (offset) => canStartAt(text, offset),
  });
}

/** The matches a global scan of the pattern would find (at most `limit`), tried only at its triggers. */
export function triggeredMatches(compiled: CompiledTriggeredPattern, text: string, hits: TriggerHits, limit: number): RegExpExecArray[] {
  const candidates = candidatesOf(compiled, text, hits);
  return candidates.length === 0 ? [] : matchesAtCandidates(compiled.sticky, text, candidates, limit);
}

/** Whether the pattern matches anywhere in the text (what pattern.test(text) says), tried only at its triggers. */
export function triggeredTest(compiled: CompiledTriggeredPattern, text: string, hits: TriggerHits): boolean {
  for (const offset of candidatesOf(compiled, text, hits)) {
    compiled.sticky.lastIndex = offset;
    if (compiled.sticky.test(text)) return true;
  }
  return false;
}
